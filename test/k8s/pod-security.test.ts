/**
 * Every Pod Security Standards check passes and fails, per version where it changed, in the manner
 * of the upstream policy test data (policy/check_*_test.go): a pod that meets restricted, changed in
 * one place, evaluated at a level and version; only the check under test is compared.
 */
import { describe, expect, it } from 'vitest';
import { checksFor, evaluatePod } from '../../src/k8s/pod-security/index.js';
import { policyToEvaluate } from '../../src/k8s/pod-security/policy.js';
import type { Level } from '../../src/k8s/pod-security/pod.js';

type Json = Record<string, unknown>;

const RESTRICTED_CONTAINER = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } };

/** A restricted pod with `spec` merged over it; `containers` replace the container's security context. */
function pod(spec: Json = {}, containerContext: Json = RESTRICTED_CONTAINER, annotations: Json = {}): Json {
  return {
    metadata: { annotations },
    spec: {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', image: 'nginx', securityContext: containerContext }],
      ...spec,
    },
  };
}

const withContext = (context: Json) => pod({}, { ...RESTRICTED_CONTAINER, ...context });
const podContext = (context: Json) => pod({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' }, ...context } });

interface Case {
  readonly name: string;
  readonly check: string;
  readonly level: Level;
  /** Policy minor versions to evaluate at (default: 35). */
  readonly versions?: readonly number[];
  readonly pod: Json;
  /** Upstream details of the sites that fail; [] passes. */
  readonly fails: readonly string[];
  readonly serverMinor?: number;
}

const CASES: readonly Case[] = [
  // baseline
  { name: 'no host namespaces', check: 'hostNamespaces', level: 'baseline', pod: pod({ hostNetwork: false }), fails: [] },
  { name: 'hostNetwork and hostPID', check: 'hostNamespaces', level: 'baseline', pod: pod({ hostNetwork: true, hostPID: true }), fails: ['hostNetwork=true', 'hostPID=true'] },
  { name: 'hostIPC', check: 'hostNamespaces', level: 'baseline', versions: [0, 35], pod: pod({ hostIPC: true }), fails: ['hostIPC=true'] },
  { name: 'privileged false', check: 'privileged', level: 'baseline', pod: withContext({ privileged: false }), fails: [] },
  { name: 'privileged', check: 'privileged', level: 'baseline', versions: [0, 35], pod: withContext({ privileged: true }), fails: ['container "app" must not set securityContext.privileged=true'] },
  { name: 'default capabilities', check: 'capabilities_baseline', level: 'baseline', pod: pod({}, { capabilities: { add: ['CHOWN', 'NET_BIND_SERVICE', 'SYS_CHROOT'] } }), fails: [] },
  { name: 'NET_RAW and SYS_ADMIN', check: 'capabilities_baseline', level: 'baseline', pod: pod({}, { capabilities: { add: ['NET_RAW', 'CHOWN', 'SYS_ADMIN'] } }), fails: ['container "app" must not include "NET_RAW" in securityContext.capabilities.add', 'container "app" must not include "SYS_ADMIN" in securityContext.capabilities.add'] },
  { name: 'baseline capabilities at restricted before 1.22', check: 'capabilities_baseline', level: 'restricted', versions: [21], pod: pod({}, { allowPrivilegeEscalation: false, capabilities: { add: ['NET_ADMIN'] } }), fails: ['container "app" must not include "NET_ADMIN" in securityContext.capabilities.add'] },
  { name: 'hostPath volume', check: 'hostPathVolumes', level: 'baseline', pod: pod({ volumes: [{ name: 'ok', emptyDir: {} }, { name: 'host', hostPath: { path: '/var' } }] }), fails: ['volume "host"'] },
  { name: 'no hostPath volume', check: 'hostPathVolumes', level: 'baseline', pod: pod({ volumes: [{ name: 'ok', configMap: { name: 'c' } }] }), fails: [] },
  { name: 'hostPort 0 and none', check: 'hostPorts', level: 'baseline', pod: pod({ containers: [{ name: 'app', ports: [{ containerPort: 80, hostPort: 0 }, { containerPort: 81 }] }] }), fails: [] },
  { name: 'hostPort', check: 'hostPorts', level: 'baseline', pod: pod({ initContainers: [{ name: 'init', ports: [{ containerPort: 80, hostPort: 8080 }] }] }), fails: ['container "init" uses hostPort 8080'] },
  { name: 'AppArmor RuntimeDefault and Localhost', check: 'appArmorProfile', level: 'baseline', pod: podContext({ appArmorProfile: { type: 'RuntimeDefault' } }), fails: [] },
  { name: 'AppArmor Unconfined field at every version', check: 'appArmorProfile', level: 'baseline', versions: [0, 29, 35], pod: withContext({ appArmorProfile: { type: 'Unconfined' } }), fails: ['container "app" must not set AppArmor profile type to "Unconfined"'] },
  { name: 'AppArmor annotations', check: 'appArmorProfile', level: 'baseline', pod: pod({}, RESTRICTED_CONTAINER, { 'container.apparmor.security.beta.kubernetes.io/app': 'unconfined', 'container.apparmor.security.beta.kubernetes.io/b': 'localhost/x' }), fails: ['annotation must not set AppArmor profile type to "container.apparmor.security.beta.kubernetes.io/app="unconfined""'] },
  { name: 'SELinux container types', check: 'seLinuxOptions', level: 'baseline', pod: podContext({ seLinuxOptions: { type: 'container_init_t', level: 's0:c1,c2' } }), fails: [] },
  { name: 'SELinux user and role', check: 'seLinuxOptions', level: 'baseline', pod: withContext({ seLinuxOptions: { user: 'system_u', role: 'object_r' } }), fails: ['container "app" set forbidden securityContext.seLinuxOptions: user may not be set; role may not be set'] },
  { name: 'SELinux container_engine_t before 1.31', check: 'seLinuxOptions', level: 'baseline', versions: [30], pod: podContext({ seLinuxOptions: { type: 'container_engine_t' } }), fails: ['pod set forbidden securityContext.seLinuxOptions: type "container_engine_t"'] },
  { name: 'SELinux container_engine_t from 1.31', check: 'seLinuxOptions', level: 'baseline', versions: [31, 35], pod: podContext({ seLinuxOptions: { type: 'container_engine_t' } }), fails: [] },
  { name: 'procMount Default', check: 'procMount', level: 'baseline', pod: withContext({ procMount: 'Default' }), fails: [] },
  { name: 'procMount Unmasked', check: 'procMount', level: 'baseline', versions: [0, 34, 35], pod: withContext({ procMount: 'Unmasked' }), fails: ['container "app" must not set securityContext.procMount to "Unmasked"'] },
  { name: 'procMount Unmasked in a user namespace before 1.35', check: 'procMount', level: 'baseline', versions: [34], pod: pod({ hostUsers: false }, { procMount: 'Unmasked' }), fails: ['container "app" must not set securityContext.procMount to "Unmasked"'] },
  { name: 'procMount Unmasked in a user namespace from 1.35', check: 'procMount', level: 'baseline', versions: [35], pod: pod({ hostUsers: false }, { procMount: 'Unmasked' }), fails: [] },
  { name: 'restricted procMount ignores user namespaces', check: 'procMount_restricted', level: 'restricted', versions: [35], pod: pod({ hostUsers: false }, { ...RESTRICTED_CONTAINER, procMount: 'Unmasked' }), fails: ['container "app" must not set securityContext.procMount to "Unmasked"'] },
  { name: 'seccomp annotation unconfined before 1.19', check: 'seccompProfile_baseline', level: 'baseline', versions: [18], pod: pod({}, RESTRICTED_CONTAINER, { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }), fails: ['forbidden annotation seccomp.security.alpha.kubernetes.io/pod="unconfined"'] },
  { name: 'seccomp annotations runtime/default, docker/default and localhost/', check: 'seccompProfile_baseline', level: 'baseline', versions: [18], pod: pod({}, RESTRICTED_CONTAINER, { 'seccomp.security.alpha.kubernetes.io/pod': 'docker/default', 'container.seccomp.security.alpha.kubernetes.io/app': 'localhost/p.json' }), fails: [] },
  { name: 'any other seccomp annotation value before 1.19', check: 'seccompProfile_baseline', level: 'baseline', versions: [0], pod: pod({}, RESTRICTED_CONTAINER, { 'container.seccomp.security.alpha.kubernetes.io/app': 'custom' }), fails: ['forbidden annotation container.seccomp.security.alpha.kubernetes.io/app="custom"'] },
  { name: 'seccomp annotation ignored from 1.19', check: 'seccompProfile_baseline', level: 'baseline', versions: [19], pod: pod({}, RESTRICTED_CONTAINER, { 'container.seccomp.security.alpha.kubernetes.io/app': 'unconfined' }), fails: [] },
  { name: 'seccomp Unconfined field', check: 'seccompProfile_baseline', level: 'baseline', versions: [19, 35], pod: withContext({ seccompProfile: { type: 'Unconfined' } }), fails: ['container "app" must not set securityContext.seccompProfile.type to "Unconfined"'] },
  { name: 'seccomp unset passes baseline', check: 'seccompProfile_baseline', level: 'baseline', pod: pod({ securityContext: {} }), fails: [] },
  { name: 'safe sysctls', check: 'sysctls', level: 'baseline', pod: podContext({ sysctls: [{ name: 'net.ipv4.ip_local_port_range', value: '1024 65535' }] }), fails: [] },
  { name: 'unsafe sysctl', check: 'sysctls', level: 'baseline', versions: [0, 35], pod: podContext({ sysctls: [{ name: 'kernel.msgmax', value: '1' }] }), fails: ['kernel.msgmax'] },
  { name: 'ip_local_reserved_ports before 1.27', check: 'sysctls', level: 'baseline', versions: [26], pod: podContext({ sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '80' }] }), fails: ['net.ipv4.ip_local_reserved_ports'] },
  { name: 'ip_local_reserved_ports from 1.27', check: 'sysctls', level: 'baseline', versions: [27], pod: podContext({ sysctls: [{ name: 'net.ipv4.ip_local_reserved_ports', value: '80' }] }), fails: [] },
  { name: 'tcp_keepalive_time before 1.29', check: 'sysctls', level: 'baseline', versions: [28], pod: podContext({ sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }] }), fails: ['net.ipv4.tcp_keepalive_time'] },
  { name: 'tcp_keepalive_time from 1.29', check: 'sysctls', level: 'baseline', versions: [29], pod: podContext({ sysctls: [{ name: 'net.ipv4.tcp_keepalive_time', value: '60' }] }), fails: [] },
  { name: 'tcp_rmem before 1.32', check: 'sysctls', level: 'baseline', versions: [31], pod: podContext({ sysctls: [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 6291456' }] }), fails: ['net.ipv4.tcp_rmem'] },
  { name: 'tcp_rmem from 1.32', check: 'sysctls', level: 'baseline', versions: [32], pod: podContext({ sysctls: [{ name: 'net.ipv4.tcp_wmem', value: '4096 87380 6291456' }] }), fails: [] },
  { name: 'Windows hostProcess', check: 'windowsHostProcess', level: 'baseline', pod: podContext({ windowsOptions: { hostProcess: true } }), fails: ['pod must not set securityContext.windowsOptions.hostProcess=true'] },
  { name: 'Windows hostProcess false', check: 'windowsHostProcess', level: 'baseline', pod: withContext({ windowsOptions: { hostProcess: false } }), fails: [] },
  { name: 'probe host before 1.34', check: 'hostProbesAndHostLifecycle', level: 'baseline', versions: [33], pod: pod({ containers: [{ name: 'app', livenessProbe: { httpGet: { host: '10.0.0.1', port: 80 } } }] }), fails: [] },
  { name: 'probe and lifecycle hosts from 1.34', check: 'hostProbesAndHostLifecycle', level: 'baseline', versions: [34, 35], pod: pod({ containers: [{ name: 'app', readinessProbe: { tcpSocket: { host: 'db', port: 5432 } }, lifecycle: { preStop: { httpGet: { host: 'example.com', port: 80 } } } }] }), fails: ['container "app" uses probe or lifecycle host "db"', 'container "app" uses probe or lifecycle host "example.com"'] },
  { name: 'empty probe host', check: 'hostProbesAndHostLifecycle', level: 'baseline', pod: pod({ containers: [{ name: 'app', startupProbe: { httpGet: { host: '', port: 80 } } }] }), fails: [] },
  // restricted
  { name: 'allowed volume types, and a volume with no source (defaulted to emptyDir)', check: 'restrictedVolumes', level: 'restricted', pod: pod({ volumes: [{ name: 'a', projected: { sources: [] } }, { name: 'b', ephemeral: {} }, { name: 'c' }, { name: 'd', image: { reference: 'x' } }] }), fails: [] },
  { name: 'nfs and hostPath', check: 'restrictedVolumes', level: 'restricted', pod: pod({ volumes: [{ name: 'n', nfs: { server: 's', path: '/' } }, { name: 'h', hostPath: { path: '/' } }] }), fails: ['volume "n" uses restricted volume type "nfs"', 'volume "h" uses restricted volume type "hostPath"'] },
  { name: 'image volumes before Kubernetes 1.33', check: 'restrictedVolumes', level: 'restricted', serverMinor: 32, versions: [32], pod: pod({ volumes: [{ name: 'd', image: { reference: 'x' } }] }), fails: ['volume "d" uses restricted volume type "unknown"'] },
  { name: 'restrictedVolumes replaces hostPathVolumes', check: 'hostPathVolumes', level: 'restricted', pod: pod({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }), fails: [] },
  { name: 'allowPrivilegeEscalation unset', check: 'allowPrivilegeEscalation', level: 'restricted', versions: [8, 35], pod: pod({}, { capabilities: { drop: ['ALL'] } }), fails: ['container "app" must set securityContext.allowPrivilegeEscalation=false'] },
  { name: 'allowPrivilegeEscalation before 1.8', check: 'allowPrivilegeEscalation', level: 'restricted', versions: [7], pod: pod({}, {}), fails: [] },
  { name: 'allowPrivilegeEscalation on a Windows pod before 1.25', check: 'allowPrivilegeEscalation', level: 'restricted', versions: [24], pod: pod({ os: { name: 'windows' } }, { capabilities: { drop: ['ALL'] } }), fails: ['container "app" must set securityContext.allowPrivilegeEscalation=false'] },
  { name: 'allowPrivilegeEscalation on a Windows pod from 1.25', check: 'allowPrivilegeEscalation', level: 'restricted', versions: [25], pod: pod({ os: { name: 'windows' } }, {}), fails: [] },
  { name: 'runAsNonRoot on the containers only', check: 'runAsNonRoot', level: 'restricted', pod: pod({ securityContext: { seccompProfile: { type: 'RuntimeDefault' } } }, { ...RESTRICTED_CONTAINER, runAsNonRoot: true }), fails: [] },
  { name: 'runAsNonRoot unset', check: 'runAsNonRoot', level: 'restricted', versions: [0, 35], pod: pod({ securityContext: {}, initContainers: [{ name: 'init', securityContext: { runAsNonRoot: true } }] }), fails: ['pod or container "app" must set securityContext.runAsNonRoot=true'] },
  { name: 'runAsNonRoot false on a container overrides the pod', check: 'runAsNonRoot', level: 'restricted', pod: withContext({ runAsNonRoot: false }), fails: ['container "app" must not set securityContext.runAsNonRoot=false'] },
  { name: 'runAsNonRoot false on the pod', check: 'runAsNonRoot', level: 'restricted', pod: podContext({ runAsNonRoot: false }), fails: ['pod must not set securityContext.runAsNonRoot=false'] },
  { name: 'runAsNonRoot unset in a user namespace from 1.35', check: 'runAsNonRoot', level: 'restricted', versions: [35], pod: pod({ hostUsers: false, securityContext: {} }), fails: [] },
  { name: 'runAsNonRoot unset in a user namespace before 1.35', check: 'runAsNonRoot', level: 'restricted', versions: [34], pod: pod({ hostUsers: false, securityContext: {} }), fails: ['pod or container "app" must set securityContext.runAsNonRoot=true'] },
  { name: 'runAsUser 0 before 1.23', check: 'runAsUser', level: 'restricted', versions: [22], pod: podContext({ runAsUser: 0 }), fails: [] },
  { name: 'runAsUser 0 from 1.23', check: 'runAsUser', level: 'restricted', versions: [23, 35], pod: withContext({ runAsUser: 0 }), fails: ['container "app" must not set runAsUser=0'] },
  { name: 'runAsUser 1000', check: 'runAsUser', level: 'restricted', pod: podContext({ runAsUser: 1000 }), fails: [] },
  { name: 'runAsUser 0 in a user namespace from 1.35', check: 'runAsUser', level: 'restricted', versions: [35], pod: pod({ hostUsers: false, securityContext: { runAsNonRoot: true, runAsUser: 0, seccompProfile: { type: 'RuntimeDefault' } } }), fails: [] },
  { name: 'seccomp Localhost on the container', check: 'seccompProfile_restricted', level: 'restricted', pod: pod({ securityContext: { runAsNonRoot: true } }, { ...RESTRICTED_CONTAINER, seccompProfile: { type: 'Localhost', localhostProfile: 'p.json' } }), fails: [] },
  { name: 'seccomp unset', check: 'seccompProfile_restricted', level: 'restricted', versions: [19, 35], pod: pod({ securityContext: { runAsNonRoot: true } }), fails: ['pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"'] },
  { name: 'seccomp Unconfined on a container', check: 'seccompProfile_restricted', level: 'restricted', pod: withContext({ seccompProfile: { type: 'Unconfined' } }), fails: ['container "app" must not set securityContext.seccompProfile.type to "Unconfined"'] },
  { name: 'seccomp unset before 1.19', check: 'seccompProfile_restricted', level: 'restricted', versions: [18], pod: pod({ securityContext: { runAsNonRoot: true } }), fails: [] },
  { name: 'seccomp unset on a Windows pod from 1.25', check: 'seccompProfile_restricted', level: 'restricted', versions: [25], pod: pod({ os: { name: 'windows' }, securityContext: { runAsNonRoot: true } }), fails: [] },
  { name: 'drop ALL, add NET_BIND_SERVICE', check: 'capabilities_restricted', level: 'restricted', pod: withContext({ capabilities: { drop: ['ALL'], add: ['NET_BIND_SERVICE'] } }), fails: [] },
  { name: 'no drop, add CHOWN', check: 'capabilities_restricted', level: 'restricted', versions: [22, 35], pod: withContext({ capabilities: { drop: ['NET_RAW'], add: ['CHOWN'] } }), fails: ['container "app" must set securityContext.capabilities.drop=["ALL"]', 'container "app" must not include "CHOWN" in securityContext.capabilities.add'] },
  { name: 'no drop before 1.22', check: 'capabilities_restricted', level: 'restricted', versions: [21], pod: withContext({ capabilities: {} }), fails: [] },
  { name: 'no drop on a Windows pod from 1.25', check: 'capabilities_restricted', level: 'restricted', versions: [25], pod: pod({ os: { name: 'windows' } }, { allowPrivilegeEscalation: false }), fails: [] },
  { name: 'ephemeral containers are checked', check: 'allowPrivilegeEscalation', level: 'restricted', pod: pod({ ephemeralContainers: [{ name: 'debug', securityContext: { capabilities: { drop: ['ALL'] } } }] }), fails: ['container "debug" must set securityContext.allowPrivilegeEscalation=false'] },
];

describe('Pod Security Standards checks', () => {
  for (const c of CASES) {
    for (const version of c.versions ?? [35]) {
      it(`${c.check} ${c.level}:v1.${version}: ${c.name}`, () => {
        const failures = evaluatePod(c.pod, { level: c.level, version }, c.serverMinor ?? 35);
        expect(failures.find((f) => f.check.id === c.check)?.sites.map((s) => s.detail) ?? []).toEqual(c.fails);
      });
    }
  }

  it('a restricted pod passes restricted at every version', () => {
    for (let version = 0; version <= 35; version++) expect(evaluatePod(pod(), { level: 'restricted', version }, 35)).toEqual([]);
  });

  it('privileged checks nothing, and a version above the server evaluates as the server', () => {
    expect(evaluatePod(pod({ hostNetwork: true }), { level: 'privileged', version: 'latest' }, 35)).toEqual([]);
    const probe = pod({ containers: [{ name: 'app', securityContext: RESTRICTED_CONTAINER, livenessProbe: { httpGet: { host: 'x', port: 1 } } }] });
    expect(evaluatePod(probe, { level: 'baseline', version: 40 }, 33)).toEqual([]);
    expect(evaluatePod(probe, { level: 'baseline', version: 'latest' }, 34).map((f) => f.check.id)).toEqual(['hostProbesAndHostLifecycle']);
  });

  it('selects checks in upstream order, restricted overriding baseline from their versions', () => {
    const ids = (level: Level, version: number) => checksFor(level, version).map((c) => c.check.id);
    expect(ids('baseline', 35)).toEqual([
      'appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'hostProbesAndHostLifecycle',
      'privileged', 'procMount', 'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess',
    ]);
    expect(ids('restricted', 35)).toEqual([
      'appArmorProfile', 'hostNamespaces', 'hostPorts', 'hostProbesAndHostLifecycle', 'privileged', 'seLinuxOptions', 'sysctls', 'windowsHostProcess',
      'allowPrivilegeEscalation', 'capabilities_restricted', 'procMount_restricted', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seccompProfile_restricted',
    ]);
    expect(ids('restricted', 18)).toEqual(expect.arrayContaining(['capabilities_baseline', 'seccompProfile_baseline', 'procMount']));
    expect(ids('restricted', 18)).not.toContain('runAsUser');
  });
});

describe('PolicyToEvaluate', () => {
  const privileged = { level: 'privileged', version: 'latest' } as const;
  const defaults = { enforce: privileged, warn: privileged, audit: privileged };

  it('reads levels and versions over the defaults', () => {
    const { policy, problems } = policyToEvaluate({ enforce: 'baseline', 'enforce-version': 'v1.24', warn: 'restricted' }, defaults);
    expect(problems).toEqual([]);
    expect(policy).toEqual({ enforce: { level: 'baseline', version: 24 }, warn: { level: 'restricted', version: 'latest' }, audit: privileged });
  });

  it('fails closed for enforce and open for warn and audit; a bad version is latest', () => {
    const { policy, problems } = policyToEvaluate({ enforce: 'strict', warn: 'Restricted', 'audit-version': '1.25' }, defaults);
    expect(policy.enforce.level).toBe('restricted');
    expect(policy.warn.level).toBe('privileged');
    expect(policy.audit.version).toBe('latest');
    expect(problems.map((p) => p.name)).toEqual(['enforce', 'warn', 'audit-version']);
  });
});
