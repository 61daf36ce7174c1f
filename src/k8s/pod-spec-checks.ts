/**
 * Pod spec checks of the API server's validation that the OpenAPI schemas cannot express: how many
 * handlers a probe or lifecycle hook names, probe thresholds, what init containers may carry, how many
 * sources a volume or an env var names, and the DNS config `dnsPolicy: None` needs.
 *
 * Evidence (kubernetes/kubernetes pkg/apis/core/validation/validation.go):
 * - `validateProbe` / `validateHandler`: exactly one of `exec`, `httpGet`, `tcpSocket`, `grpc` ("must specify a
 *   handler type", "may not specify more than 1 handler type"); `initialDelaySeconds`, `timeoutSeconds`,
 *   `periodSeconds`, `successThreshold` and `failureThreshold` non-negative (`ValidateNonnegativeField`; 0 is
 *   defaulted by `SetDefaults_Probe`); a probe's `terminationGracePeriodSeconds` greater than 0.
 * - `validateLifecycle` / `validateHandler`: `postStart` and `preStop` name exactly one of `exec`, `httpGet`,
 *   `tcpSocket`, `sleep`.
 * - `validateContainers`: liveness and startup probes "must be 1" for `successThreshold` (0 is defaulted to 1).
 * - `validateInitContainers`: an init container without `restartPolicy: Always` "may not" set `lifecycle`,
 *   `livenessProbe`, `readinessProbe` or `startupProbe`; its `restartPolicy` may only be `Always` (sidecar
 *   containers, beta from 1.29: before that the field is dropped, so every init container is a plain one).
 * - `validateVolumeSource`: "may not specify more than 1 volume type" (none at all is defaulted to `emptyDir`
 *   by `SetDefaults_Volume`); `validateProjectionSources`: one source per projection.
 * - `validateEnvVarValueFrom`: `valueFrom` "may not be specified when `value` is not empty", and names exactly
 *   one of `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, `secretKeyRef`, `fileKeyRef`.
 * - `validatePodDNSConfig`: `dnsPolicy: None` needs `dnsConfig` with at least one nameserver.
 * - `ValidateTolerations`: an empty `key` needs `operator: Exists`; `Exists` takes no `value`; `tolerationSeconds`
 *   needs `effect: NoExecute`; a key is a valid label key.
 * - `ValidateSecurityContext`: `allowPrivilegeEscalation: false` contradicts `privileged: true` and a
 *   `capabilities.add` of `CAP_SYS_ADMIN`.
 */
import type { Path } from '../model.js';
import { isRecord } from '../resource.js';
import { compareVersions } from './api-deprecations.js';
import { isQualifiedName } from './names.js';
import type { PodTemplate } from './pod-template.js';

export type PodSpecProblem = { readonly path: Path; readonly subject: string } & (
  | { readonly problem: 'noHandler' | 'handlers'; readonly what: string; readonly found: readonly string[]; readonly allowed: readonly string[] }
  | { readonly problem: 'successThreshold'; readonly probe: string; readonly value: number }
  | { readonly problem: 'negative' | 'notPositive'; readonly field: string; readonly value: number }
  | { readonly problem: 'initContainerField'; readonly field: string }
  | { readonly problem: 'initRestartPolicy'; readonly value: string }
  | { readonly problem: 'volumeSources' | 'projectionSources' | 'valueFromSources'; readonly found: readonly string[] }
  | { readonly problem: 'noValueFromSource' | 'noProjectionSource'; readonly allowed: readonly string[] }
  | { readonly problem: 'valueAndValueFrom' }
  | { readonly problem: 'dnsNone'; readonly missing: string }
  | { readonly problem: 'tolerationOperator' | 'tolerationValue' | 'tolerationSeconds' }
  | { readonly problem: 'tolerationKey'; readonly key: string; readonly reason: string }
  | { readonly problem: 'privilegedEscalation' | 'sysAdminEscalation' }
);

const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];
const LIFECYCLE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'];
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const PROBE_COUNTS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'];
const VALUE_FROM = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef', 'fileKeyRef'];
const PROJECTIONS = ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate'];
const VOLUME_SOURCES = new Set([
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap',
  'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi',
  'ephemeral', 'image',
]);

/** Each list of field names as a set, made once (`present` runs for every probe, env var and volume). */
const NAME_SETS = new Map<readonly string[], ReadonlySet<string>>();

/** Fields of `value` among `names` that are set (a null field is unset), in the order written. */
function present(value: Record<string, unknown>, names: readonly string[] | ReadonlySet<string>): string[] {
  let known: ReadonlySet<string> | undefined;
  if (Array.isArray(names)) {
    known = NAME_SETS.get(names);
    if (known === undefined) NAME_SETS.set(names, (known = new Set(names)));
  } else {
    known = names as ReadonlySet<string>;
  }
  const found: string[] = [];
  for (const name in value) {
    if (Object.hasOwn(value, name) && known.has(name) && value[name] !== null && value[name] !== undefined) found.push(name);
  }
  return found;
}

