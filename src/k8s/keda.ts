/**
 * KEDA (`keda.sh/v1alpha1`): what a ScaledObject scales, the HorizontalPodAutoscaler it creates for
 * it, and the TriggerAuthentications its triggers (and a ScaledJob's) use.
 *
 * Evidence (kedacore/keda): apis/keda/v1alpha1 `ParseGVKR` (an empty `scaleTargetRef.apiVersion` is
 * `apps/v1`, an empty kind `Deployment`); controllers/keda/hpa.go `getHPAName` (the HPA is
 * `advanced.horizontalPodAutoscalerConfig.name`, else `keda-hpa-<ScaledObject>`);
 * pkg/scaling/resolver `resolveAuthRef` (`authenticationRef.kind` is `TriggerAuthentication` of the
 * ScaledObject's namespace unless it says `ClusterTriggerAuthentication`); the admission webhook
 * `verifyHpas` / `verifyScaledObjects` ("the workload ... is already managed by ..."), which lets a
 * ScaledObject take over an existing HPA only when it carries the annotation
 * `scaledobject.keda.sh/transfer-hpa-ownership: "true"` and names that HPA in
 * `advanced.horizontalPodAutoscalerConfig.name`.
 */
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';
import type { ResourceIndex } from '../resource-index.js';
import type { ScaleTargetRef } from './scale-target.js';

export const KEDA_KINDS = { TriggerAuthentication: 'keda.sh/TriggerAuthentication', ClusterTriggerAuthentication: 'keda.sh/ClusterTriggerAuthentication', ScaledObject: 'keda.sh/ScaledObject' } as const;

function specOf(resource: Resource): Record<string, unknown> {
  return isRecord(resource.value.spec) ? resource.value.spec : {};
}

/** `spec.scaleTargetRef` with KEDA's defaults; undefined without a name. */
export function scaledObjectTarget(resource: Resource): ScaleTargetRef | undefined {
  const ref = specOf(resource).scaleTargetRef;
  if (!isRecord(ref) || typeof ref.name !== 'string' || ref.name === '') return undefined;
  const given = typeof ref.apiVersion === 'string' && ref.apiVersion !== '' ? ref.apiVersion : undefined;
  const kind = typeof ref.kind === 'string' && ref.kind !== '' ? ref.kind : 'Deployment';
  return { apiVersion: given ?? 'apps/v1', kind, name: ref.name, apiVersionOmitted: given === undefined };
}

export const TRANSFER_HPA_OWNERSHIP = 'scaledobject.keda.sh/transfer-hpa-ownership';

/** The existing HPA a ScaledObject takes over (annotation + configured name), if any. */
export function adoptedHpaName(resource: Resource): string | undefined {
  const annotations = resource.value.metadata?.annotations;
  const transfer = isRecord(annotations) && annotations[TRANSFER_HPA_OWNERSHIP] === 'true';
  const advanced = specOf(resource).advanced;
  const config = isRecord(advanced) ? advanced.horizontalPodAutoscalerConfig : undefined;
  return transfer && isRecord(config) && typeof config.name === 'string' && config.name !== '' ? config.name : undefined;
}

export interface TriggerAuthenticationRef {
  readonly name: string;
  readonly cluster: boolean;
  readonly trigger: string;
  /** Path of the `authenticationRef.name` value. */
  readonly path: Path;
}

/** `triggers[].authenticationRef` of a ScaledObject or ScaledJob. */
export function triggerAuthentications(resource: Resource): TriggerAuthenticationRef[] {
  const triggers = specOf(resource).triggers;
  return (Array.isArray(triggers) ? triggers : []).flatMap((trigger, i) => {
    const ref = isRecord(trigger) ? trigger.authenticationRef : undefined;
    if (!isRecord(ref) || typeof ref.name !== 'string' || ref.name === '') return [];
    const label = typeof trigger.name === 'string' ? trigger.name : typeof trigger.type === 'string' ? trigger.type : `#${i + 1}`;
    return [{ name: ref.name, cluster: ref.kind === 'ClusterTriggerAuthentication', trigger: label, path: ['spec', 'triggers', i, 'authenticationRef', 'name'] }];
  });
}

/** An HPA or ScaledObject scaling a target. */
export interface Scaler {
  readonly owner: Resource;
}

function targetKey(namespace: string, kind: string, name: string): string {
  return `${namespace}|${kind}|${name}`;
}

function buildScalers(index: ResourceIndex): Map<string, Scaler[]> {
  const table = new Map<string, Scaler[]>();
  const add = (owner: Resource, kind: unknown, name: unknown) => {
    if (typeof kind !== 'string' || typeof name !== 'string') return;
    const key = targetKey(owner.namespace!, kind, name);
    table.set(key, [...(table.get(key) ?? []), { owner }]);
  };
  for (const hpa of index.list('autoscaling/HorizontalPodAutoscaler')) {
    const ref = specOf(hpa).scaleTargetRef;
    if (isRecord(ref)) add(hpa, ref.kind, ref.name);
  }
  for (const scaledObject of index.list(KEDA_KINDS.ScaledObject)) {
    const target = scaledObjectTarget(scaledObject);
    if (target) add(scaledObject, target.kind, target.name);
  }
  return table;
}

/** HPAs and ScaledObjects of `namespace` scaling `kind` `name`. */
export function scalersOf(index: ResourceIndex, namespace: string, kind: string, name: string): readonly Scaler[] {
  return index.derived('keda.scalers', buildScalers).get(targetKey(namespace, kind, name)) ?? [];
}
