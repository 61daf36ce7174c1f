import rule from '../../rules/removed-api-version.js';
import { crdManifest } from '../helpers/crd.js';
import { testRule } from '../helpers/test-rule.js';

const object = (apiVersion: string, kind: string, name = 'web', rest = '') =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n${rest}`;
const v = (kubernetesVersion: string) => ({ kubernetesVersion });
const FLOWCONTROL = 'flowcontrol.apiserver.k8s.io';
const PSP_ADVICE = 'it has no replacement: enforce pod security with Pod Security Admission (the `pod-security.kubernetes.io/enforce` namespace label) or a third-party admission webhook';

const widgetCrd = `${crdManifest('Widget', 'example.com', `    - {name: v1alpha1, served: false, storage: false, schema: {openAPIV3Schema: {type: object}}}
    - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object}}}
`)}---
`;

testRule(rule, {
  valid: [
    { name: 'a served version of a bundled CRD', code: object('cert-manager.io/v1', 'Certificate') },
    { name: 'a version the bundled catalog no longer serves is deprecated-api-version\'s', code: object('external-secrets.io/v1beta1', 'ExternalSecret') },
    // 1.23
    { name: '1.23 serves batch/v1beta1 CronJob (deprecated-api-version warns)', code: object('batch/v1beta1', 'CronJob'), options: v('1.23') },
    { name: '1.23 serves policy/v1beta1 PodSecurityPolicy', code: object('policy/v1beta1', 'PodSecurityPolicy'), options: v('1.23') },
    { name: '1.23 serves flowcontrol v1beta1', code: object(`${FLOWCONTROL}/v1beta1`, 'FlowSchema'), options: v('1.23') },
    // 1.25
    { name: '1.25 serves autoscaling/v2beta2', code: object('autoscaling/v2beta2', 'HorizontalPodAutoscaler'), options: v('1.25') },
    { name: '1.25 serves flowcontrol v1beta1', code: object(`${FLOWCONTROL}/v1beta1`, 'PriorityLevelConfiguration'), options: v('1.25') },
    { name: '1.25 serves batch/v1 CronJob', code: object('batch/v1', 'CronJob'), options: v('1.25') },
    // 1.29
    { name: '1.29 serves flowcontrol v1beta3 and v1', code: `${object(`${FLOWCONTROL}/v1beta3`, 'FlowSchema')}---\n${object(`${FLOWCONTROL}/v1`, 'FlowSchema', 'b')}`, options: v('1.29') },
    { name: '1.29 serves storage.k8s.io/v1 CSIStorageCapacity', code: object('storage.k8s.io/v1', 'CSIStorageCapacity'), options: v('1.29') },
    // 1.35
    { name: 'core v1 kinds', code: `${object('v1', 'ConfigMap')}---\n${object('v1', 'Endpoints', 'db')}` },
    { name: 'storage.k8s.io/v1beta1 VolumeAttributesClass is served again from 1.31', code: object('storage.k8s.io/v1beta1', 'VolumeAttributesClass') },
    { name: 'a kind the schemas do not know (schema rules own typos)', code: object('apps/v1', 'Deploymnet') },
    { name: 'custom resource in a beta version', code: object('monitoring.coreos.com/v1alpha1', 'AlertmanagerConfig') },
    { name: 'internal.apiserver.k8s.io/v1alpha1 is served', code: object('internal.apiserver.k8s.io/v1alpha1', 'StorageVersion') },
  ],
  invalid: [
    // 1.23: removals from before the schemas, taken from the migration guide.
    {
      name: '1.23 extensions/v1beta1 Deployment',
      code: object('extensions/v1beta1', 'Deployment'),
      options: v('1.23'),
      errors: [{
        message: 'Deployment `web` uses `extensions/v1beta1`, which Kubernetes 1.16 stopped serving; use `apps/v1` (`spec.selector` is now required and `spec.rollbackTo` is gone)',
        line: 1, column: 13, endColumn: 31, severity: 2,
      }],
    },
    {
      name: '1.23 extensions/v1beta1 PodSecurityPolicy moves to policy/v1beta1, itself on its way out',
      code: object('extensions/v1beta1', 'PodSecurityPolicy', 'restricted'),
      options: v('1.23'),
      errors: [{ message: 'PodSecurityPolicy `restricted` uses `extensions/v1beta1`, which Kubernetes 1.16 stopped serving; use `policy/v1beta1`, which Kubernetes 1.25 stops serving in turn', line: 1, column: 13 }],
    },
    {
      name: '1.23 rbac v1beta1 RoleBinding in a namespace',
      code: object('rbac.authorization.k8s.io/v1beta1', 'RoleBinding', 'read-pods', '  namespace: shop\n'),
      options: v('1.23'),
      errors: [{ message: 'RoleBinding `read-pods` uses `rbac.authorization.k8s.io/v1beta1`, which Kubernetes 1.22 stopped serving; use `rbac.authorization.k8s.io/v1`', line: 1, column: 13 }],
    },
    {
      name: '1.23 an apiVersion newer than the target',
      code: object(`${FLOWCONTROL}/v1`, 'FlowSchema', 'batch'),
      options: v('1.23'),
      errors: [{ message: 'FlowSchema `batch` uses `flowcontrol.apiserver.k8s.io/v1`, which Kubernetes 1.23 does not serve yet (first served in 1.29); use `flowcontrol.apiserver.k8s.io/v1beta2` or check `--kubernetes-version`', line: 1, column: 13 }],
    },
    // 1.25
    {
      name: '1.25 batch/v1beta1 CronJob',
      code: object('batch/v1beta1', 'CronJob', 'nightly'),
      options: v('1.25'),
      errors: [{ message: 'CronJob `nightly` uses `batch/v1beta1`, which Kubernetes 1.25 stopped serving; use `batch/v1`', line: 1, column: 13, endColumn: 26 }],
    },
    {
      name: '1.25 PodSecurityPolicy has no replacement',
      code: object('policy/v1beta1', 'PodSecurityPolicy', 'restricted'),
      options: v('1.25'),
      errors: [{ message: `PodSecurityPolicy \`restricted\` uses \`policy/v1beta1\`, which Kubernetes 1.25 stopped serving; ${PSP_ADVICE}`, line: 1, column: 13 }],
    },
    {
      name: '1.25 autoscaling/v2beta1 with the changed metric shape',
      code: object('autoscaling/v2beta1', 'HorizontalPodAutoscaler', 'api'),
      options: v('1.25'),
      errors: [{ message: 'HorizontalPodAutoscaler `api` uses `autoscaling/v2beta1`, which Kubernetes 1.25 stopped serving; use `autoscaling/v2` (metric targets changed shape: `targetAverageUtilization` became `target.averageUtilization` with `target.type: Utilization`)', line: 1, column: 13 }],
    },
    {
      name: '1.25 policy/v1beta1 PodDisruptionBudget',
      code: object('policy/v1beta1', 'PodDisruptionBudget', 'api'),
      options: v('1.25'),
      errors: [{ message: 'PodDisruptionBudget `api` uses `policy/v1beta1`, which Kubernetes 1.25 stopped serving; use `policy/v1` (an empty `spec.selector` now selects every pod in the namespace)', line: 1, column: 13 }],
    },
    // 1.29
    {
      name: '1.29 flowcontrol v1beta2 PriorityLevelConfiguration',
      code: object(`${FLOWCONTROL}/v1beta2`, 'PriorityLevelConfiguration', 'batch'),
      options: v('1.29'),
      errors: [{ message: 'PriorityLevelConfiguration `batch` uses `flowcontrol.apiserver.k8s.io/v1beta2`, which Kubernetes 1.29 stopped serving; use `flowcontrol.apiserver.k8s.io/v1` (`spec.limited.assuredConcurrencyShares` became `spec.limited.nominalConcurrencyShares`)', line: 1, column: 13 }],
    },
    {
      name: '1.29 flowcontrol v1beta1 FlowSchema, removed in 1.26',
      code: object(`${FLOWCONTROL}/v1beta1`, 'FlowSchema', 'batch'),
      options: v('1.29'),
      errors: [{ message: 'FlowSchema `batch` uses `flowcontrol.apiserver.k8s.io/v1beta1`, which Kubernetes 1.26 stopped serving; use `flowcontrol.apiserver.k8s.io/v1`', line: 1, column: 13 }],
    },
    {
      name: '1.29 storage.k8s.io/v1beta1 CSIStorageCapacity',
      code: object('storage.k8s.io/v1beta1', 'CSIStorageCapacity', 'fast', '  namespace: kube-system\n'),
      options: v('1.29'),
      errors: [{ message: 'CSIStorageCapacity `fast` uses `storage.k8s.io/v1beta1`, which Kubernetes 1.27 stopped serving; use `storage.k8s.io/v1`', line: 1, column: 13 }],
    },
    // 1.26: the first version without flowcontrol v1beta1 offers v1beta3 until v1 arrives.
    {
      name: '1.26 flowcontrol v1beta1 with v1 not yet served',
      code: object(`${FLOWCONTROL}/v1beta1`, 'PriorityLevelConfiguration', 'batch'),
      options: v('1.26'),
      errors: [{ message: 'PriorityLevelConfiguration `batch` uses `flowcontrol.apiserver.k8s.io/v1beta1`, which Kubernetes 1.26 stopped serving; use `flowcontrol.apiserver.k8s.io/v1beta3` now and `flowcontrol.apiserver.k8s.io/v1` from 1.29 (`spec.limited.assuredConcurrencyShares` became `spec.limited.nominalConcurrencyShares`)', line: 1, column: 13 }],
    },
    // 1.35
    {
      name: '1.35 the Ingress of the example',
      code: object('extensions/v1beta1', 'Ingress', 'shop', '  namespace: web\n'),
      errors: [{ message: 'Ingress `shop` uses `extensions/v1beta1`, which Kubernetes 1.22 stopped serving; use `networking.k8s.io/v1` (the backend changed shape: `serviceName`/`servicePort` became `service.name`/`service.port.number`)', line: 1, column: 13 }],
    },
    {
      name: '1.35 networking.k8s.io/v1beta1 IngressClass (the group version is served again, but not for this kind)',
      code: object('networking.k8s.io/v1beta1', 'IngressClass', 'nginx'),
      errors: [{ message: 'IngressClass `nginx` uses `networking.k8s.io/v1beta1`, which Kubernetes 1.22 stopped serving; use `networking.k8s.io/v1`', line: 1, column: 13 }],
    },
    {
      name: '1.35 a beta version the guide does not list: removal taken from the schemas',
      code: object('admissionregistration.k8s.io/v1beta1', 'ValidatingAdmissionPolicy', 'limits'),
      errors: [{ message: 'ValidatingAdmissionPolicy `limits` uses `admissionregistration.k8s.io/v1beta1`, which Kubernetes 1.34 stopped serving; use `admissionregistration.k8s.io/v1`', line: 1, column: 13 }],
    },
    {
      name: '1.35 object without a name, apiVersion after kind',
      code: 'kind: CustomResourceDefinition\napiVersion: apiextensions.k8s.io/v1beta1\nmetadata: {}\n',
      errors: [{ message: /^CustomResourceDefinition uses `apiextensions.k8s.io\/v1beta1`, which Kubernetes 1.22 stopped serving; use `apiextensions.k8s.io\/v1` \(`spec.scope` is required/, line: 2, column: 13 }],
    },
    // Custom resources: the version their CustomResourceDefinition serves.
    {
      name: 'a version the CRD of the run no longer serves',
      code: `${widgetCrd}${object('example.com/v1alpha1', 'Widget')}`,
      errors: [{ message: 'Widget `web` uses `example.com/v1alpha1`, which CustomResourceDefinition `widgets.example.com` no longer serves (`served: false`); use `example.com/v1`', line: 12, column: 13, severity: 2 }],
    },
    {
      name: 'a version the CRD of the run does not define',
      code: `${widgetCrd}${object('example.com/v2', 'Widget')}`,
      errors: [{ message: 'Widget `web` uses `example.com/v2`, which CustomResourceDefinition `widgets.example.com` does not define; use `example.com/v1`', line: 12, column: 13, severity: 2 }],
    },
  ],
});
