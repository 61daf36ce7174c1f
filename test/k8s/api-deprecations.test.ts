import { describe, expect, it } from 'vitest';
import {
  API_DEPRECATIONS, apiDeprecation, apiVersionStatus, compareVersions, isBuiltInGroup, parseKubernetesVersion,
} from '../../src/k8s/api-deprecations.js';
import { LATEST_VERSION, SUPPORTED_VERSIONS, kindsServedIn, versionsServing } from '../../src/schemas.js';

/** Every entry of the Deprecated API Migration Guide, "Removed APIs by release" v1.16 to v1.32. */
const GUIDE: Array<[removedIn: string, apiVersion: string, kinds: string]> = [
  ['1.32', 'flowcontrol.apiserver.k8s.io/v1beta3', 'FlowSchema PriorityLevelConfiguration'],
  ['1.29', 'flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema PriorityLevelConfiguration'],
  ['1.27', 'storage.k8s.io/v1beta1', 'CSIStorageCapacity'],
  ['1.26', 'flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema PriorityLevelConfiguration'],
  ['1.26', 'autoscaling/v2beta2', 'HorizontalPodAutoscaler'],
  ['1.25', 'batch/v1beta1', 'CronJob'],
  ['1.25', 'discovery.k8s.io/v1beta1', 'EndpointSlice'],
  ['1.25', 'events.k8s.io/v1beta1', 'Event'],
  ['1.25', 'autoscaling/v2beta1', 'HorizontalPodAutoscaler'],
  ['1.25', 'policy/v1beta1', 'PodDisruptionBudget PodSecurityPolicy'],
  ['1.25', 'node.k8s.io/v1beta1', 'RuntimeClass'],
  ['1.22', 'admissionregistration.k8s.io/v1beta1', 'MutatingWebhookConfiguration ValidatingWebhookConfiguration'],
  ['1.22', 'apiextensions.k8s.io/v1beta1', 'CustomResourceDefinition'],
  ['1.22', 'apiregistration.k8s.io/v1beta1', 'APIService'],
  ['1.22', 'authentication.k8s.io/v1beta1', 'TokenReview'],
  ['1.22', 'authorization.k8s.io/v1beta1', 'LocalSubjectAccessReview SelfSubjectAccessReview SubjectAccessReview'],
  ['1.22', 'certificates.k8s.io/v1beta1', 'CertificateSigningRequest'],
  ['1.22', 'coordination.k8s.io/v1beta1', 'Lease'],
  ['1.22', 'extensions/v1beta1', 'Ingress'],
  ['1.22', 'networking.k8s.io/v1beta1', 'Ingress IngressClass'],
  ['1.22', 'rbac.authorization.k8s.io/v1beta1', 'ClusterRole ClusterRoleBinding Role RoleBinding'],
  ['1.22', 'scheduling.k8s.io/v1beta1', 'PriorityClass'],
  ['1.22', 'storage.k8s.io/v1beta1', 'CSIDriver CSINode StorageClass VolumeAttachment'],
  ['1.16', 'extensions/v1beta1', 'NetworkPolicy PodSecurityPolicy DaemonSet Deployment ReplicaSet'],
  ['1.16', 'apps/v1beta1', 'Deployment StatefulSet ReplicaSet'],
  ['1.16', 'apps/v1beta2', 'DaemonSet Deployment StatefulSet ReplicaSet'],
];

describe('API_DEPRECATIONS', () => {
  it('covers every entry of the migration guide', () => {
    for (const [removedIn, apiVersion, kinds] of GUIDE) {
      for (const kind of kinds.split(' ')) {
        expect(apiDeprecation(apiVersion, kind)?.removedIn, `${apiVersion} ${kind}`).toBe(removedIn);
      }
    }
  });

  it('agrees with the schemas: served up to the version before removedIn, never after', () => {
    for (const { apiVersion, kinds, removedIn, deprecatedIn } of API_DEPRECATIONS) {
      if (removedIn === undefined) {
        for (const kind of kinds) expect(versionsServing(apiVersion, kind).at(-1), `${apiVersion} ${kind}`).toBe(LATEST_VERSION);
        expect(deprecatedIn, apiVersion).toBeDefined();
        continue;
      }
      for (const kind of kinds) {
        const serving = versionsServing(apiVersion, kind);
        const lastServed = SUPPORTED_VERSIONS.filter((v) => compareVersions(v, removedIn) < 0).at(-1);
        expect(serving.at(-1), `${apiVersion} ${kind}`).toBe(lastServed);
      }
    }
  });

  it('names replacements that some supported version serves for the same kind', () => {
    for (const { apiVersion, kinds, replacements, replacementKind, instead } of API_DEPRECATIONS) {
      expect(replacements.length > 0 || instead !== undefined, apiVersion).toBe(true);
      for (const kind of kinds) {
        const newKind = replacementKind ?? kind;
        for (const replacement of replacements) expect(versionsServing(replacement, newKind), `${replacement} ${newKind}`).not.toEqual([]);
      }
    }
  });
});

