import { apiVersionStatus, defineRule, migrationFixes } from '../src/rule-api.js';

export default defineRule({
  id: 'deprecated-api-version',
  severity: 'warn',
  fixable: true,
  hasSuggestions: true,
  description: 'Built-in object whose apiVersion a later Kubernetes version stops serving',
  docs: {
    why:
      'The target version still serves this apiVersion, and the API server answers each request with a ' +
      '`Warning: batch/v1beta1 CronJob is deprecated in v1.21+, unavailable in v1.25+` header, but the ' +
      'official Deprecated API Migration Guide (kubernetes.io/docs/reference/using-api/deprecation-guide) ' +
      'schedules its removal: after the upgrade that removes it, applying the manifest fails with `no ' +
      'matches for kind`. Alpha and beta versions that only the newest releases serve, and which the ' +
      'guide does not list, are not reported. `v1` Endpoints is reported too: the API server has warned ' +
      '`v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice` since 1.33 (KEP-4974), ' +
      'although as a GA API it stays served.',
    fix:
      'Switch to the replacement apiVersion before upgrading, moving the fields the message names; ' +
      '`kubectl convert` can rewrite the object. `--fix` makes the switch when the target version serves the ' +
      'replacement and it means the same, as for `removed-api-version`.',
  },
  messages: {
    scheduled: '{{object}} uses `{{apiVersion}}`, which Kubernetes {{removedIn}} stops serving; {{advice}}',
    migrateChangingDefaults: 'Switch to `{{to}}`, which changes the defaults of {{defaults}}',
    unscheduled: '{{object}} uses the `{{apiVersion}}` {{kind}} API, which Kubernetes {{deprecatedIn}} deprecated (still served, no removal planned); {{advice}}',
  },
  check({ resource, kubernetesVersion, report }) {
    const status = apiVersionStatus(resource.apiVersion, resource.kind, kubernetesVersion);
    if (status.status !== 'deprecated') return;
    const object = resource.name === '' ? resource.kind : resource.label;
    const data = { object, apiVersion: resource.apiVersion, kind: resource.kind, advice: status.advice };
    const fixes = migrationFixes(resource, kubernetesVersion, 'migrateChangingDefaults');
    if (status.removedIn !== undefined) report(resource.node('apiVersion'), 'scheduled', { ...data, removedIn: status.removedIn }, fixes);
    else report(resource.node('apiVersion'), 'unscheduled', { ...data, deprecatedIn: status.deprecatedIn ?? '' }, fixes);
  },
});
