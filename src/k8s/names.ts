/**
 * Names, label keys and label values, judged the way the API server judges them.
 *
 * Evidence (kubernetes/kubernetes, staging/src/k8s.io/apimachinery):
 * - pkg/util/validation/validation.go: `IsDNS1123Label` (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, <= 63),
 *   `IsDNS1123Subdomain` (labels joined by `.`, <= 253), `IsDNS1035Label` (`[a-z]([-a-z0-9]*[a-z0-9])?`,
 *   <= 63), `MaxLenError`. Lengths are Go `len`, i.e. UTF-8 bytes.
 * - pkg/api/validate/content/kube.go: `IsLabelKey` (= `IsQualifiedName`: optional DNS-1123 subdomain
 *   prefix + `/` + name of <= 63 `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`) and `IsLabelValue`
 *   (empty, or the same pattern, <= 63).
 * - pkg/api/validation/path/name.go: `IsValidPathSegmentName` (not `.`/`..`, no `/` or `%`), the only
 *   check on RBAC and APIService names.
 * - pkg/api/validation/generic.go: `maskTrailingDash` for `generateName` prefixes.
 * The error strings below are upstream's, without the regex and examples.
 */
import { isBuiltInGroup } from './api-deprecations.js';
import { groupOf } from './kinds.js';
import { editDistance } from './suggest.js';
import { PairMemo } from './memo.js';
import { servedGroupVersions, SUPPORTED_VERSIONS } from '../schemas.js';

const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_LABEL_RE = new RegExp(`^${DNS1123_LABEL}$`);
const DNS1123_SUBDOMAIN_RE = new RegExp(`^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`);
const DNS1035_LABEL_RE = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const QUALIFIED_NAME_RE = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** A valid qualified name when at most 63 characters long (all ASCII, so each part is within its limit). */
const VALID_SHORT_QUALIFIED_NAME_RE = new RegExp(`^(${DNS1123_LABEL}(\\.${DNS1123_LABEL})*/)?([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$`);

const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/**
 * Go's `len`: UTF-8 bytes, counted without encoding (TextEncoder's count: a lone surrogate becomes
 * U+FFFD, 3 bytes).
 */
export function byteLength(value: string): number {
  let bytes = value.length;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x80) continue;
    if (code < 0x800) bytes += 1;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < value.length && (value.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair: 2 UTF-16 units, 4 bytes
      i++;
    } else bytes += 2;
  }
  return bytes;
}

const maxLen = (max: number) => `must be no more than ${max} characters`;

export function isDns1123Label(value: string): string[] {
  if (value.length <= 63 && DNS1123_LABEL_RE.test(value)) return []; // the usual case (ASCII: a byte per character), at once
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLen(63));
  if (!DNS1123_LABEL_RE.test(value)) errors.push(DNS1123_SUBDOMAIN_RE.test(value) ? 'must not contain dots' : DNS1123_LABEL_MSG);
  return errors;
}

export function isDns1123Subdomain(value: string): string[] {
  if (value.length <= 253 && DNS1123_SUBDOMAIN_RE.test(value)) return []; // the usual case (ASCII: a byte per character), at once
  const errors: string[] = [];
  if (byteLength(value) > 253) errors.push(maxLen(253));
  if (!DNS1123_SUBDOMAIN_RE.test(value)) errors.push(DNS1123_SUBDOMAIN_MSG);
  return errors;
}

export function isDns1035Label(value: string): string[] {
  if (value.length <= 63 && DNS1035_LABEL_RE.test(value)) return []; // the usual case (ASCII: a byte per character), at once
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLen(63));
  if (!DNS1035_LABEL_RE.test(value)) errors.push(DNS1035_LABEL_MSG);
  return errors;
}

export function isPathSegmentName(value: string): string[] {
  if (value === '.' || value === '..') return [`may not be '${value}'`];
  return ['/', '%'].filter((c) => value.includes(c)).map((c) => `may not contain '${c}'`);
}

