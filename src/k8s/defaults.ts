/**
 * What the API server fills in before an object is stored, where it changes what a reference means
 * (pkg/apis/core/v1/defaults.go and the apps, batch and networking groups). Rules read these views
 * rather than the raw fields, so every rule resolves references as the cluster will.
 *
 * Honoured here and elsewhere:
 * - `SetDefaults_Service`: each port's `protocol` defaults to TCP, and a `targetPort` that is
 *   absent, `0` or `""` becomes the port's `port` (servicePorts below).
 * - `SetDefaults_ContainerPort`: `protocol` TCP (pod-template.ts `containerPorts`).
 * - `SetDefaults_NetworkPolicyPort`: `protocol` TCP; `SetDefaults_Probe`, `SetDefaults_HTTPGetAction`
 *   (probes.ts); `SetDefaults_PodSpec` host ports under `hostNetwork` (workload.ts); `SetDefaults_Pod`
 *   requests from limits (resources.ts); `SetDefaults_Job` parallelism, `SetDefaults_Deployment`,
 *   `SetDefaults_StatefulSet`, `SetDefaults_ReplicaSet` and `SetDefaults_ReplicationController`
 *   replicas 1 (pod-template.ts `replicasOf`).
 */
import { isRecord } from '../resource.js';

export interface ServicePort {
  /** Position in `spec.ports`. */
  readonly index: number;
  readonly name?: string;
  readonly port: number;
  /** As stored: `targetPort` absent, `0` or `""` is `port`. */
  readonly targetPort: number | string;
  /** Whether `targetPort` was written (and not defaulted from `port`). */
  readonly targetPortWritten: boolean;
  readonly protocol: string;
  readonly nodePort?: number;
}

/** The ports of a Service spec with the API server's defaults applied; entries without a numeric `port` are left out. */
export function servicePorts(spec: unknown): ServicePort[] {
  const ports = isRecord(spec) && Array.isArray(spec.ports) ? spec.ports : [];
  const out: ServicePort[] = [];
  ports.forEach((entry: unknown, index) => {
    if (!isRecord(entry) || typeof entry.port !== 'number') return;
    const written = entry.targetPort;
    const targetPortWritten = (typeof written === 'number' && written !== 0) || (typeof written === 'string' && written !== '');
    out.push({
      index,
      ...(typeof entry.name === 'string' && entry.name !== '' ? { name: entry.name } : {}),
      port: entry.port,
      targetPort: targetPortWritten ? (written as number | string) : entry.port,
      targetPortWritten,
      protocol: typeof entry.protocol === 'string' && entry.protocol !== '' ? entry.protocol : 'TCP',
      ...(typeof entry.nodePort === 'number' ? { nodePort: entry.nodePort } : {}),
    });
  });
  return out;
}