/** Exactly one of `allowed` in `value`; the problem sits at the second handler, or at the object when there is none. */
function oneHandler(value: Record<string, unknown>, path: Path, subject: string, what: string, allowed: readonly string[]): PodSpecProblem[] {
  const found = present(value, allowed);
  if (found.length === 1) return [];
  if (found.length === 0) return [{ path, subject, problem: 'noHandler', what, found, allowed }];
  return [{ path: [...path, found[1]], subject, problem: 'handlers', what, found, allowed }];
}

function probeProblems(probe: Record<string, unknown>, path: Path, subject: string, name: string): PodSpecProblem[] {
  const out = oneHandler(probe, path, subject, name, PROBE_HANDLERS);
  for (const field of PROBE_COUNTS) {
    const value = probe[field];
    if (typeof value === 'number' && value < 0) out.push({ path: [...path, field], subject, problem: 'negative', field: `${name}.${field}`, value });
  }
  const grace = probe.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace <= 0) out.push({ path: [...path, 'terminationGracePeriodSeconds'], subject, problem: 'notPositive', field: `${name}.terminationGracePeriodSeconds`, value: grace });
  const threshold = probe.successThreshold;
  if (name !== 'readinessProbe' && typeof threshold === 'number' && threshold > 1) out.push({ path: [...path, 'successThreshold'], subject, problem: 'successThreshold', probe: name, value: threshold });
  return out;
}

function envProblems(container: Record<string, unknown>, path: Path, subject: string): PodSpecProblem[] {
  const out: PodSpecProblem[] = [];
  (Array.isArray(container.env) ? container.env : []).forEach((env: unknown, i) => {
    if (!isRecord(env) || !isRecord(env.valueFrom)) return;
    const found = present(env.valueFrom, VALUE_FROM);
    const valueToo = typeof env.value === 'string' && env.value !== '';
    if (found.length === 1 && !valueToo) return; // the usual case: no path or subject to build
    const at = [...path, 'env', i];
    const who = `${subject} env \`${String(env.name)}\``;
    if (valueToo) out.push({ path: [...at, 'valueFrom'], subject: who, problem: 'valueAndValueFrom' });
    if (found.length === 0) out.push({ path: [...at, 'valueFrom'], subject: who, problem: 'noValueFromSource', allowed: VALUE_FROM.slice(0, 4) });
    if (found.length > 1) out.push({ path: [...at, 'valueFrom', found[1]], subject: who, problem: 'valueFromSources', found });
  });
  return out;
}

function containerProblems(container: Record<string, unknown>, path: Path, subject: string, init: boolean, sidecars: boolean): PodSpecProblem[] {
  const out: PodSpecProblem[] = [];
  const policy = init && sidecars ? container.restartPolicy : undefined;
  if (typeof policy === 'string' && policy !== 'Always') out.push({ path: [...path, 'restartPolicy'], subject, problem: 'initRestartPolicy', value: policy });
  const plainInit = init && policy !== 'Always';
  for (let i = 0; i < PROBES.length; i++) {
    const name = PROBES[i];
    const probe = container[name];
    if (!isRecord(probe)) continue;
    if (plainInit) out.push({ path: [...path, name], subject, problem: 'initContainerField', field: name });
    else out.push(...probeProblems(probe, [...path, name], subject, name));
  }
  const lifecycle = container.lifecycle;
  if (isRecord(lifecycle) && plainInit) out.push({ path: [...path, 'lifecycle'], subject, problem: 'initContainerField', field: 'lifecycle' });
  else if (isRecord(lifecycle)) {
    for (const hook of ['postStart', 'preStop']) {
      const handler = lifecycle[hook];
      if (isRecord(handler)) out.push(...oneHandler(handler, [...path, 'lifecycle', hook], subject, `lifecycle.${hook}`, LIFECYCLE_HANDLERS));
    }
  }
  out.push(...envProblems(container, path, subject), ...securityProblems(container, path, subject));
  return out;
}

function securityProblems(container: Record<string, unknown>, path: Path, subject: string): PodSpecProblem[] {
  const context = container.securityContext;
  if (!isRecord(context) || context.allowPrivilegeEscalation !== false) return [];
  const at = [...path, 'securityContext', 'allowPrivilegeEscalation'];
  const out: PodSpecProblem[] = [];
  if (context.privileged === true) out.push({ path: at, subject, problem: 'privilegedEscalation' });
  const added = isRecord(context.capabilities) && Array.isArray(context.capabilities.add) ? context.capabilities.add : [];
  if (added.includes('CAP_SYS_ADMIN')) out.push({ path: at, subject, problem: 'sysAdminEscalation' });
  return out;
}

