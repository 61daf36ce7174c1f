import { apiVersionStatus, customVersionOf, defineRule, migrationFixes, unservedVersion } from '../src/rule-api.js';

export default defineRule({
  id: 'deprecated-api-version',
  severity: 'warn',
  fixable: true,
  hasSuggestions: true,
  description: 'Object whose apiVersion a later Kubernetes or operator release stops serving, or its CustomResourceDefinition marks deprecated',
  docs: {
    why:
      'The target version still serves this apiVersion, and the API server answers each request with a ' +
      '`Warning: batch/v1beta1 CronJob is deprecated in v1.21+, unavailable in v1.25+` header, but the ' +
      'official Deprecated API Migration Guide (kubernetes.io/docs/reference/using-api/deprecation-guide) ' +
      'schedules its removal: after the upgrade that removes it, applying the manifest fails with `no ' +
      'matches for kind`. Alpha and beta versions that only the newest releases serve, and which the ' +
      'guide does not list, are not reported. `v1` Endpoints is reported too: the API server has warned ' +
      '`v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice` since 1.33 (KEP-4974), ' +
      'although as a GA API it stays served. A custom resource is reported when its ' +
      'CustomResourceDefinition (in the run, `--crds` or the bundled catalog) marks the version ' +
      '`deprecated: true`: the API server then returns the CRD\'s `deprecationWarning` with every ' +
      'request, and the operator will stop serving the version in a later release. A version that the ' +
      'bundled catalog (the newest release of each operator) no longer serves or does not define is ' +
      'reported here too: it works on a cluster that runs an older release, and stops working with the ' +
      'upgrade.',
    fix:
      'Switch to the replacement apiVersion before upgrading, moving the fields the message names; ' +
      '`kubectl convert` can rewrite the object. `--fix` makes the switch when the target version serves the ' +
      'replacement and it means the same, as for `removed-api-version`.',
  },
  messages: {
    scheduled: '{{object}} uses `{{apiVersion}}`, which Kubernetes {{removedIn}} stops serving; {{advice}}',
    migrateChangingDefaults: 'Switch to `{{to}}`, which changes the defaults of {{defaults}}',
    unscheduled: '{{object}} uses the `{{apiVersion}}` {{kind}} API, which Kubernetes {{deprecatedIn}} deprecated (still served, no removal planned); {{advice}}',
    custom: '{{object}} uses `{{apiVersion}}`, which {{source}} marks deprecated{{warning}}; {{advice}}',
    bundledGone: '{{object}} uses `{{apiVersion}}`, which {{source}} {{state}}: current releases do not serve it; {{advice}}',
  },
  check({ resource, index, kubernetesVersion, report }) {
    const custom = customVersionOf(resource, index);
    if (custom !== undefined) {
      const { definition, version, replacement } = custom;
      const object = resource.name === '' ? resource.kind : resource.label;
      const data = { object, apiVersion: resource.apiVersion, source: definition.source };
      if (version?.served !== true) {
        if (definition.origin === 'bundled' && definition.versions.length > 0) report(resource.node('apiVersion'), 'bundledGone', { ...data, ...unservedVersion(resource.group, custom) });
        return;
      }
      if (version.deprecated !== true) return;
      report(resource.node('apiVersion'), 'custom', {
        ...data,
        warning: version.deprecationWarning === undefined ? '' : ` ("${version.deprecationWarning}")`,
        advice: replacement === undefined ? 'no other version is served' : `use \`${resource.group}/${replacement}\``,
      });
      return;
    }
    const status = apiVersionStatus(resource.apiVersion, resource.kind, kubernetesVersion);
    if (status.status !== 'deprecated') return;
    const object = resource.name === '' ? resource.kind : resource.label;
    const data = { object, apiVersion: resource.apiVersion, kind: resource.kind, advice: status.advice };
    const fixes = migrationFixes(resource, kubernetesVersion, 'migrateChangingDefaults');
    if (status.removedIn !== undefined) report(resource.node('apiVersion'), 'scheduled', { ...data, removedIn: status.removedIn }, fixes);
    else report(resource.node('apiVersion'), 'unscheduled', { ...data, deprecatedIn: status.deprecatedIn ?? '' }, fixes);
  },
});
