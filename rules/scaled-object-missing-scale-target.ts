import { defineRule, scaledObjectTarget, scaleTargetDetails, scaleTargetProblem } from '../src/rule-api.js';

const TARGETS = 'a Deployment, StatefulSet, ReplicaSet, ReplicationController or a custom resource with a scale subresource';

export default defineRule({
  id: 'scaled-object-missing-scale-target',
  severity: 'error',
  kinds: ['keda.sh/ScaledObject'],
  description: 'KEDA ScaledObject whose scaleTargetRef names no scalable object in its namespace',
  ecosystem: 'KEDA',
  crossResource: true,
  docs: {
    why:
      'KEDA reads `scaleTargetRef` with its own defaults (`apiVersion: apps/v1`, `kind: Deployment`; ' +
      '`ParseGVKR`), maps group and kind to a resource and reads `<resource>/<name>/scale` in the ScaledObject\'s ' +
      'namespace (`checkTargetResourceIsScalable`), exactly as the HPA controller does. When the group does not ' +
      'serve the kind, the kind has no `scale` subresource (DaemonSet, Job, a CRD without `subresources.scale`) or ' +
      'the object does not exist, the ScaledObject stays `Ready=False` with reason `ScaledObjectCheckFailed` ' +
      '("Target resource doesn\'t exist" / "doesn\'t expose /scale subresource"), KEDA creates no HPA and nothing is ' +
      'ever scaled. Targets of custom kinds are checked only when the run defines objects or the CRD of that kind. ' +
      'Jobs are scaled with a ScaledJob (`jobTargetRef` holds the Job template inline).',
    fix: 'Point `scaleTargetRef` at a workload of the ScaledObject\'s namespace, with the exact `kind` and name (and `apiVersion` for kinds outside `apps/v1`).',
  },
  messages: {
    missing: 'ScaledObject `{{so}}` scales {{kind}} `{{name}}`, which does not exist in namespace `{{namespace}}`: KEDA reports ScaledObjectCheckFailed and never scales{{hint}}',
    wrongGroup: 'ScaledObject `{{so}}` scales {{kind}} `{{name}}` {{given}}, but {{kind}} is served by `{{expected}}`: KEDA reports ScaledObjectCheckFailed and never scales; set `apiVersion: {{expected}}`',
    notScalable: 'ScaledObject `{{so}}` scales {{kind}} `{{name}}`, but {{kind}} has no scale subresource{{crd}}: KEDA reports ScaledObjectCheckFailed and never scales; target {{targets}}{{hint}}',
    noApiVersion:
      'ScaledObject `{{so}}` scales {{kind}} `{{name}}` without an `apiVersion`, so KEDA looks for {{kind}} in `apps/v1`, reports ScaledObjectCheckFailed and never scales; set `apiVersion: {{expected}}`',
  },
  check({ resource, index, kubernetesVersion, report }) {
    const target = scaledObjectTarget(resource);
    if (!target) return;
    const namespace = resource.namespace!;
    const problem = scaleTargetProblem(index, target, namespace, kubernetesVersion);
    if (!problem) return;
    const { kind, name } = target;
    const given = target.apiVersionOmitted ? 'without an `apiVersion` (KEDA reads `apps/v1`)' : `with \`apiVersion: ${target.apiVersion}\``;
    const data = { so: resource.name, kind, name, namespace, targets: TARGETS, given, ...scaleTargetDetails(problem, kind, name, 'a ScaledObject') };
    // A defaulted apiVersion has no node of its own: point at the kind (or the reference).
    const field = problem.field === 'apiVersion' && target.apiVersionOmitted ? 'kind' : problem.field;
    report(resource.node('spec', 'scaleTargetRef', field), problem.id, data);
  },
});
