import { byteLength, defineRule, isApiServerObject, isQualifiedName, isRecord, isTemplated, type Path, type Resource, type RuleContext } from '../src/rule-api.js';

const LIMIT = 256 * 1024;
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Bytes the annotations take in the API server's count: every key plus every value. */
function annotationBytes(annotations: Record<string, unknown>, skip?: string): number {
  let size = 0;
  for (const [key, value] of Object.entries(annotations)) {
    if (key !== skip) size += byteLength(key) + (typeof value === 'string' ? byteLength(value) : 0);
  }
  return size;
}

/** Size of Go's `json.Marshal` of the object: compact, with `<`, `>` and `&` escaped as `\u003c`. */
function jsonBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return byteLength(json) + 5 * (json.match(/[<>&]/g)?.length ?? 0);
}

export default defineRule({
  id: 'invalid-annotation',
  severity: 'error',
  description: 'Annotation key, or total annotation size, that the API server rejects',
  docs: {
    why:
      'The API server validates the annotations of every object and pod template ' +
      '(`ValidateAnnotations` in apimachinery/pkg/api/validation/objectmeta.go): each key, lowercased, ' +
      'must be a qualified name (an optional DNS-1123 subdomain prefix and `/`, then at most 63 ' +
      'alphanumerics, `-`, `_` or `.`, starting and ending with an alphanumeric), and the keys and ' +
      'values together may take at most 262144 bytes (`TotalAnnotationSizeLimitB`, 256 KiB); ' +
      'otherwise the object is refused with `422 Invalid` ("metadata.annotations: Too long"). ' +
      'Client-side `kubectl apply` also stores the whole object as JSON in the ' +
      '`kubectl.kubernetes.io/last-applied-configuration` annotation, so an object of more than ' +
      'about 256 KiB (a large CustomResourceDefinition or ConfigMap) fails to apply even with few ' +
      'annotations of its own (Argo CD applies this way unless `ServerSideApply=true`); ' +
      '`kubectl apply --server-side`, `kubectl create` and Helm are not affected, ' +
      'so that finding is a warning.',
    fix:
      'Rename the key to `prefix/name` form (e.g. `example.com/owner`); move large data into a ' +
      'ConfigMap; apply large objects with `kubectl apply --server-side`.',
  },
  messages: {
    key: '{{where}} key `{{key}}` is invalid: {{reason}}',
    tooLarge: '{{where}} total {{size}} bytes, over the limit of 262144 bytes (256 KiB)',
    lastApplied:
      '{{owner}} is {{size}} bytes as JSON, too large for the `kubectl.kubernetes.io/last-applied-configuration` annotation that client-side `kubectl apply` adds (limit 262144 bytes); use `kubectl apply --server-side`',
  },
  check({ resource, index, report }) {
    if (!isApiServerObject(resource.apiVersion, resource.kind)) return;
    const tooLarge = checkAnnotations(resource, report, NO_PATH, false);
    const template = index.podTemplate(resource);
    if (template && template.path.length > 0) checkAnnotations(resource, report, template.path, true);

    // What `kubectl apply` would send: the object's own annotations plus its JSON under LAST_APPLIED.
    const metadata = (resource.value as Record<string, unknown>).metadata;
    const own = isRecord(metadata) && isRecord(metadata.annotations) ? metadata.annotations : {};
    if (tooLarge || Object.hasOwn(own, LAST_APPLIED)) return;
    // JSON of a document is at most ~3x its YAML text: a small file cannot reach the limit.
    if ((resource.file.size ?? resource.file.text.length) * 3 < LIMIT) return;
    const size = jsonBytes(resource.value);
    if (annotationBytes(own) + byteLength(LAST_APPLIED) + size > LIMIT) {
      report(isRecord(metadata) ? resource.key('metadata') : resource.node('kind'), 'lastApplied', { owner: ownerOf(resource), size }, { severity: 'warn' });
    }
  },
});

type Report = RuleContext<'key' | 'tooLarge' | 'lastApplied'>['report'];

const NO_PATH: Path = [];
const METADATA_ANNOTATIONS: Path = ['metadata', 'annotations'];

function ownerOf(resource: Resource): string {
  return `${resource.kind} \`${resource.name}\``;
}

/**
 * Checks the annotations of the object at `base` (the object itself, or its pod template when
 * `pod`); true when they are over the limit. Paths and texts are built only when there are some.
 */
function checkAnnotations(resource: Resource, report: Report, base: Path, pod: boolean): boolean {
  const annotations = get(get(resource.value, base), METADATA_ANNOTATIONS);
  if (!isRecord(annotations)) return false;
  const path = [...base, ...METADATA_ANNOTATIONS];
  const where = pod ? `${ownerOf(resource)} pod template` : ownerOf(resource);
  for (const key of Object.keys(annotations)) {
    const errors = isTemplated(key) ? [] : isQualifiedName(key.toLowerCase());
    if (errors.length > 0) report(resource.key(...path, key), 'key', { where: `${where} annotation`, key, reason: errors.join('; ') });
  }
  const size = annotationBytes(annotations);
  if (size > LIMIT) report(resource.key(...path), 'tooLarge', { where: `${where} annotations`, size });
  return size > LIMIT;
}

function get(value: unknown, path: Path): unknown {
  let current = value;
  for (let i = 0; i < path.length; i++) current = isRecord(current) ? current[path[i]] : undefined;
  return current;
}
