/**
 * The backends of an Ingress in every served shape: `networking.k8s.io/v1` (`spec.defaultBackend`,
 * `backend.service.{name,port}`) and the legacy `extensions/v1beta1` and `networking.k8s.io/v1beta1`
 * (`spec.backend`, `backend.serviceName`/`backend.servicePort`). Fields that the Ingress's
 * apiVersion does not define are not backends (the API server would drop them).
 */
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';
import { RecentMemo } from './memo.js';

export interface IngressBackendPort {
  readonly number?: number;
  readonly name?: string;
  /** `service.port.number` / `service.port.name` / legacy `servicePort`. */
  readonly path: Path;
}

export interface IngressBackend {
  /** Path of the backend mapping from the Ingress's root. */
  readonly path: Path;
  /** A `resource` backend (e.g. a storage bucket CRD): it names no Service. */
  readonly resource?: boolean;
  readonly serviceName?: string;
  /** `service.name`, or legacy `serviceName`. */
  readonly serviceNamePath: Path;
  /** Undefined when the backend gives no port at all (a schema error). */
  readonly port?: IngressBackendPort;
}

const LEGACY_API_VERSIONS = new Set(['extensions/v1beta1', 'networking.k8s.io/v1beta1']);

export function isLegacyIngress(resource: Resource): boolean {
  return LEGACY_API_VERSIONS.has(resource.apiVersion);
}

/** Backends of the last Ingress asked about: its own two rules read them in turn. */
const recent = new RecentMemo<Resource, readonly IngressBackend[]>();

/** Every backend of an Ingress, default backend first, then rules in order. */
export function ingressBackends(resource: Resource): IngressBackend[] {
  return [...(recent.get(resource) ?? recent.set(resource, readBackends(resource)))];
}

function readBackends(resource: Resource): IngressBackend[] {
  const value = resource.value as unknown as Record<string, unknown>;
  const spec = isRecord(value.spec) ? value.spec : {};
  const legacy = isLegacyIngress(resource);
  const out: IngressBackend[] = [];
  const defaultKey = legacy ? 'backend' : 'defaultBackend';
  addBackend(out, legacy, spec[defaultKey], ['spec', defaultKey]);
  const rules = Array.isArray(spec.rules) ? spec.rules : [];
  rules.forEach((rule, i) => {
    const paths = isRecord(rule) && isRecord(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
    paths.forEach((httpPath, j) => {
      if (isRecord(httpPath)) addBackend(out, legacy, httpPath.backend, ['spec', 'rules', i, 'http', 'paths', j, 'backend']);
    });
  });
  return out;
}

function addBackend(out: IngressBackend[], legacy: boolean, backend: unknown, path: Path): void {
  if (isRecord(backend)) out.push(legacy ? legacyBackend(backend, path) : v1Backend(backend, path));
}

function v1Backend(backend: Record<string, unknown>, path: Path): IngressBackend {
  const serviceNamePath = [...path, 'service', 'name'];
  if (backend.resource !== undefined && backend.service === undefined) return { path, resource: true, serviceNamePath };
  const service = isRecord(backend.service) ? backend.service : {};
  const serviceName = typeof service.name === 'string' && service.name !== '' ? service.name : undefined;
  let port: IngressBackendPort | undefined;
  if (isRecord(service.port)) {
    const portPath = [...path, 'service', 'port'];
    const { number, name } = service.port;
    if (typeof number === 'number') port = { number, path: [...portPath, 'number'] };
    else if (typeof name === 'string' && name !== '') port = { name, path: [...portPath, 'name'] };
  }
  return { path, serviceName, serviceNamePath, port };
}

function legacyBackend(backend: Record<string, unknown>, path: Path): IngressBackend {
  const serviceNamePath = [...path, 'serviceName'];
  if (backend.resource !== undefined && backend.serviceName === undefined) return { path, resource: true, serviceNamePath };
  const serviceName = typeof backend.serviceName === 'string' && backend.serviceName !== '' ? backend.serviceName : undefined;
  const portPath = [...path, 'servicePort'];
  const value = backend.servicePort;
  const port = typeof value === 'number' ? { number: value, path: portPath }
    : typeof value === 'string' && /\D/.test(value) ? { name: value, path: portPath } // "80" is no valid name: schema's job
      : undefined;
  return { path, serviceName, serviceNamePath, port };
}
