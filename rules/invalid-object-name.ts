import {
  checkGenerateName,
  closest,
  defineRule,
  isApiServerObject,
  isDns1123Label,
  isRecord,
  isTemplated,
  NAME_CHECKS,
  nameFormatOf,
  suggestName,
  type NameFormat,
} from '../src/rule-api.js';

/** TokenReview, SubjectAccessReview, ...: created without a name, never stored. */
const REVIEW_GROUPS = new Set(['authentication.k8s.io', 'authorization.k8s.io']);

/** `generateName` prefixes are suggested with their trailing `-`. */
const didYouMean = (value: string, format: NameFormat, prefix = false) => {
  const fixed = suggestName(prefix ? value.replace(/-+$/, '') : value, format);
  return fixed === undefined ? '' : `; did you mean \`${fixed}${prefix ? '-' : ''}\`?`;
};

export default defineRule({
  id: 'invalid-object-name',
  severity: 'error',
  description: 'Object name, generateName or namespace that the API server rejects',
  docs: {
    why:
      'The API server checks `metadata` before it stores an object (`ValidateObjectMetaAccessor` in ' +
      'apimachinery/pkg/api/validation/objectmeta.go) and answers `422 Invalid`: a missing name is ' +
      '"name or generateName is required" (kubectl apply says "resource name may not be empty"); the ' +
      'name must be a DNS-1123 subdomain (lowercase alphanumerics, `-` and `.`, at most 253) for most ' +
      'kinds and for custom resources, a DNS-1035 label (at most 63, starting with a letter) for a ' +
      'Service (`ValidateServiceName`), a DNS-1123 label for a Namespace, and only a path segment ' +
      '(no `/` or `%`) for RBAC objects; `metadata.namespace` must be a DNS-1123 label. ' +
      '`generateName` is checked the same way, with a trailing `-` allowed. A CronJob name may have at ' +
      'most 52 characters (`ValidateCronJob`: its Jobs append `-<timestamp>`), and a Job name at most ' +
      '63, because it becomes the `job-name` label of its pods ("spec.template.labels: must be no more ' +
      'than 63 characters"). A CustomResourceDefinition must be named `<plural>.<group>`. Values with ' +
      '`${VAR}` or `{{ }}` are left alone: they are filled in before apply.',
    fix: 'Use lowercase letters, digits and `-` (and `.` where a subdomain is allowed), starting and ending with a letter or digit.',
  },
  messages: {
    required: '{{kind}} has neither `metadata.name` nor `metadata.generateName`; the API server requires a name',
    invalid: '{{kind}} name `{{name}}` is invalid: {{reason}}{{suggestion}}',
    invalidGenerateName: '{{kind}} `metadata.generateName` `{{name}}` is invalid: {{reason}}{{suggestion}}',
    invalidNamespace: '{{kind}} `{{name}}` has namespace `{{namespace}}`, which is invalid: {{reason}}{{suggestion}}',
    cronJobTooLong: 'CronJob name `{{name}}` has {{length}} characters, over the limit of 52: the Jobs it creates append an 11-character suffix to it',
    jobTooLong: 'Job name `{{name}}` has {{length}} characters, over the limit of 63: the Job controller copies it into the `job-name` label of its pods',
    crdName: 'CustomResourceDefinition name `{{name}}` must be `<spec.names.plural>.<spec.group>`, i.e. `{{expected}}`',
  },
  check({ resource, report }) {
    if (!isApiServerObject(resource.apiVersion, resource.kind)) return;
    const value = resource.value as Record<string, unknown>;
    const metadata = isRecord(value.metadata) ? value.metadata : undefined;
    const name = metadata?.name;
    const generateName = metadata?.generateName;
    const kind = resource.kind;
    const format = nameFormatOf(resource.group, kind);

    if (typeof generateName === 'string' && generateName !== '' && format && !isTemplated(generateName)) {
      const errors = checkGenerateName(generateName, format);
      if (errors.length > 0) {
        const suggestion = didYouMean(generateName, format, true);
        report(resource.node('metadata', 'generateName'), 'invalidGenerateName', { kind, name: generateName, reason: errors.join('; '), suggestion });
      }
    }

    if (name === undefined || name === null || name === '') {
      // A misspelt `metadata:` key is schema-violation's finding (one mistake, one diagnostic).
      const misspeltMetadata = !metadata && Object.keys(value).some((key) => closest(key, ['metadata']) === 'metadata');
      if ((typeof generateName !== 'string' || generateName === '') && !REVIEW_GROUPS.has(resource.group) && !misspeltMetadata) {
        report(metadata ? resource.key('metadata') : resource.node('kind'), 'required', { kind });
      }
    } else if (typeof name === 'string' && !isTemplated(name)) {
      const errors = format ? NAME_CHECKS[format](name) : [];
      if (errors.length > 0) {
        report(resource.node('metadata', 'name'), 'invalid', { kind, name, reason: errors.join('; '), suggestion: didYouMean(name, format!) });
      } else if (resource.group === 'batch' && kind === 'CronJob' && name.length > 52) {
        report(resource.node('metadata', 'name'), 'cronJobTooLong', { name, length: name.length });
      } else if (resource.group === 'batch' && kind === 'Job' && name.length > 63) {
        const spec = isRecord(value.spec) ? value.spec : {};
        if (spec.manualSelector !== true) report(resource.node('metadata', 'name'), 'jobTooLong', { name, length: name.length });
      } else if (resource.group === 'apiextensions.k8s.io' && kind === 'CustomResourceDefinition') {
        const spec = isRecord(value.spec) ? value.spec : {};
        const plural = isRecord(spec.names) ? spec.names.plural : undefined;
        const expected = `${String(plural)}.${String(spec.group)}`;
        if (typeof plural === 'string' && typeof spec.group === 'string' && name !== expected) report(resource.node('metadata', 'name'), 'crdName', { name, expected });
      }
    }

    const namespace = metadata?.namespace;
    if (resource.namespace !== undefined && typeof namespace === 'string' && namespace !== '' && !isTemplated(namespace)) {
      const errors = isDns1123Label(namespace);
      if (errors.length > 0) {
        const data = { kind, name: typeof name === 'string' ? name : String(generateName ?? ''), namespace };
        report(resource.node('metadata', 'namespace'), 'invalidNamespace', { ...data, reason: errors.join('; '), suggestion: didYouMean(namespace, 'dns1123Label') });
      }
    }
  },
});
