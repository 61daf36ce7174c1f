/**
 * Gateway API references as implementations resolve them: a route's `parentRefs` (Gateway
 * listeners) and `backendRefs` (Services), a Gateway's listeners with their `allowedRoutes` and TLS
 * `certificateRefs`, and the ReferenceGrants that permit a reference into another namespace. The
 * shapes are the same in every served version (v1, v1beta1, v1alpha2, v1alpha3).
 *
 * Evidence (kubernetes-sigs/gateway-api, apis/v1): shared_types.go `ParentReference` (group
 * defaults to gateway.networking.k8s.io, kind to Gateway, namespace to the route's; "Gateway has the
 * AllowedRoutes field" for cross-namespace parents), object_reference_types.go
 * `BackendObjectReference` (group "" and kind Service by default; CEL "Must have port for Service
 * reference") and `SecretObjectReference` (kind Secret), gateway_types.go `AllowedRoutes` (default
 * `from: Same`; kinds "determined using the Listener protocol" when empty) and `Hostname`,
 * referencegrant_types.go (a `to` without a name covers every object of the kind).
 */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';
import type { ResourceIndex } from '../resource-index.js';
import { matchesSelector } from './selectors.js';
import { namespaceLabels, unlistedNamespaceLabels } from './defaults.js';

export const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** Route kinds that attach to Gateways, as `group/Kind`. */
export const ROUTE_KINDS: readonly string[] = ['HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'].map((k) => `${GATEWAY_GROUP}/${k}`);

/** A reference to another object, with the defaults of its field applied. */
export interface GatewayReference {
  /** Path of the reference mapping from the referring object's root. */
  readonly path: Path;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** Effective namespace: the one given, or the referring object's. */
  readonly namespace: string;
  /** `namespace` is set and differs from the referring object's. */
  readonly crossNamespace: boolean;
  readonly port?: number;
  readonly sectionName?: string;
}

