/**
 * Istio networking (`networking.istio.io` v1alpha3, v1beta1 and v1 — one schema): where a
 * VirtualService names destinations and gateways, how a host resolves to a Kubernetes Service or a
 * ServiceEntry, and which subsets the DestinationRules of a host define.
 *
 * Evidence (istio/istio): pilot/pkg/model/config.go `ResolveShortnameToFQDN` (a host without a dot
 * is `<host>.<namespace of the rule>.svc.<domain>`; anything with a dot, a wildcard or an IP is
 * kept as written); pilot/pkg/model/virtualservice.go `resolveGatewayName` (`ns/name`, `./name`,
 * a short name in the VirtualService's namespace, the legacy `name.ns[.svc.cluster.local]`; `mesh`
 * is the sidecars); the API reference of Destination: "Traffic forwarded to destinations that are
 * not found in either of the two [registries] will be dropped". Kubernetes DNS also answers
 * `name.ns` and `name.ns.svc`, and Istio's DNS proxy and Service aliases follow it, so those forms
 * name the Service too.
 */
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';
import type { ResourceIndex } from '../resource-index.js';

export const ISTIO_KINDS = { VirtualService: 'networking.istio.io/VirtualService', DestinationRule: 'networking.istio.io/DestinationRule', Gateway: 'networking.istio.io/Gateway', ServiceEntry: 'networking.istio.io/ServiceEntry' } as const;

const CLUSTER_SUFFIX = '.svc.cluster.local';

/** A route destination of a VirtualService, with the path of its `destination` object. */
export interface IstioDestination {
  readonly host: string;
  readonly subset?: string;
  readonly port?: number;
  readonly path: Path;
}

