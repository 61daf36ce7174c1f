/**
 * How manifests and configuration name objects: kind references (`Kind` for the core and apps
 * groups, `group/Kind` otherwise) and the objects that exist outside the manifests (config
 * `external`, kustomize generators), which the index answers for beside the run's own.
 */
import { isNamespaced } from './k8s/kinds.js';

/** Kinds are addressed as `Kind` for the core/apps groups or `group/Kind` otherwise. */
const CORE_GROUPS: ReadonlyMap<string, string> = new Map(Object.entries({
  Service: '', ConfigMap: '', Secret: '', PersistentVolumeClaim: '', ServiceAccount: '', Namespace: '',
  Pod: '', ReplicationController: '', Endpoints: '', LimitRange: '', ResourceQuota: '',
  Deployment: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', ReplicaSet: 'apps',
  Job: 'batch', CronJob: 'batch',
  Ingress: 'networking.k8s.io', IngressClass: 'networking.k8s.io', NetworkPolicy: 'networking.k8s.io',
  HorizontalPodAutoscaler: 'autoscaling', PodDisruptionBudget: 'policy',
  Role: 'rbac.authorization.k8s.io', ClusterRole: 'rbac.authorization.k8s.io',
  RoleBinding: 'rbac.authorization.k8s.io', ClusterRoleBinding: 'rbac.authorization.k8s.io',
}));

function kindKey(kind: string, group: string): string {
  return `${group}/${kind}`;
}

/** `Kind` -> `group/Kind` (the same string each time: rules look kinds up per object). */
const bareKinds = new Map<string, string>();
export function splitKind(kindRef: string): string {
  if (kindRef.includes('/')) return kindRef;
  let key = bareKinds.get(kindRef);
  if (key === undefined) {
    key = kindKey(kindRef, CORE_GROUPS.get(kindRef) ?? '');
    if (bareKinds.size < 10_000) bareKinds.set(kindRef, key);
  }
  return key;
}

/** An object that exists outside the manifests (config `external`); `*` globs in names. */
export interface ExternalObject {
  /** `group/Kind` ('' group for the core API). */
  readonly kind: string;
  /** Undefined: cluster-scoped, or every namespace. */
  readonly namespace?: string;
  readonly name: string;
  /** How it comes to exist, for messages: `configuration (external)`. */
  readonly how: string;
}

/**
 * `Secret/payments/stripe-key`, `ClusterRole/my-role`, `cert-manager.io/Issuer/infra/le`, with `*`
 * globs in the namespace or name: a lowercase first segment is an API group. A
 * namespaced kind without a namespace exists in every namespace. Returns an error message when
 * the text cannot name an object.
 */
export function parseExternal(text: string, how = 'configuration (external)'): ExternalObject | string {
  const parts = text.split('/');
  const group = parts.length > 0 && /^[a-z]/.test(parts[0]) ? parts.shift() : undefined;
  const [kind, ...rest] = parts;
  if (!kind || !/^[A-Z][A-Za-z0-9]*$/.test(kind) || rest.length < 1 || rest.length > 2 || rest.some((p) => p === '')) {
    return `\`${text}\` does not name an object: write \`Kind/namespace/name\`, \`Kind/name\` for cluster-scoped kinds, or \`group/Kind/...\` for other API groups`;
  }
  const key = group === undefined ? splitKind(kind) : kindKey(kind, group);
  const namespaced = isNamespaced(key.slice(0, key.lastIndexOf('/')), kind, new Map());
  if (rest.length === 2 && !namespaced) {
    return `\`${text}\`: ${kind} is cluster-scoped, write \`${group ? `${group}/` : ''}${kind}/${rest[1]}\``;
  }
  const namespace = rest.length === 2 && rest[0] !== '*' ? rest[0] : undefined;
  return { kind: key, namespace, name: rest[rest.length - 1], how };
}

/** The configuration's `external` entries; malformed ones are reported into `errors`. */
export function parseExternals(texts: readonly string[], errors: string[]): ExternalObject[] {
  const out: ExternalObject[] = [];
  for (const text of texts) {
    const parsed = parseExternal(text);
    if (typeof parsed === 'string') errors.push(`external object ${parsed}`);
    else out.push(parsed);
  }
  return out;
}
