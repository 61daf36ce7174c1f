/**
 * Probe and lifecycle-hook ports and timing, as the kubelet resolves them (split from workload.ts).
 *
 * Evidence (kubernetes/kubernetes): pkg/probe/util.go `ResolveContainerPort` (a named probe or
 * httpGet hook port is looked up in the probed container's own `ports` only); core/v1
 * `SetDefaults_Probe` (10 s period, 1 s timeout, 3 failures).
 */
import type { Container, Probe } from 'kubernetes-types/core/v1.js';
import type { Path } from '../model.js';
import { isRecord } from '../resource.js';
import { containerPorts, type ContainerRef } from './pod-template.js';
const list = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : []);

export type PortSite = 'livenessProbe' | 'readinessProbe' | 'startupProbe' | 'postStart' | 'preStop';

export interface PortReference {
  readonly site: PortSite;
  readonly action: 'httpGet' | 'tcpSocket' | 'grpc';
  readonly port: unknown;
  readonly host: string | undefined;
  /** Path of the `port` value from the owner's root. */
  readonly path: Path;
}

/**
 * Ports named by the container's probes and httpGet hooks. A `tcpSocket` hook is left out: the
 * kubelet does not run it at all (core/v1 LifecycleHandler: "TCPSocket is NOT supported").
 */
export function portReferences(ref: ContainerRef): PortReference[] {
  const out: PortReference[] = [];
  const { container, path } = ref;
  for (const site of PROBES) addPortReferences(out, site, container[site], path, NO_SEGMENTS, PROBE_ACTIONS);
  const lifecycle = container.lifecycle;
  if (lifecycle) for (const site of HOOKS) addPortReferences(out, site, lifecycle[site], path, LIFECYCLE, HOOK_ACTIONS);
  return out;
}

const PROBES = ['startupProbe', 'readinessProbe', 'livenessProbe'] as const;
const HOOKS = ['postStart', 'preStop'] as const;
const PROBE_ACTIONS: readonly PortReference['action'][] = ['httpGet', 'tcpSocket', 'grpc'];
const HOOK_ACTIONS: readonly PortReference['action'][] = ['httpGet'];
const NO_SEGMENTS: Path = [];
const LIFECYCLE: Path = ['lifecycle'];

/** The ports `handler` (a probe or hook at `base`, `between`, `site`) names; paths are built only for those. */
function addPortReferences(out: PortReference[], site: PortSite, handler: unknown, base: Path, between: Path, actions: readonly PortReference['action'][]): void {
  if (!isRecord(handler)) return;
  for (const action of actions) {
    const target = handler[action];
    if (!isRecord(target) || target.port === undefined) continue;
    const host = typeof target.host === 'string' && target.host !== '' ? target.host : undefined;
    out.push({ site, action, port: target.port, host, path: [...base, ...between, site, action, 'port'] });
  }
}

/** The port number a probe port resolves to in `container`, as the kubelet resolves it; undefined if it cannot. */
export function resolvePort(port: unknown, container: Container): number | undefined {
  if (typeof port === 'number') return port;
  return containerPorts(container).find((p) => p.name === port)?.containerPort;
}

export interface ProbeTiming {
  readonly initialDelaySeconds: number;
  readonly periodSeconds: number;
  readonly timeoutSeconds: number;
  readonly failureThreshold: number;
}

/** Probe timing with the API server's defaults (core/v1 `SetDefaults_Probe`: 10 s period, 1 s timeout, 3 failures). */
export function probeTiming(probe: Probe): ProbeTiming {
  const num = (value: unknown, fallback: number) => (typeof value === 'number' && value > 0 ? value : fallback);
  return {
    initialDelaySeconds: num(probe.initialDelaySeconds, 0),
    periodSeconds: num(probe.periodSeconds, 10),
    timeoutSeconds: num(probe.timeoutSeconds, 1),
    failureThreshold: num(probe.failureThreshold, 3),
  };
}

/** What the probe checks, normalised (defaults applied, named ports resolved): equal keys = the same check. */
export function probeCheck(probe: Probe, container: Container): { key: string; port: number | undefined; text: string } | undefined {
  if (isRecord(probe.exec)) {
    const command = list(probe.exec.command).map(String);
    return { key: JSON.stringify(['exec', command]), port: undefined, text: `exec \`${command.join(' ')}\`` };
  }
  for (const action of ['httpGet', 'tcpSocket', 'grpc'] as const) {
    const handler = probe[action] as Record<string, unknown> | undefined;
    if (!isRecord(handler)) continue;
    const port = resolvePort(handler.port, container);
    const shown = port ?? String(handler.port);
    if (action === 'httpGet') {
      const path = typeof handler.path === 'string' && handler.path !== '' ? handler.path : '/';
      const scheme = typeof handler.scheme === 'string' ? handler.scheme.toUpperCase() : 'HTTP';
      const key = JSON.stringify([action, shown, path, scheme, handler.host ?? '', handler.httpHeaders ?? []]);
      return { key, port, text: `httpGet \`:${shown}${path.startsWith('/') ? '' : '/'}${path}\`` };
    }
    const extra = action === 'grpc' ? (handler.service ?? '') : (handler.host ?? '');
    return { key: JSON.stringify([action, shown, extra]), port, text: `${action} \`:${shown}\`` };
  }
  return undefined;
}
