/**
 * The restricted checks of `k8s.io/pod-security-admission/policy`. From the version given, some of
 * them replace a baseline check (`overrides`): restricted is baseline minus those, plus these.
 */
import { isValidSeccomp, procMountStrict } from './baseline.js';
import { at, containerSubject, inUserNamespace, isRecord, isWindowsPod, list, record, settersOf, type Check, type CheckFn, type PodView, type Site, type VersionedCheck } from './pod.js';

const ALLOWED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
/** Volume sources upstream names; any other source of the API is reported as `unknown`. */
const RESTRICTED_VOLUMES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'nfs', 'iscsi', 'glusterfs', 'rbd', 'flexVolume', 'cinder', 'cephfs',
  'flocker', 'fc', 'azureFile', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO', 'storageos',
];
/** `image` volumes pass restricted from Kubernetes 1.33 (patched into the 1.0 check, so at every policy version). */
const IMAGE_VOLUMES_ALLOWED_FROM = 33;

function restrictedVolumes(pod: PodView, serverMinor: number): Site[] {
  return list(pod.spec.volumes).flatMap((volume, i) => {
    if (!isRecord(volume)) return [];
    const source = Object.keys(volume).find((key) => key !== 'name' && (ALLOWED_VOLUMES.includes(key) || RESTRICTED_VOLUMES.includes(key) || key === 'image'));
    // No source: the API server defaults the volume to an emptyDir.
    if (source === undefined || ALLOWED_VOLUMES.includes(source) || (source === 'image' && serverMinor >= IMAGE_VOLUMES_ALLOWED_FROM)) return [];
    const type = source === 'image' ? 'unknown' : source;
    return [{ path: ['spec', 'volumes', i, source], detail: `volume "${String(volume.name ?? '')}" uses restricted volume type "${type}"` }];
  });
}

function allowPrivilegeEscalation(pod: PodView): Site[] {
  return pod.containers
    .filter((c) => c.context.allowPrivilegeEscalation !== false)
    .map((c) => ({ path: [...c.path, 'securityContext', 'allowPrivilegeEscalation'], detail: `${containerSubject(c)} must set securityContext.allowPrivilegeEscalation=false` }));
}

/**
 * A setting required of the pod or of every container (`runAsNonRoot`, seccomp): explicitly bad
 * values first; otherwise every container that sets nothing while the pod sets no good value.
 */
function requiredSetting(pod: PodView, field: readonly string[], good: (value: unknown) => boolean, explicit: (subject: string, value: unknown) => string, implicit: (subject: string) => string): Site[] {
  const bad = settersOf(pod, field, (value) => !good(value), explicit);
  if (bad.length > 0 || good(at(pod.context, field))) return bad;
  return pod.containers
    .filter((c) => at(c.context, field) === undefined || at(c.context, field) === null)
    .map((c) => ({ path: [...c.path, 'securityContext', ...field], detail: implicit(`pod or ${containerSubject(c)}`) }));
}

function runAsNonRoot(pod: PodView): Site[] {
  return requiredSetting(pod, ['runAsNonRoot'], (v) => v === true, (s) => `${s} must not set securityContext.runAsNonRoot=false`, (s) => `${s} must set securityContext.runAsNonRoot=true`);
}

function runAsUser(pod: PodView): Site[] {
  return settersOf(pod, ['runAsUser'], (v) => v === 0, (s) => `${s} must not set runAsUser=0`);
}

function seccompProfile(pod: PodView): Site[] {
  return requiredSetting(
    pod,
    ['seccompProfile', 'type'],
    isValidSeccomp,
    (s, v) => `${s} must not set securityContext.seccompProfile.type to "${String(v)}"`,
    (s) => `${s} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
  );
}

function capabilities(pod: PodView): Site[] {
  return pod.containers.flatMap((c) => {
    const caps = record(c.context.capabilities);
    const sites: Site[] = [];
    if (!list(caps.drop).includes('ALL')) {
      sites.push({ path: [...c.path, 'securityContext', 'capabilities', 'drop'], detail: `${containerSubject(c)} must set securityContext.capabilities.drop=["ALL"]` });
    }
    list(caps.add).forEach((cap, i) => {
      if (typeof cap === 'string' && cap !== 'NET_BIND_SERVICE') {
        sites.push({ path: [...c.path, 'securityContext', 'capabilities', 'add', i], detail: `${containerSubject(c)} must not include "${cap}" in securityContext.capabilities.add` });
      }
    });
    return sites;
  });
}

/** A check from policy `min`, which from policy 1.25 skips pods with `spec.os.name: windows`. */
function windowsExemptFrom25(min: number, check: CheckFn, overrides?: readonly string[]): VersionedCheck[] {
  const linuxOnly: CheckFn = (pod, serverMinor) => (isWindowsPod(pod) ? [] : check(pod, serverMinor));
  return [{ min, check, overrides }, { min: 25, check: linuxOnly, overrides }];
}

/** From policy 1.35 these checks skip pods in a user namespace (`hostUsers: false`). */
function hostUsersOnly(check: CheckFn): CheckFn {
  return (pod, serverMinor) => (inUserNamespace(pod) ? [] : check(pod, serverMinor));
}

export const RESTRICTED_CHECKS: readonly Check[] = [
  {
    id: 'restrictedVolumes',
    level: 'restricted',
    reason: 'restricted volume types',
    versions: [{ min: 0, check: restrictedVolumes, overrides: ['hostPathVolumes'] }],
  },
  {
    id: 'allowPrivilegeEscalation',
    level: 'restricted',
    reason: 'allowPrivilegeEscalation != false',
    versions: windowsExemptFrom25(8, allowPrivilegeEscalation),
  },
  {
    id: 'runAsNonRoot',
    level: 'restricted',
    reason: 'runAsNonRoot != true',
    versions: [{ min: 0, check: runAsNonRoot }, { min: 35, check: hostUsersOnly(runAsNonRoot) }],
  },
  {
    id: 'runAsUser',
    level: 'restricted',
    reason: 'runAsUser=0',
    versions: [{ min: 23, check: runAsUser }, { min: 35, check: hostUsersOnly(runAsUser) }],
  },
  {
    id: 'seccompProfile_restricted',
    level: 'restricted',
    reason: 'seccompProfile',
    versions: windowsExemptFrom25(19, seccompProfile, ['seccompProfile_baseline']),
  },
  {
    id: 'capabilities_restricted',
    level: 'restricted',
    reason: 'unrestricted capabilities',
    versions: windowsExemptFrom25(22, capabilities, ['capabilities_baseline']),
  },
  {
    id: 'procMount_restricted',
    level: 'restricted',
    reason: 'procMount',
    versions: [{ min: 35, check: procMountStrict, overrides: ['procMount'] }],
  },
];
