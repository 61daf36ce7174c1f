import { defineRule, fluxSourceRefs, isBootstrapObject, missingReference } from '../src/rule-api.js';

export default defineRule({
  id: 'missing-flux-source',
  severity: 'error',
  kinds: ['kustomize.toolkit.fluxcd.io/Kustomization', 'helm.toolkit.fluxcd.io/HelmRelease'],
  crossResource: true,
  description: 'Flux Kustomization or HelmRelease reconciles from a source that does not exist',
  ecosystem: 'Flux',
  docs: {
    why:
      'A Flux Kustomization reads its artifact from `spec.sourceRef` (GitRepository, OCIRepository, Bucket, ' +
      'ExternalArtifact); a HelmRelease from `spec.chart.spec.sourceRef` (HelmRepository, GitRepository, Bucket) ' +
      'or `spec.chartRef` (OCIRepository, HelmChart, ExternalArtifact). `namespace` defaults to the object\'s own. ' +
      'When the source does not exist the controller reports "Source \'GitRepository/ns/name\' not found" ' +
      '(`Ready=False`, reason `ArtifactFailed`) and retries forever: nothing is applied or released. The ' +
      '`flux-system` source of namespace `flux-system` is created by `flux bootstrap` and always counts as ' +
      'existing. Sources often live in another folder or repository of the fleet (a platform repository ' +
      'defining tenant sources), so the finding is a warning when the run defines no source of that kind in that ' +
      'namespace. Cross-namespace references are not reported: they only fail when the controllers run with ' +
      '`--no-cross-namespace-refs`.',
    fix: 'Create the source (e.g. a GitRepository with `flux create source git`), fix its name or kind, or set `namespace` to where it lives.',
  },
  messages: {
    missing: '{{owner}} reconciles from {{kind}} `{{name}}` ({{site}}), which does not exist in namespace `{{namespace}}`: Flux reports "Source not found" and applies nothing{{hint}}',
  },
  check({ resource, index, report }) {
    for (const ref of fluxSourceRefs(resource)) {
      if (isBootstrapObject(ref)) continue;
      const missing = missingReference(index, ref.kindRef, ref.namespace, ref.name);
      if (!missing) continue;
      const data = { owner: `${resource.kind} \`${resource.name}\``, kind: ref.kind, name: ref.name, site: ref.site, namespace: ref.namespace, hint: missing.hint + (missing.elsewhere ? `: set \`namespace: ${missing.elsewhere}\`` : '') };
      report(resource.node(...ref.path), 'missing', data, missing.managed ? undefined : { severity: 'warn' });
    }
  },
});
