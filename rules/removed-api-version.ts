import { apiVersionStatus, customVersionOf, defineRule, migrationFixes, unservedVersion } from '../src/rule-api.js';

export default defineRule({
  id: 'removed-api-version',
  severity: 'error',
  fixable: true,
  hasSuggestions: true,
  description: 'Object whose apiVersion the target Kubernetes version, or its CustomResourceDefinition, does not serve',
  docs: {
    why:
      'The API server resolves `apiVersion` and `kind` to a resource through discovery; when the target ' +
      'version does not serve that group/version for the kind, `kubectl apply` fails with `no matches for ' +
      'kind "Ingress" in version "extensions/v1beta1"` and Helm or Argo CD stop on the same error, so the ' +
      'object is never created. Which versions serve what comes from the OpenAPI documents of each ' +
      'release (schemas/); removals before 1.23, replacements and changed fields come from the official ' +
      'Deprecated API Migration Guide (kubernetes.io/docs/reference/using-api/deprecation-guide). The ' +
      'same applies to an apiVersion newer than the target: the older API server has never heard of it. ' +
      'A custom resource fails the same way when its CustomResourceDefinition (among the linted files, ' +
      '`--context` or `--crds`) lists the version with `served: false` or does not list it. The bundled ' +
      'catalog holds the newest release of each operator, and your cluster may run an older one: ' +
      'versions it no longer serves are `deprecated-api-version` warnings.',
    fix:
      'Switch to the replacement apiVersion (`kubectl convert` can rewrite the object) and move the ' +
      'fields the message names, or set `--kubernetes-version` to the version your cluster runs. For a ' +
      'custom resource, use a version its CRD serves, or pass the CRD your cluster runs with `--crds`. `--fix` ' +
      'migrates objects whose replacement means the same: kinds whose fields did not change (CronJob ' +
      '`batch/v1`, RBAC, PodDisruptionBudget with a non-empty selector, ...), Ingress (backends become ' +
      '`service.name`/`service.port`, `pathType: ImplementationSpecific` is written out), and Deployments, ' +
      'DaemonSets, StatefulSets and ReplicaSets to `apps/v1` (the selector the old version defaulted is ' +
      'written out). When apps/v1 would change a default the object leaves implicit (an `extensions/v1beta1` ' +
      "Deployment's rollout strategy, a DaemonSet's update strategy), the migration is only offered in the editor.",
  },
  messages: {
    removed: '{{object}} uses `{{apiVersion}}`, which Kubernetes {{removedIn}} stopped serving; {{advice}}',
    migrateChangingDefaults: 'Switch to `{{to}}`, which changes the defaults of {{defaults}}',
    unreleased: '{{object}} uses `{{apiVersion}}`, which Kubernetes {{version}} does not serve yet (first served in {{firstServed}}); {{advice}}',
    custom: '{{object}} uses `{{apiVersion}}`, which {{source}} {{state}}; {{advice}}',
  },
  check({ resource, index, kubernetesVersion, report }) {
    const custom = customVersionOf(resource, index);
    if (custom !== undefined) {
      // The bundled catalog is the newest release of each operator; the cluster may run an older one.
      if (custom.definition.origin === 'bundled' || custom.version?.served === true || custom.definition.versions.length === 0) return;
      report(resource.node('apiVersion'), 'custom', {
        object: resource.name === '' ? resource.kind : resource.label,
        apiVersion: resource.apiVersion,
        source: custom.definition.source,
        ...unservedVersion(resource.group, custom),
      });
      return;
    }
    const status = apiVersionStatus(resource.apiVersion, resource.kind, kubernetesVersion);
    if (status.status !== 'removed' && status.status !== 'unreleased') return; // nearly every object: no text or node
    const object = resource.name === '' ? resource.kind : resource.label;
    const at = resource.node('apiVersion');
    if (status.status === 'removed') {
      const fixes = migrationFixes(resource, kubernetesVersion, 'migrateChangingDefaults');
      report(at, 'removed', { object, apiVersion: resource.apiVersion, removedIn: status.removedIn, advice: status.advice }, fixes);
    } else if (status.status === 'unreleased') {
      report(at, 'unreleased', {
        object, apiVersion: resource.apiVersion, version: kubernetesVersion, firstServed: status.firstServed, advice: status.advice,
      });
    }
  },
});