/** A label key, annotation key (after lowercasing) or finalizer: `[prefix/]name`. */
export function isQualifiedName(value: string): string[] {
  if (value.length <= 63 && VALID_SHORT_QUALIFIED_NAME_RE.test(value)) return []; // the usual case, at once
  const errors: string[] = [];
  const parts = value.split('/');
  if (parts.length > 2) {
    return [`a valid label key ${QUALIFIED_NAME_MSG}, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  }
  const name = parts[parts.length - 1];
  if (parts.length === 2) {
    if (parts[0] === '') errors.push('prefix part must be non-empty');
    else errors.push(...isDns1123Subdomain(parts[0]).map((m) => `prefix part ${m}`));
  }
  if (name === '') errors.push('name part must be non-empty');
  else if (byteLength(name) > 63) errors.push(`name part ${maxLen(63)}`);
  if (!QUALIFIED_NAME_RE.test(name)) errors.push(`name part ${QUALIFIED_NAME_MSG}`);
  return errors;
}

export function isLabelValue(value: string): string[] {
  if (value === '' || (value.length <= 63 && QUALIFIED_NAME_RE.test(value))) return []; // ASCII: 63 bytes at most
  const errors: string[] = [];
  if (byteLength(value) > 63) errors.push(maxLen(63));
  if (value !== '' && !QUALIFIED_NAME_RE.test(value)) errors.push(LABEL_VALUE_MSG);
  return errors;
}

export type NameFormat = 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label' | 'pathSegment';

export const NAME_CHECKS: Readonly<Record<NameFormat, (value: string) => string[]>> = {
  dns1123Subdomain: isDns1123Subdomain,
  dns1123Label: isDns1123Label,
  dns1035Label: isDns1035Label,
  pathSegment: isPathSegmentName,
};

/** `generateName` is checked with its trailing `-` masked, as `maskTrailingDash` does. */
export function checkGenerateName(prefix: string, format: NameFormat): string[] {
  const masked = prefix.endsWith('-') && prefix.length >= 2 ? `${prefix.slice(0, -2)}a` : prefix;
  return NAME_CHECKS[format](masked);
}

/** `group/Kind` -> name format, where it is not a DNS-1123 subdomain; null = not checked here. */
const SPECIAL_NAMES: ReadonlyMap<string, NameFormat | null> = new Map(Object.entries({
  '/Service': 'dns1035Label',
  '/Namespace': 'dns1123Label',
  'rbac.authorization.k8s.io/Role': 'pathSegment',
  'rbac.authorization.k8s.io/ClusterRole': 'pathSegment',
  'rbac.authorization.k8s.io/RoleBinding': 'pathSegment',
  'rbac.authorization.k8s.io/ClusterRoleBinding': 'pathSegment',
  'apiregistration.k8s.io/APIService': 'pathSegment',
  // Validated by rules of their own, or not at all.
  '/Event': null,
  'events.k8s.io/Event': null,
  '/ComponentStatus': null,
  'networking.k8s.io/IPAddress': null,
  'storage.k8s.io/CSIDriver': null,
} as Record<string, NameFormat | null>));
const UNCHECKED_GROUPS = new Set(['certificates.k8s.io', 'flowcontrol.apiserver.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io']);

/**
 * The format the API server requires of `metadata.name` for this kind: a DNS-1123 subdomain for
 * built-in kinds (pkg/apis/core/validation: `ValidatePodName`, `ValidateSecretName`, ...) and for
 * custom resources (apiextensions-apiserver customresource/validator.go, `NameIsDNSSubdomain`),
 * with the exceptions above. Undefined for aggregated APIs with rules of their own (OpenShift).
 */
export function nameFormatOf(group: string, kind: string): NameFormat | undefined {
  const special = SPECIAL_NAMES.get(`${group}/${kind}`);
  if (special !== undefined) return special ?? undefined;
  if (UNCHECKED_GROUPS.has(group) || group.endsWith('.openshift.io') || group === 'openshift.io') return undefined;
  return 'dns1123Subdomain';
}

/** Tool configuration that looks like an object but is never sent to the API server. */
const CONFIG_GROUPS = new Set(['kubeadm.k8s.io', 'audit.k8s.io', 'apiserver.k8s.io', 'kind.x-k8s.io', 'k3d.io', 'kpt.dev', 'config.kubernetes.io', 'builtin', 'install.istio.io']);

const apiServerObjects = new PairMemo<boolean>();

export function isApiServerObject(apiVersion: string, kind: string): boolean {
  return apiServerObjects.get(apiVersion, kind) ?? apiServerObjects.set(apiVersion, kind, appliedByApiServer(apiVersion, kind));
}

function appliedByApiServer(apiVersion: string, kind: string): boolean {
  const slash = apiVersion.indexOf('/');
  const group = slash === -1 ? '' : apiVersion.slice(0, slash);
  if (group === '') return apiVersion === 'v1' && kind !== 'Config';
  if (!group.includes('.')) return isBuiltInGroup(group) || nearBuiltInGroup(group);
  return !CONFIG_GROUPS.has(group) && !group.endsWith('config.k8s.io') && !group.startsWith('skaffold');
}

/**
 * A dotless group Kubernetes does not have is either a typo of one it has (`app`, `core`, `rbac`:
 * an error worth reporting) or some tool's format (`release-notes/v2`, `descheduler/v1alpha2`).
 */
function nearBuiltInGroup(group: string): boolean {
  if (group === 'core') return true;
  return builtInGroups().some((known) => {
    const label = known.split('.')[0];
    return label === group || editDistance(group, label) <= (group.length > 5 ? 2 : 1);
  });
}

let groups: string[] | undefined;
function builtInGroups(): string[] {
  groups ??= [...new Set(SUPPORTED_VERSIONS.flatMap((v) => [...servedGroupVersions(v)].map(groupOf)))].filter((g) => g !== '');
  return groups;
}

/** `${VAR}` (envsubst, Flux post-build) or `{{ }}` (Helm, Jinja): filled in before apply. */
export function isTemplated(value: string): boolean {
  return value.includes('${') || value.includes('{{');
}

/** A valid name near `value` (lowercased, `_` and other strays turned into `-`), if any. */
export function suggestName(value: string, format: NameFormat): string | undefined {
  let candidate: string;
  if (format === 'pathSegment') {
    candidate = value.replace(/[/%]+/g, '-');
  } else {
    const allowed = format === 'dns1123Subdomain' ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g;
    candidate = value
      .trim()
      .toLowerCase()
      .replace(allowed, '-')
      .replace(/-*\.[-.]*/g, '.')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  }
  return candidate !== '' && candidate !== value && NAME_CHECKS[format](candidate).length === 0 ? candidate : undefined;
}

/** A valid label value near `value` (strays turned into `-`), if the problem is not its length. */
export function suggestLabelValue(value: string): string | undefined {
  const candidate = value
    .trim()
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
  return candidate !== '' && candidate !== value && isLabelValue(candidate).length === 0 ? candidate : undefined;
}
