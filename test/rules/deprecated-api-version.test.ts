import rule from '../../rules/deprecated-api-version.js';
import { testRule } from '../helpers/test-rule.js';

const object = (apiVersion: string, kind: string, name = 'web') => `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: ${name}\n`;
const v = (kubernetesVersion: string) => ({ kubernetesVersion });
const FLOWCONTROL = 'flowcontrol.apiserver.k8s.io';

testRule(rule, {
  valid: [
    { name: 'a custom resource in the storage version of its CRD', code: object('gateway.networking.k8s.io/v1', 'TLSRoute') },
    // 1.23
    { name: '1.23 removed versions are removed-api-version errors', code: object('extensions/v1beta1', 'Ingress'), options: v('1.23') },
    { name: '1.23 current versions', code: `${object('batch/v1', 'CronJob')}---\n${object('policy/v1', 'PodDisruptionBudget', 'b')}`, options: v('1.23') },
    // 1.25
    { name: '1.25 batch/v1beta1 is gone, not deprecated', code: object('batch/v1beta1', 'CronJob'), options: v('1.25') },
    { name: '1.25 autoscaling/v2', code: object('autoscaling/v2', 'HorizontalPodAutoscaler'), options: v('1.25') },
    // 1.29
    { name: '1.29 v1 Endpoints is not deprecated before 1.33', code: object('v1', 'Endpoints'), options: v('1.29') },
    { name: '1.29 flowcontrol v1', code: object(`${FLOWCONTROL}/v1`, 'FlowSchema'), options: v('1.29') },
    // 1.35
    { name: 'alpha versions served only with every API enabled', code: `${object('internal.apiserver.k8s.io/v1alpha1', 'StorageVersion')}---\n${object('resource.k8s.io/v1alpha3', 'DeviceTaintRule', 'b')}` },
    { name: 'beta versions 1.35 serves beside v1', code: `${object('resource.k8s.io/v1beta2', 'ResourceClaim')}---\n${object('networking.k8s.io/v1beta1', 'ServiceCIDR', 'b')}` },
    { name: 'custom resources', code: object('example.com/v1beta1', 'Widget') },
  ],
  invalid: [
    // 1.23
    {
      name: '1.23 batch/v1beta1 CronJob',
      code: object('batch/v1beta1', 'CronJob', 'nightly'),
      options: v('1.23'),
      errors: [{ message: 'CronJob `nightly` uses `batch/v1beta1`, which Kubernetes 1.25 stops serving; use `batch/v1`', line: 1, column: 13, endColumn: 26, severity: 1 }],
    },
    {
      name: '1.23 PodSecurityPolicy has no replacement',
      code: object('policy/v1beta1', 'PodSecurityPolicy', 'restricted'),
      options: v('1.23'),
      errors: [{ message: 'PodSecurityPolicy `restricted` uses `policy/v1beta1`, which Kubernetes 1.25 stops serving; it has no replacement: enforce pod security with Pod Security Admission (the `pod-security.kubernetes.io/enforce` namespace label) or a third-party admission webhook', line: 1, column: 13 }],
    },
    {
      name: '1.23 flowcontrol v1beta1: v1beta2 now, v1 later',
      code: object(`${FLOWCONTROL}/v1beta1`, 'FlowSchema', 'batch'),
      options: v('1.23'),
      errors: [{ message: 'FlowSchema `batch` uses `flowcontrol.apiserver.k8s.io/v1beta1`, which Kubernetes 1.26 stops serving; use `flowcontrol.apiserver.k8s.io/v1beta2` now and `flowcontrol.apiserver.k8s.io/v1` from 1.29', line: 1, column: 13 }],
    },
    {
      name: '1.23 flowcontrol v1beta2, before any replacement is served',
      code: object(`${FLOWCONTROL}/v1beta2`, 'FlowSchema', 'batch'),
      options: v('1.23'),
      errors: [{ message: 'FlowSchema `batch` uses `flowcontrol.apiserver.k8s.io/v1beta2`, which Kubernetes 1.29 stops serving; switch to `flowcontrol.apiserver.k8s.io/v1beta3` when upgrading to 1.26 and to `flowcontrol.apiserver.k8s.io/v1` from 1.29', line: 1, column: 13 }],
    },
    {
      name: '1.24 discovery.k8s.io/v1beta1 EndpointSlice',
      code: object('discovery.k8s.io/v1beta1', 'EndpointSlice', 'db-1'),
      options: v('1.24'),
      errors: [{ message: 'EndpointSlice `db-1` uses `discovery.k8s.io/v1beta1`, which Kubernetes 1.25 stops serving; use `discovery.k8s.io/v1` (`topology` became the per-endpoint `nodeName` and `zone`)', line: 1, column: 13 }],
    },
    // 1.25
    {
      name: '1.25 autoscaling/v2beta2',
      code: object('autoscaling/v2beta2', 'HorizontalPodAutoscaler', 'api'),
      options: v('1.25'),
      errors: [{ message: 'HorizontalPodAutoscaler `api` uses `autoscaling/v2beta2`, which Kubernetes 1.26 stops serving; use `autoscaling/v2`', line: 1, column: 13 }],
    },
    {
      name: '1.25 flowcontrol v1beta2 PriorityLevelConfiguration',
      code: object(`${FLOWCONTROL}/v1beta2`, 'PriorityLevelConfiguration', 'batch'),
      options: v('1.25'),
      errors: [{ message: 'PriorityLevelConfiguration `batch` uses `flowcontrol.apiserver.k8s.io/v1beta2`, which Kubernetes 1.29 stops serving; switch to `flowcontrol.apiserver.k8s.io/v1beta3` when upgrading to 1.26 and to `flowcontrol.apiserver.k8s.io/v1` from 1.29 (`spec.limited.assuredConcurrencyShares` became `spec.limited.nominalConcurrencyShares`)', line: 1, column: 13 }],
    },
    // 1.28: the example of the brief.
    {
      name: '1.28 flowcontrol v1beta2',
      code: object(`${FLOWCONTROL}/v1beta2`, 'PriorityLevelConfiguration', 'batch'),
      options: v('1.28'),
      errors: [{ message: 'PriorityLevelConfiguration `batch` uses `flowcontrol.apiserver.k8s.io/v1beta2`, which Kubernetes 1.29 stops serving; use `flowcontrol.apiserver.k8s.io/v1beta3` now and `flowcontrol.apiserver.k8s.io/v1` from 1.29 (`spec.limited.assuredConcurrencyShares` became `spec.limited.nominalConcurrencyShares`)', line: 1, column: 13 }],
    },
    // 1.29
    {
      name: '1.29 flowcontrol v1beta3',
      code: object(`${FLOWCONTROL}/v1beta3`, 'PriorityLevelConfiguration', 'batch'),
      options: v('1.29'),
      errors: [{ message: 'PriorityLevelConfiguration `batch` uses `flowcontrol.apiserver.k8s.io/v1beta3`, which Kubernetes 1.32 stops serving; use `flowcontrol.apiserver.k8s.io/v1` (an explicit `spec.limited.nominalConcurrencyShares: 0` is no longer changed to 30)', line: 1, column: 13 }],
    },
    {
      name: '1.29 flowcontrol v1beta3 FlowSchema has no field note',
      code: object(`${FLOWCONTROL}/v1beta3`, 'FlowSchema', 'batch'),
      options: v('1.29'),
      errors: [{ message: 'FlowSchema `batch` uses `flowcontrol.apiserver.k8s.io/v1beta3`, which Kubernetes 1.32 stops serving; use `flowcontrol.apiserver.k8s.io/v1`', line: 1, column: 13 }],
    },
    // 1.35
    {
      name: '1.35 v1 Endpoints',
      code: object('v1', 'Endpoints', 'orders-db'),
      errors: [{ message: 'Endpoints `orders-db` uses the `v1` Endpoints API, which Kubernetes 1.33 deprecated (still served, no removal planned); use a `discovery.k8s.io/v1` EndpointSlice labelled `kubernetes.io/service-name` with the Service name', line: 1, column: 13, endColumn: 15, severity: 1 }],
    },
    {
      name: 'a custom resource in a version its CRD marks deprecated',
      code: object('gateway.networking.k8s.io/v1alpha2', 'TLSRoute'),
      errors: [{
        message: 'TLSRoute `web` uses `gateway.networking.k8s.io/v1alpha2`, which CustomResourceDefinition `tlsroutes.gateway.networking.k8s.io` (bundled, from gateway-api) marks deprecated ("The v1alpha2 version of TLSRoute has been deprecated and will be removed in a future release of the API. Please upgrade to v1."); use `gateway.networking.k8s.io/v1`',
        line: 1, column: 13, severity: 1,
      }],
    },
    {
      name: 'a version the bundled catalog no longer serves',
      code: object('external-secrets.io/v1beta1', 'ExternalSecret'),
      errors: [{ message: 'ExternalSecret `web` uses `external-secrets.io/v1beta1`, which CustomResourceDefinition `externalsecrets.external-secrets.io` (bundled, from external-secrets) no longer serves (`served: false`): current releases do not serve it; use `external-secrets.io/v1`, or pass the CRD your cluster runs with `--crds`', line: 1, column: 13, severity: 1 }],
    },
    {
      name: 'a version the bundled catalog does not define',
      code: object('source.toolkit.fluxcd.io/v1beta2', 'OCIRepository'),
      errors: [{ message: 'OCIRepository `web` uses `source.toolkit.fluxcd.io/v1beta2`, which CustomResourceDefinition `ocirepositories.source.toolkit.fluxcd.io` (bundled, from flux-source-controller) does not define: current releases do not serve it; use `source.toolkit.fluxcd.io/v1`, or pass the CRD your cluster runs with `--crds`', line: 1, column: 13, severity: 1 }],
    },
  ],
});