function items(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function destination(value: unknown, path: Path): IstioDestination[] {
  if (!isRecord(value) || typeof value.host !== 'string' || value.host === '') return [];
  const port = isRecord(value.port) && typeof value.port.number === 'number' ? value.port.number : undefined;
  const subset = typeof value.subset === 'string' && value.subset !== '' ? value.subset : undefined;
  return [{ host: value.host, subset, port, path }];
}

/** Every destination of `http`, `tcp` and `tls` routes, `mirror` and `mirrors`. */
export function virtualServiceDestinations(resource: Resource): IstioDestination[] {
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  const out: IstioDestination[] = [];
  for (const protocol of ['http', 'tcp', 'tls'] as const) {
    items(spec[protocol]).forEach((rule, i) => {
      if (!isRecord(rule)) return;
      items(rule.route).forEach((route, j) => {
        if (isRecord(route)) out.push(...destination(route.destination, ['spec', protocol, i, 'route', j, 'destination']));
      });
      if (protocol !== 'http') return;
      out.push(...destination(rule.mirror, ['spec', 'http', i, 'mirror']));
      items(rule.mirrors).forEach((mirror, j) => {
        if (isRecord(mirror)) out.push(...destination(mirror.destination, ['spec', 'http', i, 'mirrors', j, 'destination']));
      });
    });
  }
  return out;
}

/** A gateway a VirtualService binds to (`spec.gateways` and every `match[].gateways`). */
export interface GatewayBinding {
  readonly text: string;
  readonly namespace: string;
  readonly name: string;
  readonly path: Path;
}

/** `resolveGatewayName`: undefined for `mesh`. */
export function resolveGatewayName(text: string, namespace: string): { namespace: string; name: string } | undefined {
  if (text === 'mesh' || text === '') return undefined;
  const slash = text.indexOf('/');
  if (slash !== -1) {
    const ns = text.slice(0, slash);
    return { namespace: ns === '.' ? namespace : ns, name: text.slice(slash + 1) };
  }
  const [name, ns] = text.split('.');
  return { namespace: ns ?? namespace, name };
}

export function gatewayBindings(resource: Resource): GatewayBinding[] {
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  const namespace = resource.namespace!;
  const out: GatewayBinding[] = [];
  const add = (list: unknown, path: Path) => items(list).forEach((text, i) => {
    const resolved = typeof text === 'string' ? resolveGatewayName(text, namespace) : undefined;
    if (resolved && typeof text === 'string') out.push({ text, ...resolved, path: [...path, i] });
  });
  add(spec.gateways, ['spec', 'gateways']);
  for (const protocol of ['http', 'tcp', 'tls'] as const) {
    items(spec[protocol]).forEach((rule, i) => {
      if (isRecord(rule)) items(rule.match).forEach((match, j) => isRecord(match) && add(match.gateways, ['spec', protocol, i, 'match', j, 'gateways']));
    });
  }
  return out;
}

/** How a host names a cluster Service: its namespace and name and the FQDN Istio keys it by. */
export interface ServiceHost {
  readonly name: string;
  readonly namespace: string;
  readonly fqdn: string;
}

/** Namespaces the run knows: those of its objects, and its Namespace objects. */
function knownNamespaces(index: ResourceIndex): Set<string> {
  const namespaces = new Set<string>();
  for (const r of index.resources) {
    if (r.namespace !== undefined) namespaces.add(r.namespace);
    else if (r.kind === 'Namespace' && r.group === '') namespaces.add(r.name);
  }
  return namespaces;
}

/**
 * The Service a host names, seen from an object of `namespace`: `name`, `name.ns` (when `ns` is a
 * namespace of the run: otherwise it reads as an external domain), `name.ns.svc`,
 * `name.ns.svc.cluster.local`. Undefined for wildcards, IPs and external names.
 */
export function serviceHost(index: ResourceIndex, host: string, namespace: string): ServiceHost | undefined {
  const lower = host.toLowerCase();
  if (lower.includes('*') || /^[\d.]+$/.test(lower) || lower.includes(':')) return undefined;
  const labels = lower.split('.');
  const at = (name: string, ns: string) => ({ name, namespace: ns, fqdn: `${name}.${ns}${CLUSTER_SUFFIX}` });
  if (labels.length === 1) return at(lower, namespace);
  if (lower.endsWith(CLUSTER_SUFFIX) && labels.length === 5) return at(labels[0], labels[1]);
  if (labels.length === 3 && labels[2] === 'svc') return at(labels[0], labels[1]);
  if (labels.length === 2 && index.derived('istio.namespaces', knownNamespaces).has(labels[1])) return at(labels[0], labels[1]);
  return undefined;
}

/** The key Istio gives a host written in an object of `namespace` (the FQDN for Service names). */
export function hostKey(index: ResourceIndex, host: string, namespace: string): string {
  return serviceHost(index, host, namespace)?.fqdn ?? host.toLowerCase();
}

function wildcardMatches(pattern: string, host: string): boolean {
  return pattern === '*' || (pattern.startsWith('*.') && host.endsWith(pattern.slice(1)));
}

interface HostTables {
  /** ServiceEntry hosts (as keys) -> the ServiceEntries declaring them. */
  readonly entries: Map<string, Resource[]>;
  readonly entryWildcards: Array<[string, Resource]>;
  /** DestinationRule hosts (as keys) -> the DestinationRules for them. */
  readonly rules: Map<string, Resource[]>;
  readonly ruleWildcards: Array<[string, Resource]>;
}

function buildTables(index: ResourceIndex): HostTables {
  const tables: HostTables = { entries: new Map(), entryWildcards: [], rules: new Map(), ruleWildcards: [] };
  const add = (map: Map<string, Resource[]>, wildcards: Array<[string, Resource]>, host: unknown, owner: Resource) => {
    if (typeof host !== 'string' || host === '') return;
    if (host.startsWith('*')) wildcards.push([host.toLowerCase(), owner]);
    const key = hostKey(index, host, owner.namespace!);
    map.set(key, [...(map.get(key) ?? []), owner]);
  };
  for (const entry of index.list(ISTIO_KINDS.ServiceEntry)) {
    const spec = isRecord(entry.value.spec) ? entry.value.spec : {};
    for (const host of items(spec.hosts)) add(tables.entries, tables.entryWildcards, host, entry);
  }
  for (const rule of index.list(ISTIO_KINDS.DestinationRule)) {
    const spec = isRecord(rule.value.spec) ? rule.value.spec : {};
    add(tables.rules, tables.ruleWildcards, spec.host, rule);
  }
  return tables;
}

function tables(index: ResourceIndex): HostTables {
  return index.derived('istio.hosts', buildTables);
}

/** ServiceEntries declaring `host` (written in an object of `namespace`), exactly or by wildcard. */
export function serviceEntriesFor(index: ResourceIndex, host: string, namespace: string): readonly Resource[] {
  const { entries, entryWildcards } = tables(index);
  const key = hostKey(index, host, namespace);
  const exact = entries.get(key) ?? entries.get(host.toLowerCase()) ?? [];
  return exact.length > 0 ? exact : entryWildcards.filter(([pattern]) => wildcardMatches(pattern, key)).map(([, entry]) => entry);
}

/**
 * The DestinationRules that apply to `host`: those for exactly that host, else the wildcard ones
 * matching it (Istio takes the most specific host).
 */
export function destinationRulesFor(index: ResourceIndex, host: string, namespace: string): readonly Resource[] {
  const { rules, ruleWildcards } = tables(index);
  const key = hostKey(index, host, namespace);
  const exact = rules.get(key) ?? [];
  return exact.length > 0 ? exact : ruleWildcards.filter(([pattern]) => wildcardMatches(pattern, key)).map(([, rule]) => rule);
}

/** `spec.subsets[].name` of a DestinationRule. */
export function subsetNames(rule: Resource): string[] {
  const spec = isRecord(rule.value.spec) ? rule.value.spec : {};
  return items(spec.subsets).flatMap((s) => (isRecord(s) && typeof s.name === 'string' ? [s.name] : []));
}

/** Undefined when `host` is not a Service name or resolves; else the Service it names. */
export function unresolvedHost(index: ResourceIndex, host: string, namespace: string): ServiceHost | undefined {
  const service = serviceHost(index, host, namespace);
  if (!service || index.exists('Service', service.namespace, service.name)) return undefined;
  return serviceEntriesFor(index, host, namespace).length > 0 ? undefined : service;
}
