import { describe, expect, it } from 'vitest';
import {
  byteLength,
  checkGenerateName,
  isApiServerObject,
  isDns1035Label,
  isDns1123Label,
  isDns1123Subdomain,
  isLabelValue,
  isPathSegmentName,
  isQualifiedName,
  isTemplated,
  nameFormatOf,
  suggestLabelValue,
  suggestName,
} from '../../src/k8s/names.js';

const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const QUALIFIED_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const VALUE_MSG =
  "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

describe('isDns1123Label', () => {
  it.each(['a', '0', 'my-name', '123-abc', 'a'.repeat(63)])('accepts %j', (v) => expect(isDns1123Label(v)).toEqual([]));
  it.each<[string, string[]]>([
    ['', [LABEL_MSG]],
    ['My-name', [LABEL_MSG]],
    ['my_name', [LABEL_MSG]],
    ['-a', [LABEL_MSG]],
    ['a-', [LABEL_MSG]],
    ['a.b', ['must not contain dots']],
    ['a'.repeat(64), ['must be no more than 63 characters']],
    ['é', [LABEL_MSG]],
  ])('refuses %j', (v, errors) => expect(isDns1123Label(v)).toEqual(errors));
});

describe('isDns1123Subdomain', () => {
  it.each(['example.com', 'a', 'my-app.v1', '0.0', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`])('accepts %j', (v) =>
    expect(isDns1123Subdomain(v)).toEqual([]),
  );
  it.each<[string, string[]]>([
    ['', [SUBDOMAIN_MSG]],
    ['My.App', [SUBDOMAIN_MSG]],
    ['a..b', [SUBDOMAIN_MSG]],
    ['a.-b', [SUBDOMAIN_MSG]],
    ['a_b', [SUBDOMAIN_MSG]],
    ['a.', [SUBDOMAIN_MSG]],
    ['a'.repeat(254), ['must be no more than 253 characters']],
    [`A${'a'.repeat(253)}`, ['must be no more than 253 characters', SUBDOMAIN_MSG]],
  ])('refuses %j', (v, errors) => expect(isDns1123Subdomain(v)).toEqual(errors));
});

describe('isDns1035Label', () => {
  it.each(['a', 'my-name', 'abc-123'])('accepts %j', (v) => expect(isDns1035Label(v)).toEqual([]));
  it.each<[string, string[]]>([
    ['1abc', [DNS1035_MSG]],
    ['my.name', [DNS1035_MSG]],
    ['My', [DNS1035_MSG]],
    [`a${'b'.repeat(63)}`, ['must be no more than 63 characters']],
  ])('refuses %j', (v, errors) => expect(isDns1035Label(v)).toEqual(errors));
});

describe('isPathSegmentName', () => {
  it.each(['system:controller:job', 'Admin_Role', 'a.b'])('accepts %j', (v) => expect(isPathSegmentName(v)).toEqual([]));
  it.each<[string, string[]]>([
    ['.', ["may not be '.'"]],
    ['..', ["may not be '..'"]],
    ['team/admin', ["may not contain '/'"]],
    ['100%/x', ["may not contain '/'", "may not contain '%'"]],
  ])('refuses %j', (v, errors) => expect(isPathSegmentName(v)).toEqual(errors));
});

describe('isQualifiedName', () => {
  it.each(['app', 'MyName', 'my.name', '123-abc', 'app.kubernetes.io/name', 'example.com/My_Key', 'a/b', 'x'.repeat(63), `${'a'.repeat(253)}/b`])(
    'accepts %j',
    (v) => expect(isQualifiedName(v)).toEqual([]),
  );
  it.each<[string, string[]]>([
    ['', ['name part must be non-empty', `name part ${QUALIFIED_MSG}`]],
    ['-app', [`name part ${QUALIFIED_MSG}`]],
    ['app_', [`name part ${QUALIFIED_MSG}`]],
    ['my app', [`name part ${QUALIFIED_MSG}`]],
    ['/app', ['prefix part must be non-empty']],
    ['example.com/', ['name part must be non-empty', `name part ${QUALIFIED_MSG}`]],
    ['Example.com/app', [`prefix part ${SUBDOMAIN_MSG}`]],
    ['my_company/app', [`prefix part ${SUBDOMAIN_MSG}`]],
    ['x'.repeat(64), ['name part must be no more than 63 characters']],
    [`${'a'.repeat(254)}/b`, ['prefix part must be no more than 253 characters']],
    [
      'a/b/c',
      [`a valid label key ${QUALIFIED_MSG}, with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`],
    ],
  ])('refuses %j', (v, errors) => expect(isQualifiedName(v)).toEqual(errors));
});

describe('isLabelValue', () => {
  it.each(['', 'MyValue', 'my_value', '12345', 'v1.2.3', 'x'.repeat(63)])('accepts %j', (v) => expect(isLabelValue(v)).toEqual([]));
  it.each<[string, string[]]>([
    ['v1.2.3+build', [VALUE_MSG]],
    ['my value', [VALUE_MSG]],
    ['-x', [VALUE_MSG]],
    ['x_', [VALUE_MSG]],
    ['nginx:1.25', [VALUE_MSG]],
    ['a/b', [VALUE_MSG]],
    ['x'.repeat(64), ['must be no more than 63 characters']],
    ['ü', [VALUE_MSG]],
  ])('refuses %j', (v, errors) => expect(isLabelValue(v)).toEqual(errors));
});

describe('checkGenerateName', () => {
  it('allows a trailing dash, as maskTrailingDash does', () => {
    expect(checkGenerateName('web-', 'dns1123Subdomain')).toEqual([]);
    expect(checkGenerateName('job-run-', 'dns1035Label')).toEqual([]);
    expect(checkGenerateName('Web-', 'dns1123Subdomain')).toEqual([SUBDOMAIN_MSG]);
  });
});

describe('nameFormatOf', () => {
  it.each<[string, string, string | undefined]>([
    ['', 'Service', 'dns1035Label'],
    ['', 'Namespace', 'dns1123Label'],
    ['', 'ConfigMap', 'dns1123Subdomain'],
    ['apps', 'Deployment', 'dns1123Subdomain'],
    ['example.com', 'Widget', 'dns1123Subdomain'],
    ['rbac.authorization.k8s.io', 'ClusterRole', 'pathSegment'],
    ['apiregistration.k8s.io', 'APIService', 'pathSegment'],
    ['', 'Event', undefined],
    ['certificates.k8s.io', 'CertificateSigningRequest', undefined],
    ['route.openshift.io', 'Route', undefined],
  ])('%s/%s -> %s', (group, kind, format) => expect(nameFormatOf(group, kind)).toBe(format));
});

describe('isApiServerObject', () => {
  it.each<[string, string, boolean]>([
    ['v1', 'ConfigMap', true],
    ['apps/v1', 'Deployment', true],
    ['example.com/v1', 'Widget', true],
    ['v1', 'Config', false],
    ['kustomize.config.k8s.io/v1beta1', 'Kustomization', false],
    ['kubelet.config.k8s.io/v1beta1', 'KubeletConfiguration', false],
    ['kubeadm.k8s.io/v1beta3', 'ClusterConfiguration', false],
    ['kind.x-k8s.io/v1alpha4', 'Cluster', false],
    ['skaffold/v4beta6', 'Config', false],
    ['v2', 'Chart', false],
  ])('%s %s -> %s', (apiVersion, kind, expected) => expect(isApiServerObject(apiVersion, kind)).toBe(expected));
});

describe('suggestions', () => {
  it.each<[string, 'dns1123Subdomain' | 'dns1123Label' | 'dns1035Label' | 'pathSegment', string | undefined]>([
    ['My_App', 'dns1123Subdomain', 'my-app'],
    ['api.V2', 'dns1123Subdomain', 'api.v2'],
    ['web_frontend', 'dns1035Label', 'web-frontend'],
    ['team.a', 'dns1123Label', 'team-a'],
    ['web ', 'dns1123Subdomain', 'web'],
    ['a_.b', 'dns1123Subdomain', 'a.b'],
    ['1-web', 'dns1035Label', undefined],
    ['___', 'dns1123Subdomain', undefined],
    ['team/admin', 'pathSegment', 'team-admin'],
  ])('%j as %s -> %j', (value, format, expected) => expect(suggestName(value, format)).toBe(expected));

  it.each<[string, string | undefined]>([
    ['v1.2.3+build', 'v1.2.3-build'],
    ['nginx:1.25', 'nginx-1.25'],
    ['my value', 'my-value'],
    ['-x-', 'x'],
    ['x'.repeat(64), undefined],
  ])('label value %j -> %j', (value, expected) => expect(suggestLabelValue(value)).toBe(expected));

  it('recognises templated values', () => {
    expect(isTemplated('${APP}-web')).toBe(true);
    expect(isTemplated('{{ .Release.Name }}')).toBe(true);
    expect(isTemplated('web')).toBe(false);
  });
});

describe('byteLength', () => {
  it('counts UTF-8 bytes as TextEncoder does, lone surrogates as U+FFFD', () => {
    const encoder = new TextEncoder();
    const samples = ['', 'web', 'caf\u00e9', '\u00ff\u0100\u07ff\u0800', '\u65e5\u672c', '\u{1f680}x', 'a\ud800', '\udc00b', '\ud800\ud800\udc00', '\uffff\ud83d'];
    for (const sample of samples) expect(byteLength(sample), JSON.stringify(sample)).toBe(encoder.encode(sample).length);
  });
});

describe('isQualifiedName and isLabelValue fast paths', () => {
  // Upstream's definitions, spelled out: an optional DNS-1123 subdomain prefix (<= 253) and '/', then a name (<= 63).
  const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
  const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
  const validKey = (v: string) => {
    const parts = v.split('/');
    if (parts.length > 2) return false;
    const name = parts[parts.length - 1];
    const prefixOk = parts.length === 1 || (SUBDOMAIN.test(parts[0]) && parts[0].length <= 253);
    return prefixOk && NAME.test(name) && name.length <= 63;
  };
  it('accept exactly the valid keys and values', () => {
    const alphabet = ['a', 'Z', '0', '-', '_', '.', '/', 'é', 'b'];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) {
      const length = Math.floor(random() * 70);
      let value = '';
      for (let i = 0; i < length; i++) value += alphabet[Math.floor(random() * alphabet.length)];
      expect(isQualifiedName(value).length === 0, value).toBe(validKey(value));
      expect(isLabelValue(value).length === 0, value).toBe(value === '' || (NAME.test(value) && value.length <= 63));
    }
  });
});
