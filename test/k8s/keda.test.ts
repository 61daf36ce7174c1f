import { describe, expect, it } from 'vitest';
import { indexOf } from '../helpers/index-of.js';
import { adoptedHpaName, scaledObjectTarget, scalersOf, triggerAuthentications } from '../../src/k8s/keda.js';
import { scaleTargetDetails, scaleTargetProblem } from '../../src/k8s/scale-target.js';

const run = indexOf(`
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: consumer, namespace: q}
spec:
  scaleTargetRef: {name: consumer}
  triggers:
    - {type: rabbitmq, authenticationRef: {name: rmq}}
    - {type: aws-sqs-queue, name: sqs, authenticationRef: {name: irsa, kind: ClusterTriggerAuthentication}}
    - {type: cpu}
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: indexer, namespace: q}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: StatefulSet, name: indexer}
  advanced: {horizontalPodAutoscalerConfig: {name: indexer-hpa}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: consumer-cpu, namespace: q}
spec: {scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: consumer}, maxReplicas: 3}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: consumer, namespace: q}
spec: {template: {spec: {containers: [{name: a, image: nginx}]}}}
`);
const [consumer, indexer] = run.resources;

describe('ScaledObject targets', () => {
  it("apply KEDA's defaults (apps/v1 Deployment)", () => {
    expect(scaledObjectTarget(consumer)).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'consumer', apiVersionOmitted: true });
    expect(scaledObjectTarget(indexer)).toEqual({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'indexer', apiVersionOmitted: false });
  });
  it('take over an existing HPA only with the transfer annotation and a configured name', () => {
    expect(adoptedHpaName(consumer)).toBeUndefined();
    expect(adoptedHpaName(indexer)).toBeUndefined(); // a configured name, but no transfer-hpa-ownership annotation
  });
  it('index every HPA and ScaledObject by target', () => {
    expect(scalersOf(run, 'q', 'Deployment', 'consumer').map((s) => `${s.owner.kind}/${s.owner.name}`)).toEqual(['HorizontalPodAutoscaler/consumer-cpu', 'ScaledObject/consumer']);
    expect(scalersOf(run, 'other', 'Deployment', 'consumer')).toEqual([]);
  });
});

describe('triggerAuthentications', () => {
  it('reads the kind and labels the trigger by name, else type', () => {
    expect(triggerAuthentications(consumer).map((r) => `${r.trigger}:${r.name}:${r.cluster}@${r.path.join('.')}`)).toEqual([
      'rabbitmq:rmq:false@spec.triggers.0.authenticationRef.name',
      'sqs:irsa:true@spec.triggers.1.authenticationRef.name',
    ]);
  });
});

describe('scaleTargetProblem', () => {
  it('accepts an existing workload and reports a missing one with the namespace that has it', () => {
    expect(scaleTargetProblem(run, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'consumer', apiVersionOmitted: false }, 'q', '1.35')).toBeUndefined();
    const problem = scaleTargetProblem(run, { apiVersion: 'apps/v1', kind: 'Deployment', name: 'consumer', apiVersionOmitted: false }, 'z', '1.35');
    expect(problem).toMatchObject({ id: 'missing', field: 'name', elsewhere: 'q' });
    expect(problem && scaleTargetDetails(problem, 'Deployment', 'consumer', 'a ScaledObject').hint).toBe('; Deployment `consumer` exists in namespace `q`, but a ScaledObject scales only objects of its own namespace');
  });
  it('reports kinds without a scale subresource and groups that do not serve the kind', () => {
    expect(scaleTargetProblem(run, { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'x', apiVersionOmitted: false }, 'q', '1.35')).toMatchObject({ id: 'notScalable', field: 'kind' });
    expect(scaleTargetProblem(run, { apiVersion: 'apps/v1', kind: 'ReplicationController', name: 'x', apiVersionOmitted: true }, 'q', '1.35')).toMatchObject({ id: 'wrongGroup', expected: 'v1' });
  });
});
