/**
 * The baseline checks of `k8s.io/pod-security-admission/policy` (one upstream `check_<id>.go`
 * each), with the versions at which their behaviour changed and upstream's reason and detail texts.
 */
import { containerSubject, isRecord, list, record, settersOf, inUserNamespace, type Check, type PodView, type Site } from './pod.js';

const BASELINE_CAPABILITIES = new Set([
  'AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT',
]);

/** Safe sysctls by the policy version that added them. */
const SAFE_SYSCTLS: ReadonlyArray<readonly [number, readonly string[]]> = [
  [0, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
];

const SELINUX_TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const SELINUX_TYPES_1_31 = [...SELINUX_TYPES_1_0, 'container_engine_t'];

const APPARMOR_ANNOTATION = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_ANNOTATION = 'container.seccomp.security.alpha.kubernetes.io/';

/** `RuntimeDefault` or `Localhost`: the seccomp profile types baseline and restricted accept. */
export function isValidSeccomp(type: unknown): boolean {
  return type === 'RuntimeDefault' || type === 'Localhost';
}

function validSeccompAnnotation(value: string): boolean {
  return value === 'runtime/default' || value === 'docker/default' || value.startsWith('localhost/');
}

function containerFlag(pod: PodView, field: string, detail: string): Site[] {
  return pod.containers
    .filter((c) => c.context[field] === true)
    .map((c) => ({ path: [...c.path, 'securityContext', field], detail: `${containerSubject(c)} ${detail}` }));
}

function sysctls(allowed: ReadonlySet<string>) {
  return (pod: PodView): Site[] =>
    list(pod.context.sysctls).flatMap((sysctl, i) => {
      const name = record(sysctl).name;
      return typeof name === 'string' && !allowed.has(name) ? [{ path: ['spec', 'securityContext', 'sysctls', i, 'name'], detail: name }] : [];
    });
}

function seLinuxOptions(allowedTypes: readonly string[]) {
  return (pod: PodView): Site[] => {
    const sites: Site[] = [];
    const visit = (context: Readonly<Record<string, unknown>>, path: readonly (string | number)[], subject: string) => {
      const options = context.seLinuxOptions;
      if (!isRecord(options)) return;
      const problems: string[] = [];
      let field: string | undefined;
      const type = typeof options.type === 'string' ? options.type : '';
      if (!allowedTypes.includes(type)) {
        problems.push(`type "${type}"`);
        field = 'type';
      }
      for (const key of ['user', 'role']) {
        if (typeof options[key] === 'string' && options[key] !== '') {
          problems.push(`${key} may not be set`);
          field ??= key;
        }
      }
      if (field) sites.push({ path: [...path, 'securityContext', 'seLinuxOptions', field], detail: `${subject} set forbidden securityContext.seLinuxOptions: ${problems.join('; ')}` });
    };
    visit(pod.context, ['spec'], 'pod');
    for (const c of pod.containers) visit(c.context, c.path, containerSubject(c));
    return sites;
  };
}

function procMount(pod: PodView): Site[] {
  return pod.containers
    .filter((c) => typeof c.context.procMount === 'string' && c.context.procMount !== 'Default')
    .map((c) => ({ path: [...c.path, 'securityContext', 'procMount'], detail: `${containerSubject(c)} must not set securityContext.procMount to "${String(c.context.procMount)}"` }));
}

/** Handlers with a `host`: probes, and lifecycle hooks (httpGet, and the deprecated tcpSocket). */
function hostProbes(pod: PodView): Site[] {
  const sites: Site[] = [];
  for (const c of pod.containers) {
    const handlers: Array<[readonly string[], unknown]> = [
      ...['livenessProbe', 'readinessProbe', 'startupProbe'].map((p): [readonly string[], unknown] => [[p], c.value[p]]),
      ...['postStart', 'preStop'].map((h): [readonly string[], unknown] => [['lifecycle', h], record(c.value.lifecycle)[h]]),
    ];
    for (const [path, handler] of handlers) {
      for (const action of ['httpGet', 'tcpSocket']) {
        const host = record(record(handler)[action]).host;
        if (typeof host === 'string' && host !== '') {
          sites.push({ path: [...c.path, ...path, action, 'host'], detail: `${containerSubject(c)} uses probe or lifecycle host "${host}"` });
        }
      }
    }
  }
  return sites;
}

export const BASELINE_CHECKS: readonly Check[] = [
  {
    id: 'hostNamespaces',
    level: 'baseline',
    reason: 'host namespaces',
    versions: [{ min: 0, check: (pod) => ['hostNetwork', 'hostPID', 'hostIPC'].filter((f) => pod.spec[f] === true).map((f) => ({ path: ['spec', f], detail: `${f}=true` })) }],
  },
  {
    id: 'privileged',
    level: 'baseline',
    reason: 'privileged',
    versions: [{ min: 0, check: (pod) => containerFlag(pod, 'privileged', 'must not set securityContext.privileged=true') }],
  },
  {
    id: 'capabilities_baseline',
    level: 'baseline',
    reason: 'non-default capabilities',
    versions: [{
      min: 0,
      check: (pod) => pod.containers.flatMap((c) => list(record(c.context.capabilities).add).flatMap((cap, i) =>
        typeof cap === 'string' && !BASELINE_CAPABILITIES.has(cap)
          ? [{ path: [...c.path, 'securityContext', 'capabilities', 'add', i], detail: `${containerSubject(c)} must not include "${cap}" in securityContext.capabilities.add` }]
          : [])),
    }],
  },
  {
    id: 'hostPathVolumes',
    level: 'baseline',
    reason: 'hostPath volumes',
    versions: [{
      min: 0,
      check: (pod) => list(pod.spec.volumes).flatMap((v, i) => (isRecord(v) && isRecord(v.hostPath) ? [{ path: ['spec', 'volumes', i, 'hostPath'], detail: `volume "${String(v.name ?? '')}"` }] : [])),
    }],
  },
  {
    id: 'hostPorts',
    level: 'baseline',
    reason: 'hostPort',
    versions: [{
      min: 0,
      check: (pod) => pod.containers.flatMap((c) => list(c.value.ports).flatMap((port, i) => {
        const hostPort = record(port).hostPort;
        return typeof hostPort === 'number' && hostPort !== 0 ? [{ path: [...c.path, 'ports', i, 'hostPort'], detail: `${containerSubject(c)} uses hostPort ${hostPort}` }] : [];
      })),
    }],
  },
  {
    id: 'appArmorProfile',
    level: 'baseline',
    reason: 'forbidden AppArmor profile',
    versions: [{
      min: 0,
      check: (pod) => [
        ...settersOf(pod, ['appArmorProfile', 'type'], (t) => t !== 'RuntimeDefault' && t !== 'Localhost', (s, t) => `${s} must not set AppArmor profile type to "${String(t)}"`),
        ...Object.entries(pod.annotations)
          .filter(([key, value]) => key.startsWith(APPARMOR_ANNOTATION) && value !== '' && value !== 'runtime/default' && !value.startsWith('localhost/'))
          .map(([key, value]) => ({ path: ['metadata', 'annotations', key], detail: `annotation must not set AppArmor profile type to "${key}="${value}""` })),
      ],
    }],
  },
  {
    id: 'seLinuxOptions',
    level: 'baseline',
    reason: 'seLinuxOptions',
    versions: [{ min: 0, check: seLinuxOptions(SELINUX_TYPES_1_0) }, { min: 31, check: seLinuxOptions(SELINUX_TYPES_1_31) }],
  },
  {
    id: 'procMount',
    level: 'baseline',
    reason: 'procMount',
    versions: [{ min: 0, check: procMount }, { min: 35, check: (pod) => (inUserNamespace(pod) ? [] : procMount(pod)) }],
  },
  {
    id: 'seccompProfile_baseline',
    level: 'baseline',
    reason: 'seccompProfile',
    versions: [
      {
        min: 0,
        check: (pod) => [SECCOMP_POD_ANNOTATION, ...pod.containers.map((c) => `${SECCOMP_CONTAINER_ANNOTATION}${c.name}`)]
          .filter((key) => pod.annotations[key] !== undefined && !validSeccompAnnotation(pod.annotations[key]))
          .map((key) => ({ path: ['metadata', 'annotations', key], detail: `forbidden annotation ${key}="${pod.annotations[key]}"` })),
      },
      {
        min: 19,
        check: (pod) => settersOf(pod, ['seccompProfile', 'type'], (t) => !isValidSeccomp(t), (s, t) => `${s} must not set securityContext.seccompProfile.type to "${String(t)}"`),
      },
    ],
  },
  {
    id: 'sysctls',
    level: 'baseline',
    reason: 'forbidden sysctls',
    versions: SAFE_SYSCTLS.map(([min], i) => ({ min, check: sysctls(new Set(SAFE_SYSCTLS.slice(0, i + 1).flatMap(([, names]) => names))) })),
  },
  {
    id: 'windowsHostProcess',
    level: 'baseline',
    reason: 'hostProcess',
    versions: [{ min: 0, check: (pod) => settersOf(pod, ['windowsOptions', 'hostProcess'], (v) => v === true, (s) => `${s} must not set securityContext.windowsOptions.hostProcess=true`) }],
  },
  {
    id: 'hostProbesAndHostLifecycle',
    level: 'baseline',
    reason: 'probe or lifecycle host',
    versions: [{ min: 34, check: hostProbes }],
  },
];

export { procMount as procMountStrict };