export interface Listener {
  readonly index: number;
  readonly name: string;
  readonly port?: number;
  readonly protocol: string;
  readonly hostname?: string;
  /** `allowedRoutes.namespaces.from`: `Same` (default), `All` or `Selector`. */
  readonly from: string;
  readonly selector?: LabelSelector;
  /** `allowedRoutes.kinds` as `group/Kind`; undefined = determined by the protocol. */
  readonly kinds?: readonly string[];
  readonly certificateRefs: readonly GatewayReference[];
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const spec = (resource: Resource): Record<string, unknown> => (isRecord(resource.value.spec) ? resource.value.spec : {});
const array = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function reference(owner: Resource, value: unknown, path: Path, group: string, kind: string): GatewayReference | undefined {
  if (!isRecord(value) || str(value.name) === undefined) return undefined;
  const namespace = str(value.namespace) ?? owner.namespace ?? '';
  return {
    path,
    group: typeof value.group === 'string' ? value.group : group,
    kind: str(value.kind) ?? kind,
    name: value.name as string,
    namespace,
    crossNamespace: namespace !== owner.namespace,
    port: typeof value.port === 'number' ? value.port : undefined,
    sectionName: str(value.sectionName),
  };
}

/** `spec.parentRefs` of a route (Gateway by default). */
export function routeParentRefs(route: Resource): GatewayReference[] {
  return array(spec(route).parentRefs).flatMap((ref, i) => reference(route, ref, ['spec', 'parentRefs', i], GATEWAY_GROUP, 'Gateway') ?? []);
}

/** `requestMirror.backendRef`s of a filter list. */
function mirrors(route: Resource, filters: unknown, path: Path): GatewayReference[] {
  return array(filters).flatMap((filter, j) => {
    const mirror = isRecord(filter) && isRecord(filter.requestMirror) ? filter.requestMirror.backendRef : undefined;
    return reference(route, mirror, [...path, j, 'requestMirror', 'backendRef'], '', 'Service') ?? [];
  });
}

/** Every backend of a route: `rules[].backendRefs[]` and the backends of `requestMirror` filters. */
export function routeBackendRefs(route: Resource): GatewayReference[] {
  return array(spec(route).rules).flatMap((rule, i) => {
    if (!isRecord(rule)) return [];
    const base: Path = ['spec', 'rules', i];
    const direct = array(rule.backendRefs).flatMap((ref, k) => {
      const path: Path = [...base, 'backendRefs', k];
      const own = reference(route, ref, path, '', 'Service');
      return [...(own ? [own] : []), ...(isRecord(ref) ? mirrors(route, ref.filters, [...path, 'filters']) : [])];
    });
    return [...direct, ...mirrors(route, rule.filters, [...base, 'filters'])];
  });
}

/** A core Service reference (the default backend kind). */
export function isServiceRef(ref: GatewayReference): boolean {
  return ref.group === '' && ref.kind === 'Service';
}

/** The listeners of a Gateway, with `allowedRoutes` defaults applied. */
export function gatewayListeners(gateway: Resource): Listener[] {
  return array(spec(gateway).listeners).flatMap((listener, index) => {
    if (!isRecord(listener) || str(listener.name) === undefined) return [];
    const allowed = isRecord(listener.allowedRoutes) ? listener.allowedRoutes : {};
    const namespaces = isRecord(allowed.namespaces) ? allowed.namespaces : {};
    const kinds = array(allowed.kinds).flatMap((k) => (isRecord(k) && str(k.kind) ? [`${typeof k.group === 'string' ? k.group : GATEWAY_GROUP}/${k.kind as string}`] : []));
    const tls = isRecord(listener.tls) ? listener.tls : {};
    const certPath: Path = ['spec', 'listeners', index, 'tls', 'certificateRefs'];
    return [{
      index,
      name: listener.name as string,
      port: typeof listener.port === 'number' ? listener.port : undefined,
      protocol: str(listener.protocol) ?? '',
      hostname: str(listener.hostname),
      from: str(namespaces.from) ?? 'Same',
      selector: isRecord(namespaces.selector) ? (namespaces.selector as LabelSelector) : undefined,
      kinds: kinds.length > 0 ? kinds : undefined,
      certificateRefs: array(tls.certificateRefs).flatMap((ref, i) => reference(gateway, ref, [...certPath, i], '', 'Secret') ?? []),
    }];
  });
}

/** Route kinds a listener of each core protocol accepts when `allowedRoutes.kinds` is empty. */
const PROTOCOL_KINDS: Readonly<Record<string, readonly string[]>> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute', 'TCPRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** The route kinds (`Kind`, or `group/Kind` outside the Gateway API group) a listener accepts; undefined = any. */
export function listenerKinds(listener: Listener): readonly string[] | undefined {
  if (listener.kinds) return listener.kinds.map((k) => (k.startsWith(`${GATEWAY_GROUP}/`) ? k.slice(GATEWAY_GROUP.length + 1) : k));
  return PROTOCOL_KINDS[listener.protocol];
}

/** Whether two hostnames (either may be a `*.` wildcard) can match the same request. */
export function hostnamesIntersect(a: string, b: string): boolean {
  const wildA = a.startsWith('*.');
  const wildB = b.startsWith('*.');
  if (wildA && wildB) return a.slice(1).endsWith(b.slice(1)) || b.slice(1).endsWith(a.slice(1));
  if (wildA) return b.endsWith(a.slice(1));
  if (wildB) return a.endsWith(b.slice(1));
  return a === b;
}

/** Why a listener refuses a route; undefined when it admits it (or when it depends on the cluster). */
export type Refusal = { readonly reason: 'kind'; readonly kinds: readonly string[] }
  | { readonly reason: 'namespace'; readonly from: string }
  | { readonly reason: 'hostname'; readonly hostname: string };

/** Kubernetes labels every Namespace with `kubernetes.io/metadata.name: <name>` (defaults.ts). */
export function namespaceLabelsOf(index: ResourceIndex, name: string): Readonly<Record<string, string>> | undefined {
  const namespace = index.get('Namespace', undefined, name);
  return namespace ? namespaceLabels(name, namespace.value.metadata?.labels) : undefined;
}

export function listenerRefusal(index: ResourceIndex, gateway: Resource, listener: Listener, route: Resource): Refusal | undefined {
  const kinds = listenerKinds(listener);
  const routeKind = route.group === GATEWAY_GROUP ? route.kind : `${route.group}/${route.kind}`;
  if (kinds && !kinds.includes(routeKind)) return { reason: 'kind', kinds };
  if (listener.from === 'Same' && route.namespace !== gateway.namespace) return { reason: 'namespace', from: 'Same' };
  if (listener.from === 'Selector' && listener.selector && route.namespace !== undefined) {
    const labels = namespaceLabelsOf(index, route.namespace) ?? unlistedNamespaceLabels(listener.selector, route.namespace);
    if (labels && !matchesSelector(listener.selector, labels)) return { reason: 'namespace', from: 'Selector' };
  }
  const hostnames = array(spec(route).hostnames).filter((h): h is string => typeof h === 'string');
  if (listener.hostname && hostnames.length > 0 && !hostnames.some((h) => hostnamesIntersect(h, listener.hostname!))) {
    return { reason: 'hostname', hostname: listener.hostname };
  }
  return undefined;
}

/** The listeners a parentRef selects by `sectionName` and `port` (all of them when it gives neither). */
export function selectedListeners(listeners: readonly Listener[], ref: GatewayReference): Listener[] {
  return listeners.filter((l) => (ref.sectionName === undefined || l.name === ref.sectionName) && (ref.port === undefined || l.port === ref.port));
}

/** A ReferenceGrant in `to.namespace` lets objects of `from` (group, kind, namespace) refer to `to`. */
export function referenceGrant(index: ResourceIndex, from: { group: string; kind: string; namespace: string }, to: GatewayReference): Resource | undefined {
  return index.list(`${GATEWAY_GROUP}/ReferenceGrant`, to.namespace).find((grant) => {
    const grantSpec = spec(grant);
    const fromOk = array(grantSpec.from).some((f) => isRecord(f) && (f.group ?? '') === from.group && f.kind === from.kind && f.namespace === from.namespace);
    const toOk = array(grantSpec.to).some((t) => isRecord(t) && (t.group ?? '') === to.group && t.kind === to.kind && (str(t.name) === undefined || t.name === to.name));
    return fromOk && toOk;
  });
}
