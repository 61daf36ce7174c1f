import { defineRule, isRecord, isTemplated, quotedList } from '../src/rule-api.js';

const KEY = /^[-._a-zA-Z0-9]+$/;

/** Why `key` is not a ConfigMap or Secret key (`IsConfigMapKey`), or undefined. */
function keyProblem(key: string): string | undefined {
  if (key.length > 253) return 'it is longer than 253 characters';
  if (!KEY.test(key)) return 'it may contain only letters, digits, `-`, `_` and `.`';
  if (key === '.' || key === '..') return `it must not be \`${key}\``;
  return key.startsWith('..') ? 'it must not start with `..`' : undefined;
}

/** Keys each built-in Secret type needs in `data` (or `stringData`); `any`: one of them is enough. */
const REQUIRED: ReadonlyMap<string, { readonly keys: readonly string[]; readonly any?: boolean }> = new Map([
  ['kubernetes.io/tls', { keys: ['tls.crt', 'tls.key'] }],
  ['kubernetes.io/dockerconfigjson', { keys: ['.dockerconfigjson'] }],
  ['kubernetes.io/dockercfg', { keys: ['.dockercfg'] }],
  ['kubernetes.io/ssh-auth', { keys: ['ssh-privatekey'] }],
  ['kubernetes.io/basic-auth', { keys: ['username', 'password'], any: true }],
]);

/** Go's `base64.StdEncoding` after the decoder drops line breaks. */
const isBase64 = (value: string) => {
  const text = value.replace(/[\r\n]/g, '');
  return text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text);
};

const keysOf = (value: unknown) => (isRecord(value) ? Object.keys(value) : []);
const CONFIG_MAP_SECTIONS = ['data', 'binaryData'] as const;
const SECRET_SECTIONS = ['data', 'stringData'] as const;

export default defineRule({
  id: 'invalid-config-data',
  severity: 'error',
  kinds: ['ConfigMap', 'Secret'],
  description: 'ConfigMap or Secret data the API server rejects: key names, a Secret value that is not base64, keys its type requires',
  docs: {
    why:
      'pkg/apis/core/validation `ValidateConfigMap` and `ValidateSecret` check every key with `IsConfigMapKey` (letters, ' +
      'digits, `-`, `_` and `.`, at most 253 characters, not `.` or `..` and not starting with `..`), refuse a ConfigMap ' +
      'key present in both `data` and `binaryData`, and require the keys of the Secret type: `tls.crt` and `tls.key` for ' +
      '`kubernetes.io/tls`, `.dockerconfigjson` for `kubernetes.io/dockerconfigjson`, `.dockercfg` for ' +
      '`kubernetes.io/dockercfg`, `ssh-privatekey` for `kubernetes.io/ssh-auth`, `username` or `password` for ' +
      '`kubernetes.io/basic-auth` (`stringData` counts: it is merged into `data` first). A Secret `data` value is decoded ' +
      'as base64 before any of this, so plain text there fails the apply with `illegal base64 data at input byte N`. ' +
      'Templated values (`{{ }}`, `${ }`) are not judged.',
    fix: 'Rename keys to letters, digits, `-`, `_` and `.`; put plain-text Secret values under `stringData`; add the keys the Secret type requires or change its `type`.',
  },
  messages: {
    key: '{{kind}} `{{name}}` key `{{key}}` is not valid: {{reason}}',
    both: 'ConfigMap `{{name}}` has key `{{key}}` in both `data` and `binaryData`, which the API server rejects; keep it in one',
    base64: 'Secret `{{name}}` data `{{key}}` is not base64, so the apply fails (illegal base64 data); put plain text under `stringData`, or encode it (`base64 -w0`)',
    required: 'Secret `{{name}}` of type `{{type}}` has no {{missing}}, which the API server requires; add {{them}} under `data` or `stringData`',
  },
  check({ resource, report }) {
    if (resource.group !== '') return;
    const value = resource.value as Record<string, unknown>;
    const data = { kind: resource.kind, name: resource.name };
    const configMap = resource.kind === 'ConfigMap';
    // Indexed loops: every ConfigMap and Secret of a run passes here, mostly in cold code.
    for (const section of configMap ? CONFIG_MAP_SECTIONS : SECRET_SECTIONS) {
      const keys = keysOf(value[section]);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const reason = isTemplated(key) ? undefined : keyProblem(key);
        if (reason !== undefined) report(resource.key(section, key), 'key', { ...data, key, reason });
      }
    }
    if (configMap) {
      const binary = keysOf(value.binaryData);
      if (binary.length === 0) return;
      const inData = new Set(keysOf(value.data));
      for (const key of binary) if (inData.has(key)) report(resource.key('binaryData', key), 'both', { ...data, key });
      return;
    }
    const secretData = isRecord(value.data) ? value.data : {};
    const keys = Object.keys(secretData);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const text = secretData[key];
      if (typeof text === 'string' && !isTemplated(text) && !isBase64(text)) report(resource.node('data', key), 'base64', { ...data, key });
    }
    const type = typeof value.type === 'string' ? value.type : '';
    const required = REQUIRED.get(type);
    if (!required) return;
    const present = new Set([...keysOf(value.data), ...keysOf(value.stringData)]);
    const missing = required.keys.filter((k) => !present.has(k));
    if (missing.length === 0 || (required.any && missing.length < required.keys.length)) return;
    const listed = quotedList(missing).replace(/, ([^,]*)$/, required.any ? ' or $1' : ' and $1');
    report(resource.node('type'), 'required', { ...data, type, missing: `key ${listed}`, them: missing.length > 1 && !required.any ? 'them' : 'it' });
  },
});
