import rule from '../../rules/unknown-kind.js';
import { testRule } from '../helpers/test-rule.js';

const monitor = 'apiVersion: gadgets.example.org/v1\nkind: Gadget\nmetadata: {name: web}\n';
const catalogued = 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: web}\nspec: {selector: {}, endpoints: []}\n';

testRule(rule, {
  valid: [
    { name: 'a removed apiVersion is left to removed-api-version', code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: a}\n' },
    { name: 'a custom kind without CRD is not an error by default', code: monitor },
    { name: 'a kind of the bundled catalog has a schema, even with --reject-unknown-kinds', code: catalogued, options: { rejectUnknownKinds: true } },
    { name: 'a kubeconfig is not an API object', code: 'apiVersion: v1\nkind: Config\nclusters: []\n' },
    { name: 'a kustomization is not an API object', code: 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n' },
    { name: 'a tool format with a dotless group far from any Kubernetes group', code: 'apiVersion: release-notes/v2\nkind: ReleaseNote\nmetadata: {name: v1.2}\n' },
    { name: 'descheduler policy is tool configuration', code: 'apiVersion: descheduler/v1alpha2\nkind: DeschedulerPolicy\nprofiles: []\n' },
    { name: 'an IstioOperator profile is install configuration', code: 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec: {profile: demo}\n' },
    { name: 'a component configuration', code: 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\nprofiles: []\n' },
  ],
  invalid: [
    {
      name: 'misspelt built-in kind, with a suggestion',
      code: 'apiVersion: apps/v1\nkind: Deploymnet\nmetadata: {name: web}\n',
      errors: [{ message: 'Kubernetes serves no kind `Deploymnet` in `apps/v1`, so kubectl fails with "no matches for kind"; did you mean `Deployment`?', line: 2, column: 7 }],
    },
    {
      name: 'a kind in the wrong group',
      code: 'apiVersion: apps/v1\nkind: CronJob\nmetadata: {name: nightly}\n',
      errors: [{ message: 'Kubernetes serves no kind `CronJob` in `apps/v1`, so kubectl fails with "no matches for kind"; `CronJob` is served as `batch/v1`', line: 2, column: 7 }],
    },
    {
      name: 'a misspelt built-in group',
      code: 'apiVersion: app/v1\nkind: Deployment\nmetadata: {name: web}\n',
      errors: [
        {
          message: 'Kubernetes has no API group `app` (`app/v1`), and custom resource groups contain a dot, so kubectl fails with "no matches for kind"; `Deployment` is served as `apps/v1`',
          line: 1,
          column: 13,
        },
      ],
    },
    {
      name: 'a group one letter from a built-in one',
      code: 'apiVersion: bach/v1\nkind: Job\nmetadata: {name: nightly}\n',
      errors: [{ message: 'Kubernetes has no API group `bach` (`bach/v1`), and custom resource groups contain a dot, so kubectl fails with "no matches for kind"; `Job` is served as `batch/v1`', line: 1, column: 13 }],
    },
    {
      name: 'a custom kind without CRD with --reject-unknown-kinds',
      code: monitor,
      options: { rejectUnknownKinds: true },
      errors: [
        {
          message: 'Gadget `web` (`gadgets.example.org/v1`) has no schema: no CustomResourceDefinition for it is among the linted files or the bundled catalog; add it, or pass it with `--crds`',
          line: 2,
          column: 7,
        },
      ],
    },
  ],
});
