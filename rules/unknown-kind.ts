import {
  apiVersionStatus, customDefinition, defineRule, didYouMean, isApiServerObject, isBuiltInGroup, kindsServedIn, objectSchema, resolveVersion, versionsServing,
} from '../src/rule-api.js';

export default defineRule({
  id: 'unknown-kind',
  severity: 'error',
  description: 'Object whose kind the API server does not know: a misspelt built-in kind, or a custom kind with no CRD',
  docs: {
    why:
      'kubectl looks up every apiVersion/kind in the API server\'s discovery before sending it; a kind ' +
      'that is not served fails the whole apply with `no matches for kind "Deploymnet" in version ' +
      '"apps/v1"` (`ensure CRDs are installed first`). In the built-in API groups (`apps`, `batch`, ' +
      '`networking.k8s.io`, ...) only Kubernetes defines kinds, so an unknown kind there is always an ' +
      'error. A custom kind (say `monitoring.coreos.com/v1` `ServiceMonitor`) works when its ' +
      'CustomResourceDefinition is installed; k8s-lint checks it against that CRD when it is among the ' +
      'linted files, `--context` or `--crds`, or in its bundled catalog of widely used operators; ' +
      'otherwise it cannot check the object, says so in a note, and reports it as an error only with ' +
      '`--reject-unknown-kinds`. Kinds that an older or newer Kubernetes serves are left to ' +
      '`removed-api-version`.',
    fix:
      'Correct the spelling of `kind` (it is case-sensitive), or add the CustomResourceDefinition to the ' +
      'linted files (or pass it with `--context` or `--crds`) so the object can be validated against it.',
  },
  messages: {
    noGroup: 'Kubernetes has no API group `{{group}}` (`{{apiVersion}}`), and custom resource groups contain a dot, so kubectl fails with "no matches for kind"{{hint}}',
    builtIn: 'Kubernetes serves no kind `{{kind}}` in `{{apiVersion}}`, so kubectl fails with "no matches for kind"{{hint}}',
    noSchema:
      '{{kind}} `{{name}}` (`{{apiVersion}}`) has no schema: no CustomResourceDefinition for it is among the linted files or the bundled catalog; add it, or pass it with `--crds`',
  },
  check({ resource, index, kubernetesVersion, settings, report }) {
    const { apiVersion, kind, group } = resource;
    if (!isApiServerObject(apiVersion, kind)) return; // kubeconfig, kustomization, kind/kubeadm config
    const version = resolveVersion(kubernetesVersion) ?? kubernetesVersion;
    if (group !== '' && !group.includes('.') && !isBuiltInGroup(group)) {
      // A CRD group must contain a dot: a dotless group the API does not have is a typo (`app/v1`).
      const served = kindsServedIn(version).filter((k) => k.kind === kind).map((k) => k.apiVersion);
      const hint = served.length > 0 ? `; \`${kind}\` is served as \`${served[0]}\`` : '';
      report(resource.node('apiVersion'), 'noGroup', { apiVersion, group, hint });
      return;
    }
    if (isBuiltInGroup(group)) {
      // Served by some version, or a known removal: removed-api-version's call.
      if (versionsServing(apiVersion, kind).length > 0 || apiVersionStatus(apiVersion, kind, version).status !== 'ok') return;
      const all = kindsServedIn(version);
      const served = all.filter((k) => (k.apiVersion.includes('/') ? k.apiVersion.split('/')[0] : '') === group);
      const sameKind = served.find((k) => k.kind === kind) ?? all.find((k) => k.kind === kind);
      const hint = sameKind
        ? `; \`${kind}\` is served as \`${sameKind.apiVersion}\``
        : didYouMean(kind, new Set(served.filter((k) => k.apiVersion === apiVersion || served.every((s) => s.apiVersion !== apiVersion)).map((k) => k.kind)));
      report(resource.node('kind'), 'builtIn', { kind, apiVersion, hint });
      return;
    }
    if (!settings.rejectUnknownKinds || objectSchema(resource, index, kubernetesVersion) !== undefined || customDefinition(resource, index) !== undefined) return;
    report(resource.node('kind'), 'noSchema', { kind, name: resource.name, apiVersion });
  },
});
