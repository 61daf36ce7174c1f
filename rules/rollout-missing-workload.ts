import { defineRule, missingReference, WORKLOAD_REF_KINDS, workloadRef } from '../src/rule-api.js';

const SUPPORTED = Object.entries(WORKLOAD_REF_KINDS).map(([kind, apiVersion]) => `${kind} (\`${apiVersion}\`)`).join(', ');

export default defineRule({
  id: 'rollout-missing-workload',
  severity: 'error',
  kinds: ['argoproj.io/Rollout'],
  crossResource: true,
  description: 'Argo Rollout workloadRef names no Deployment, ReplicaSet or PodTemplate of its namespace',
  ecosystem: 'Argo Rollouts',
  docs: {
    why:
      'A Rollout with `spec.workloadRef` takes its pod template from another object instead of `spec.template`. ' +
      'The controller (rollout/templateref.go `Resolve`) knows three kinds by API group: `apps` Deployment and ' +
      'ReplicaSet and core `PodTemplate`, and reads the object from the Rollout\'s own namespace. Any other kind fails ' +
      'with "workload of type apps/StatefulSet is not supported", a name that does not exist with ' +
      '`deployments.apps "web" not found`; either way the Rollout gets the `InvalidSpec` condition and creates no ' +
      'ReplicaSet and no pod.',
    fix: 'Point `workloadRef` at a Deployment (`apiVersion: apps/v1`), ReplicaSet or PodTemplate of the Rollout\'s namespace, with its exact name.',
  },
  messages: {
    unsupported: 'Rollout `{{rollout}}` takes its pod template from {{kind}} `{{name}}`, but workloadRef supports only {{supported}}: the Rollout is InvalidSpec and creates no pods',
    wrongApiVersion: 'Rollout `{{rollout}}` references {{kind}} `{{name}}` with `apiVersion: {{given}}`, but the controller watches {{kind}} in `{{expected}}`: the Rollout is InvalidSpec and creates no pods; set `apiVersion: {{expected}}`',
    missing: 'Rollout `{{rollout}}` takes its pod template from {{kind}} `{{name}}`, which does not exist in namespace `{{namespace}}`: the Rollout is InvalidSpec and creates no pods{{hint}}',
  },
  check({ resource, index, report }) {
    const ref = workloadRef(resource);
    if (!ref) return;
    const namespace = resource.namespace!;
    const data = { rollout: resource.name, kind: ref.kind, name: ref.name, namespace, supported: SUPPORTED };
    const expected = WORKLOAD_REF_KINDS[ref.kind];
    if (expected === undefined) {
      report(resource.node('spec', 'workloadRef', 'kind'), 'unsupported', data);
      return;
    }
    const group = expected.includes('/') ? expected.split('/')[0] : '';
    const givenGroup = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    if (givenGroup !== group) {
      report(resource.node('spec', 'workloadRef', ref.apiVersion === '' ? 'kind' : 'apiVersion'), 'wrongApiVersion', { ...data, given: ref.apiVersion || '""', expected });
      return;
    }
    const missing = missingReference(index, `${group}/${ref.kind}`, namespace, ref.name);
    if (missing) report(resource.node('spec', 'workloadRef', 'name'), 'missing', { ...data, hint: missing.hint });
  },
});
