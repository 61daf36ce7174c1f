/**
 * `x-kubernetes-list-type` semantics for src/schema-validate.ts: entries of a `map` list are
 * identified by their `x-kubernetes-list-map-keys`, entries of a `set` list by their value, and
 * two entries with the same identity are duplicates.
 */
import { isRecord } from '../resource.js';

/**
 * Built-in list-maps (`<definition>.<field>`) whose duplicates the API server's validation rejects
 * (pkg/apis/core/validation: containers and volumes `Duplicate value`, volumeMounts and
 * volumeDevices `must be unique`, Service ports, topology spread constraints, resource claims,
 * scheduling gates; admissionregistration: webhook names). For other built-in lists (env, container
 * ports, ...) it only warns (pkg/api/pod/warnings.go), while server-side apply rejects them all.
 */
const REJECTED = new Set([
  'PodSpec.containers', 'PodSpec.initContainers', 'PodSpec.ephemeralContainers', 'PodSpec.volumes',
  'PodSpec.topologySpreadConstraints', 'PodSpec.resourceClaims', 'PodSpec.schedulingGates',
  'Container.volumeMounts', 'Container.volumeDevices', 'EphemeralContainer.volumeMounts',
  'EphemeralContainer.volumeDevices', 'ServiceSpec.ports',
  'ValidatingWebhookConfiguration.webhooks', 'MutatingWebhookConfiguration.webhooks',
]);

/**
 * Built-in lists whose duplicates a dedicated rule reports with more context, so the schema rule
 * stays quiet on them: container names (`invalid-container-name`, across all container lists),
 * mount and device paths (`duplicate-mount-path`), Service ports (`invalid-port`).
 */
const OWNED_BY_RULE = new Set([
  'PodSpec.containers', 'PodSpec.initContainers', 'PodSpec.ephemeralContainers',
  'Container.volumeMounts', 'Container.volumeDevices', 'EphemeralContainer.volumeMounts',
  'EphemeralContainer.volumeDevices', 'ServiceSpec.ports',
]);

const shortName = (definition: string, field: string) => `${definition.slice(definition.lastIndexOf('.') + 1)}.${field}`;

export function ownedByRule(definition: string, field: string): boolean {
  return OWNED_BY_RULE.has(shortName(definition, field));
}

/** Whether the API server rejects duplicates in built-in list `field` of `definition` (full name). */
export function rejectsDuplicates(definition: string, field: string): boolean {
  return REJECTED.has(shortName(definition, field));
}

export interface Duplicate {
  readonly index: number;
  /** Index of the entry it repeats. */
  readonly first: number;
  /** The identity for a message: "`containerPort` `8080/TCP`", "value `foo`". */
  readonly shown: string;
  /** The first key field, when the entry has it (to point at it rather than the whole entry). */
  readonly keyField?: string;
}

/**
 * Repeated entries of `list` (a `map` list when `keys` is non-empty, else a `set`). A missing key
 * takes `keyDefault(key)` (`protocol` defaults to TCP); entries missing a key without a default,
 * and map-list entries that are not maps, have no identity and are skipped.
 */
export function duplicates(list: readonly unknown[], keys: readonly string[], keyDefault: (key: string) => unknown): Duplicate[] {
  const out: Duplicate[] = [];
  const seen = new Map<string, number>();
  for (let index = 0; index < list.length; index++) {
    const item = list[index];
    let values: unknown[] | undefined;
    if (keys.length > 0) {
      if (!isRecord(item)) continue;
      values = keys.map((k) => (Object.hasOwn(item, k) ? item[k] : undefined) ?? keyDefault(k));
      if (values.some((v) => v === undefined || v === null)) continue;
    }
    const id = JSON.stringify(values ?? item);
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, index);
    } else if (values === undefined) {
      out.push({ index, first, shown: `value \`${typeof item === 'string' ? item : id}\`` });
    } else {
      const keyField = Object.hasOwn(item as object, keys[0]!) && (item as Record<string, unknown>)[keys[0]!] !== undefined ? keys[0] : undefined;
      out.push({ index, first, shown: `\`${keys[0]}\` \`${values.join('/')}\``, ...(keyField ? { keyField } : {}) });
    }
  }
  return out;
}
