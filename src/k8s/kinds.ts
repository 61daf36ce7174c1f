/** Facts about built-in kinds that the loader and index need: API groups and scope. */
import { PairMemo } from './memo.js';

const groups = new Map<string, string>();

const kindKeys = new PairMemo<string>();

/** `group/Kind` of an apiVersion and kind, the same string each time (a map lookup hashes a new string again). */
export function kindKeyOf(apiVersion: string, kind: string): string {
  return kindKeys.get(apiVersion, kind) ?? kindKeys.set(apiVersion, kind, `${groupOf(apiVersion)}/${kind}`);
}

/** The API group of an apiVersion (`apps/v1` -> `apps`, `v1` -> ''); one string per group, shared by all objects. */
export function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  if (slash === -1) return '';
  let group = groups.get(apiVersion);
  if (group === undefined) {
    group = apiVersion.slice(0, slash);
    if (groups.size < 10_000) groups.set(apiVersion, group);
  }
  return group;
}

/** `group/Kind` ('' group for the core API) of every built-in cluster-scoped kind. */
const CLUSTER_SCOPED = new Set([
  '/Namespace', '/Node', '/PersistentVolume', '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole', 'rbac.authorization.k8s.io/ClusterRoleBinding',
  'storage.k8s.io/StorageClass', 'storage.k8s.io/CSIDriver', 'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment', 'storage.k8s.io/VolumeAttributesClass',
  'apiextensions.k8s.io/CustomResourceDefinition', 'apiregistration.k8s.io/APIService',
  'networking.k8s.io/IngressClass', 'networking.k8s.io/IPAddress', 'networking.k8s.io/ServiceCIDR',
  'scheduling.k8s.io/PriorityClass', 'node.k8s.io/RuntimeClass',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'admissionregistration.k8s.io/MutatingAdmissionPolicy',
  'admissionregistration.k8s.io/MutatingAdmissionPolicyBinding',
  'certificates.k8s.io/CertificateSigningRequest', 'certificates.k8s.io/ClusterTrustBundle',
  'flowcontrol.apiserver.k8s.io/FlowSchema', 'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'policy/PodSecurityPolicy', 'resource.k8s.io/DeviceClass', 'resource.k8s.io/ResourceSlice',
  'internal.apiserver.k8s.io/StorageVersion', 'storagemigration.k8s.io/StorageVersionMigration',
  'authentication.k8s.io/TokenReview', 'authentication.k8s.io/SelfSubjectReview',
  'authorization.k8s.io/SubjectAccessReview', 'authorization.k8s.io/SelfSubjectAccessReview',
  'authorization.k8s.io/SelfSubjectRulesReview',
  // Widely installed custom resources.
  'cert-manager.io/ClusterIssuer', 'external-secrets.io/ClusterSecretStore',
  'external-secrets.io/ClusterExternalSecret', 'argoproj.io/ClusterWorkflowTemplate',
  'gateway.networking.k8s.io/GatewayClass',
  'external-secrets.io/ClusterPushSecret', 'argoproj.io/ClusterAnalysisTemplate', 'keda.sh/ClusterTriggerAuthentication',
]);

/** `scopes` holds `group/Kind` -> namespaced, from CustomResourceDefinitions in the run. */
export function isNamespaced(group: string, kind: string, scopes: ReadonlyMap<string, boolean>): boolean {
  const key = `${group}/${kind}`;
  return scopes.get(key) ?? !CLUSTER_SCOPED.has(key);
}
