import { defineRule, fluxDependencies, isBootstrapObject, missingReference } from '../src/rule-api.js';

export default defineRule({
  id: 'missing-flux-dependency',
  severity: 'error',
  kinds: ['kustomize.toolkit.fluxcd.io/Kustomization', 'helm.toolkit.fluxcd.io/HelmRelease'],
  crossResource: true,
  description: 'Flux Kustomization or HelmRelease dependsOn an object of its kind that does not exist',
  ecosystem: 'Flux',
  docs: {
    why:
      '`spec.dependsOn` lists Kustomizations (for a Kustomization) or HelmReleases (for a HelmRelease) that must ' +
      'be Ready first; `namespace` defaults to the object\'s own. The controller checks each before every ' +
      'reconcile (`checkDependencies`): one that does not exist fails with "unable to get \'ns/name\' dependency", ' +
      'reason `DependencyNotReady`, and the object is requeued forever without ever being applied, so everything ' +
      'below it in the dependency chain stays unapplied too. The bootstrap Kustomization `flux-system/flux-system` ' +
      'always counts as existing. The finding is a warning when the run defines no object of that kind in that ' +
      'namespace (it may be defined by another folder or repository of the fleet).',
    fix: 'Fix the name (or `namespace`) of the dependency, create it, or remove the entry.',
  },
  messages: {
    missing: '{{owner}} depends on {{kind}} `{{name}}`, which does not exist in namespace `{{namespace}}`: Flux reports DependencyNotReady and never applies it{{hint}}',
  },
  check({ resource, index, report }) {
    for (const ref of fluxDependencies(resource)) {
      if (isBootstrapObject(ref)) continue;
      const missing = missingReference(index, ref.kindRef, ref.namespace, ref.name);
      if (!missing) continue;
      const data = { owner: `${resource.kind} \`${resource.name}\``, kind: ref.kind, name: ref.name, namespace: ref.namespace, hint: missing.hint + (missing.elsewhere ? `: set \`namespace: ${missing.elsewhere}\`` : '') };
      report(resource.node(...ref.path), 'missing', data, missing.managed ? undefined : { severity: 'warn' });
    }
  },
});
