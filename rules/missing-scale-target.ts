import { closest, customResourceScale, defineRule, didYouMean, isBuiltInGroup, isRecord, SCALABLE_KINDS, servesScalableKind } from '../src/rule-api.js';

const TARGETS = 'a Deployment, StatefulSet, ReplicaSet or ReplicationController';

export default defineRule({
  id: 'missing-scale-target',
  severity: 'error',
  kinds: ['HorizontalPodAutoscaler'],
  description: 'HorizontalPodAutoscaler whose scaleTargetRef names no scalable object in its namespace',
  crossResource: true,
  docs: {
    why:
      'The HPA controller (pkg/controller/podautoscaler/horizontal.go `reconcileAutoscaler`) turns `scaleTargetRef` ' +
      'into an API group and kind (the version is ignored), maps them to a resource, and reads ' +
      '`<resource>/<name>/scale` in the HPA\'s own namespace. Any failure sets `AbleToScale=False` with reason ' +
      '`FailedGetScale` and a Warning event, and the HPA never changes the replica count: a missing `apiVersion` gives ' +
      '"no matches for kind \\"Deployment\\" in group \\"\\"", `extensions/v1beta1` gives the same for group ' +
      '`extensions` since 1.16, a kind without a `scale` subresource (DaemonSet, Job, CronJob, Pod, or a custom ' +
      'resource whose CRD declares no `subresources.scale`) has no `/scale` to read, and a name that does not exist ' +
      'gives `deployments.apps "web" not found`. The API server accepts the HPA in every case. Targets of ' +
      'custom kinds (Argo Rollout, ...) are checked only when the run defines objects or the CRD of that kind.',
    fix:
      'Point `scaleTargetRef` at a workload of the HPA\'s namespace with `apiVersion: apps/v1` (`v1` for a ' +
      'ReplicationController), the exact `kind` and `metadata.name`.',
  },
  messages: {
    missing: 'HorizontalPodAutoscaler `{{hpa}}` scales {{kind}} `{{name}}`, which does not exist in namespace `{{namespace}}`: the HPA controller reports FailedGetScale and never scales{{hint}}',
    wrongGroup:
      'HorizontalPodAutoscaler `{{hpa}}` scales {{kind}} `{{name}}` {{given}}, but {{kind}} is served by `{{expected}}`: the HPA controller reports FailedGetScale (no matches for kind "{{kind}}" in group "{{group}}") and never scales; set `apiVersion: {{expected}}`',
    notScalable:
      'HorizontalPodAutoscaler `{{hpa}}` scales {{kind}} `{{name}}`, but {{kind}} has no scale subresource{{crd}}: the HPA controller reports FailedGetScale and never scales; target {{targets}}{{hint}}',
    noApiVersion:
      'HorizontalPodAutoscaler `{{hpa}}` scales {{kind}} `{{name}}` without an `apiVersion`, so the HPA controller looks for {{kind}} in the core API group, reports FailedGetScale and never scales; set `apiVersion: {{expected}}`',
  },
  check({ resource, index, kubernetesVersion, report }) {
    if (resource.group !== 'autoscaling') return;
    const spec = resource.value.spec;
    const ref = isRecord(spec) ? spec.scaleTargetRef : undefined;
    if (!isRecord(ref) || typeof ref.kind !== 'string' || typeof ref.name !== 'string' || ref.kind === '' || ref.name === '') return;
    const { kind, name } = ref;
    const apiVersion = typeof ref.apiVersion === 'string' ? ref.apiVersion : '';
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    const namespace = resource.namespace!;
    const data = { hpa: resource.name, kind, name, namespace, targets: TARGETS, hint: '', crd: '' };
    const at = (field: string) => resource.node('spec', 'scaleTargetRef', field);

    const expected = SCALABLE_KINDS.get(kind);
    let kindRefs: string[];
    if (isBuiltInGroup(group) && expected !== undefined) {
      if (!servesScalableKind(group, kind, kubernetesVersion)) {
        const given = apiVersion === '' ? 'without an `apiVersion`' : `with \`apiVersion: ${apiVersion}\``;
        report(at('apiVersion'), 'wrongGroup', { ...data, given, group, expected: expected === '' ? 'v1' : `${expected}/v1` });
        return;
      }
      // extensions/v1beta1 Deployments and ReplicaSets were the same objects as apps/v1 ones.
      kindRefs = expected === 'apps' ? [`apps/${kind}`, `extensions/${kind}`] : [`/${kind}`];
    } else if (isBuiltInGroup(group)) {
      const defined = apiVersion === '' ? index.resources.find((r) => r.kind === kind && r.group !== '') : undefined;
      if (defined) {
        report(at('apiVersion'), 'noApiVersion', { ...data, expected: defined.apiVersion });
        return;
      }
      const guess = closest(kind, SCALABLE_KINDS.keys());
      report(at('kind'), 'notScalable', { ...data, hint: guess ? `; did you mean \`${guess}\`?` : '' });
      return;
    } else {
      const custom = customResourceScale(index, group, kind);
      if (custom && !custom.scalable) {
        report(at('kind'), 'notScalable', { ...data, crd: ` (CustomResourceDefinition \`${custom.crd.name}\` declares no \`subresources.scale\`)` });
        return;
      }
      kindRefs = [`${group}/${kind}`];
      if (index.list(kindRefs[0]).length === 0) return; // a custom kind this run defines no object of
    }
    if (kindRefs.some((ref) => index.exists(ref, namespace, name))) return;

    const otherKind = [...SCALABLE_KINDS].find(([k, g]) => k !== kind && index.get(`${g}/${k}`, namespace, name));
    const elsewhere = kindRefs.flatMap((ref) => index.list(ref)).find((r) => r.name === name && r.namespace !== namespace);
    const hint = otherKind
      ? `; ${otherKind[0]} \`${name}\` exists: set \`kind: ${otherKind[0]}\` and \`apiVersion: ${otherKind[1] === '' ? 'v1' : `${otherKind[1]}/v1`}\``
      : elsewhere
        ? `; ${kind} \`${name}\` exists in namespace \`${elsewhere.namespace}\`, but an HPA scales only objects of its own namespace`
        : didYouMean(name, kindRefs.flatMap((ref) => index.names(ref, namespace)));
    report(at('name'), 'missing', { ...data, hint });
  },
});