function tolerationProblems(spec: Record<string, unknown>, specPath: Path, owner: () => string): PodSpecProblem[] {
  const out: PodSpecProblem[] = [];
  (Array.isArray(spec.tolerations) ? spec.tolerations : []).forEach((toleration: unknown, i) => {
    if (!isRecord(toleration)) return;
    const at = [...specPath, 'tolerations', i];
    const subject = `${owner()} tolerations[${i}]`;
    const key = typeof toleration.key === 'string' ? toleration.key : '';
    const { operator, value, effect } = toleration;
    if (key !== '') {
      const reasons = isQualifiedName(key);
      if (reasons.length > 0) out.push({ path: [...at, 'key'], subject, problem: 'tolerationKey', key, reason: reasons.join('; ') });
    } else if (operator !== 'Exists' && (operator === undefined || operator === null || operator === '' || operator === 'Equal')) {
      out.push({ path: operator === undefined || operator === null ? at : [...at, 'operator'], subject, problem: 'tolerationOperator' });
    }
    if (operator === 'Exists' && typeof value === 'string' && value !== '') out.push({ path: [...at, 'value'], subject, problem: 'tolerationValue' });
    if (typeof toleration.tolerationSeconds === 'number' && effect !== 'NoExecute') out.push({ path: [...at, 'tolerationSeconds'], subject, problem: 'tolerationSeconds' });
  });
  return out;
}

function volumeProblems(spec: Record<string, unknown>, specPath: Path, owner: () => string): PodSpecProblem[] {
  const out: PodSpecProblem[] = [];
  (Array.isArray(spec.volumes) ? spec.volumes : []).forEach((volume: unknown, i) => {
    if (!isRecord(volume)) return;
    const found = present(volume, VOLUME_SOURCES);
    if (found.length <= 1 && volume.projected === undefined) return; // the usual case: no path or subject to build
    const at = [...specPath, 'volumes', i];
    const subject = `${owner()} volume \`${String(volume.name)}\``;
    if (found.length > 1) out.push({ path: [...at, found[1]], subject, problem: 'volumeSources', found });
    const projected = isRecord(volume.projected) && Array.isArray(volume.projected.sources) ? volume.projected.sources : [];
    projected.forEach((source: unknown, j) => {
      if (!isRecord(source)) return;
      const sourcePath = [...at, 'projected', 'sources', j];
      const kinds = present(source, PROJECTIONS);
      if (kinds.length === 0) out.push({ path: sourcePath, subject, problem: 'noProjectionSource', allowed: PROJECTIONS.slice(0, 4) });
      if (kinds.length > 1) out.push({ path: [...sourcePath, kinds[1]], subject, problem: 'projectionSources', found: kinds });
    });
  });
  return out;
}

const GROUPS = { containers: 'container', initContainers: 'init container', ephemeralContainers: 'ephemeral container' } as const;

/** Every problem of `template`'s pod spec; `owner` names the object in messages (`Deployment \`web\``). */
/**
 * The problems of a pod spec, in path order. `owner` names the object in subjects: a text, or a
 * function giving it, called only when there is a problem (nearly every pod spec has none).
 */
export function podSpecProblems(template: PodTemplate, owner: string | (() => string), kubernetesVersion: string): PodSpecProblem[] {
  const spec = template.spec as unknown as Record<string, unknown>;
  const specPath = template.path.concat('spec');
  const sidecars = compareVersions(kubernetesVersion, '1.29') >= 0;
  let ownerText: string | undefined = typeof owner === 'string' ? owner : undefined;
  const ownerOf = () => (ownerText ??= (owner as () => string)());
  const out: PodSpecProblem[] = [];
  const { containers } = template;
  for (let i = 0; i < containers.length; i++) {
    const { container, group, path } = containers[i];
    if (group === 'ephemeralContainers') continue;
    const fields = container as unknown as Record<string, unknown>;
    const init = group === 'initContainers';
    // First without a subject (no text to build for a clean container), then again with it.
    if (containerProblems(fields, path, '', init, sidecars).length === 0) continue;
    const subject = `${ownerOf()} ${GROUPS[group]} \`${String(container.name)}\``;
    out.push(...containerProblems(fields, path, subject, init, sidecars));
  }
  out.push(...volumeProblems(spec, specPath, ownerOf), ...tolerationProblems(spec, specPath, ownerOf));
  if (spec.dnsPolicy === 'None') {
    const config = spec.dnsConfig;
    if (!isRecord(config)) out.push({ path: [...specPath, 'dnsPolicy'], subject: ownerOf(), problem: 'dnsNone', missing: 'no `dnsConfig`' });
    else if (!Array.isArray(config.nameservers) || config.nameservers.length === 0) out.push({ path: [...specPath, 'dnsConfig'], subject: ownerOf(), problem: 'dnsNone', missing: 'no `dnsConfig.nameservers`' });
  }
  return out;
}