describe('apiVersionStatus', () => {
  it('reports a removal before 1.23 with the replacement and the changed fields', () => {
    expect(apiVersionStatus('extensions/v1beta1', 'Ingress', '1.35')).toEqual({
      status: 'removed',
      removedIn: '1.22',
      advice: 'use `networking.k8s.io/v1` (the backend changed shape: `serviceName`/`servicePort` became `service.name`/`service.port.number`)',
    });
    expect(apiVersionStatus('apps/v1beta2', 'Deployment', '1.23')).toMatchObject({ status: 'removed', removedIn: '1.16', advice: expect.stringMatching(/^use `apps\/v1` \(`spec.selector` is now required/) });
  });

  it('takes the removal version from the schemas when they know it', () => {
    expect(apiVersionStatus('storage.k8s.io/v1beta1', 'CSIStorageCapacity', '1.29')).toEqual({ status: 'removed', removedIn: '1.27', advice: 'use `storage.k8s.io/v1`' });
    // Not in the guide: an alpha/beta version the schemas stop listing, replaced by the most stable served version.
    expect(apiVersionStatus('authentication.k8s.io/v1beta1', 'SelfSubjectReview', '1.35')).toEqual({ status: 'removed', removedIn: '1.33', advice: 'use `authentication.k8s.io/v1`' });
    expect(apiVersionStatus('networking.k8s.io/v1alpha1', 'ClusterCIDR', '1.29')).toEqual({
      status: 'removed', removedIn: '1.29', advice: 'Kubernetes 1.29 serves ClusterCIDR in no other version of `networking.k8s.io`',
    });
  });

  it('says when there is no replacement', () => {
    const advice = 'it has no replacement: enforce pod security with Pod Security Admission (the `pod-security.kubernetes.io/enforce` namespace label) or a third-party admission webhook';
    expect(apiVersionStatus('policy/v1beta1', 'PodSecurityPolicy', '1.25')).toEqual({ status: 'removed', removedIn: '1.25', advice });
    expect(apiVersionStatus('policy/v1beta1', 'PodSecurityPolicy', '1.24')).toEqual({ status: 'deprecated', removedIn: '1.25', advice });
    expect(apiVersionStatus('extensions/v1beta1', 'PodSecurityPolicy', '1.30')).toEqual({ status: 'removed', removedIn: '1.16', advice });
    expect(apiVersionStatus('extensions/v1beta1', 'PodSecurityPolicy', '1.23')).toEqual({
      status: 'removed', removedIn: '1.16', advice: 'use `policy/v1beta1`, which Kubernetes 1.25 stops serving in turn',
    });
  });

  it('picks the best replacement the target serves, and names the final one', () => {
    expect(apiVersionStatus('flowcontrol.apiserver.k8s.io/v1beta2', 'PriorityLevelConfiguration', '1.28')).toEqual({
      status: 'deprecated',
      removedIn: '1.29',
      advice: 'use `flowcontrol.apiserver.k8s.io/v1beta3` now and `flowcontrol.apiserver.k8s.io/v1` from 1.29 (`spec.limited.assuredConcurrencyShares` became `spec.limited.nominalConcurrencyShares`)',
    });
    expect(apiVersionStatus('flowcontrol.apiserver.k8s.io/v1beta1', 'FlowSchema', '1.23')).toMatchObject({
      status: 'deprecated', removedIn: '1.26', advice: 'use `flowcontrol.apiserver.k8s.io/v1beta2` now and `flowcontrol.apiserver.k8s.io/v1` from 1.29',
    });
    expect(apiVersionStatus('flowcontrol.apiserver.k8s.io/v1beta2', 'FlowSchema', '1.35')).toMatchObject({ status: 'removed', removedIn: '1.29', advice: 'use `flowcontrol.apiserver.k8s.io/v1`' });
  });

  it('reports a deprecation without a planned removal from the version that deprecated it', () => {
    const advice = 'use a `discovery.k8s.io/v1` EndpointSlice labelled `kubernetes.io/service-name` with the Service name';
    expect(apiVersionStatus('v1', 'Endpoints', '1.33')).toEqual({ status: 'deprecated', deprecatedIn: '1.33', advice });
    expect(apiVersionStatus('v1', 'Endpoints', '1.32')).toEqual({ status: 'ok' });
  });

  it('reports an apiVersion newer than the target', () => {
    expect(apiVersionStatus('flowcontrol.apiserver.k8s.io/v1', 'FlowSchema', '1.25')).toEqual({
      status: 'unreleased', firstServed: '1.29', advice: 'use `flowcontrol.apiserver.k8s.io/v1beta2` or check `--kubernetes-version`',
    });
    expect(apiVersionStatus('resource.k8s.io/v1', 'ResourceClaim', '1.30')).toEqual({ status: 'unreleased', firstServed: '1.34', advice: 'check `--kubernetes-version`' });
  });

  it('leaves custom resources, unknown kinds and unsupported targets alone', () => {
    expect(apiVersionStatus('cert-manager.io/v1alpha2', 'Certificate', '1.35')).toEqual({ status: 'ok' });
    expect(apiVersionStatus('apps/v1', 'Deploymnet', '1.35')).toEqual({ status: 'ok' });
    expect(apiVersionStatus('extensions/v1beta1', 'Scale', '1.35')).toEqual({ status: 'ok' });
    expect(apiVersionStatus('batch/v1beta1', 'CronJob', '1.21')).toEqual({ status: 'ok' });
  });

  it('never warns on what a version serves unless the guide lists it', () => {
    for (const version of SUPPORTED_VERSIONS) {
      for (const { apiVersion, kind } of kindsServedIn(version)) {
        const status = apiVersionStatus(apiVersion, kind, version).status;
        expect(status, `${version} ${apiVersion} ${kind}`).toBe(apiDeprecation(apiVersion, kind) ? status : 'ok');
        expect(['ok', 'deprecated'], `${version} ${apiVersion} ${kind}`).toContain(status);
      }
    }
    expect(apiVersionStatus('internal.apiserver.k8s.io/v1alpha1', 'StorageVersion', '1.35')).toEqual({ status: 'ok' });
    expect(apiVersionStatus('resource.k8s.io/v1alpha3', 'DeviceTaintRule', '1.35')).toEqual({ status: 'ok' });
  });
});

describe('isBuiltInGroup and compareVersions', () => {
  it('knows the core group, served groups and groups only the guide names', () => {
    for (const group of ['', 'apps', 'extensions', 'networking.k8s.io', 'flowcontrol.apiserver.k8s.io', 'storagemigration.k8s.io']) {
      expect(isBuiltInGroup(group), group).toBe(true);
    }
    for (const group of ['cert-manager.io', 'argoproj.io', 'monitoring.coreos.com']) expect(isBuiltInGroup(group), group).toBe(false);
  });

  it('orders minor versions numerically', () => {
    expect(compareVersions('1.9', '1.16')).toBeLessThan(0);
    expect(compareVersions('1.35', '1.35')).toBe(0);
    expect(compareVersions('1.32', '1.29')).toBeGreaterThan(0);
  });

  it('reads a missing minor as 0, the same the second time (memoised)', () => {
    for (let round = 0; round < 2; round++) {
      expect(compareVersions('2', '1.99')).toBeGreaterThan(0);
      expect(compareVersions('1', '1.0')).toBe(0);
      expect(compareVersions('1.x', '1.0')).toBeNaN();
    }
  });
});

describe('parseKubernetesVersion', () => {
  it.each([
    ['1.29', '1.29'], ['v1.29', '1.29'], ['1.29.3', '1.29'], ['v1.30.4-gke.1', '1.30'], [' 1.35 ', '1.35'], ['1.23', '1.23'],
  ])('accepts %j', (text, version) => {
    expect(parseKubernetesVersion(text)).toEqual({ ok: true, version });
  });

  it.each([
    ['1.21', 'Kubernetes 1.21 is not supported: k8s-lint knows 1.23 to 1.35'],
    ['1.36', 'Kubernetes 1.36 is not supported: k8s-lint knows 1.23 to 1.35'],
    ['v1.22.17', 'Kubernetes 1.22 is not supported: k8s-lint knows 1.23 to 1.35'],
    ['2.0', 'Kubernetes 2.0 is not supported: k8s-lint knows 1.23 to 1.35'],
    ['abc', '`abc` is not a Kubernetes version (write it as `1.35`, `v1.35` or `1.35.0`): k8s-lint knows 1.23 to 1.35'],
    ['1', '`1` is not a Kubernetes version (write it as `1.35`, `v1.35` or `1.35.0`): k8s-lint knows 1.23 to 1.35'],
    ['', '`` is not a Kubernetes version (write it as `1.35`, `v1.35` or `1.35.0`): k8s-lint knows 1.23 to 1.35'],
  ])('rejects %j', (text, message) => {
    expect(parseKubernetesVersion(text)).toEqual({ ok: false, message });
  });
});
