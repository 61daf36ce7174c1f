import { describe, expect, it } from 'vitest';
import { celValue, compileCel, escapeProperty, evaluateCel } from '../../src/cel/index.js';

function run(expression: string, self: unknown = {}, variables?: readonly string[]): unknown {
  const compiled = compileCel(expression, variables === undefined ? {} : { variables });
  if (!compiled.ok) return `compile error: ${compiled.error}`;
  const result = evaluateCel(compiled.program, variables === undefined ? { self } : (self as Record<string, unknown>));
  return result.ok ? result.value : `error: ${result.error}`;
}

describe('compileCel', () => {
  it('compiles once and caches the program', () => {
    const a = compileCel('self.size() > 1');
    expect(a.ok).toBe(true);
    expect(compileCel('self.size() > 1')).toBe(a);
    expect(a.ok && a.program.type).toBe('bool');
  });

  it('reports syntax errors, unknown functions, undeclared variables and literal type errors', () => {
    for (const bad of ['self.a ==', 'nope(self)', 'other.a == 1', '1 == 1.0', 'self.all(x)']) {
      const result = compileCel(bad);
      expect(result.ok, bad).toBe(false);
      expect(!result.ok && result.error, bad).toMatch(/\S/);
    }
  });

  it('declares the variables it is given', () => {
    expect(run('object.spec.replicas < params.max', { object: { spec: { replicas: 3n } }, params: { max: 5n } }, ['object', 'params'])).toBe(true);
    expect(compileCel('self == 1', { variables: ['object'] }).ok).toBe(false);
  });
});

describe('evaluateCel: the standard library', () => {
  it('has macros, has() and errors absorbed by || and &&', () => {
    expect(run('self.l.all(x, x > 0) && self.l.exists_one(x, x == 2) && self.l.map(x, x * 2) == [2, 4]', { l: [1n, 2n] })).toBe(true);
    expect(run('has(self.a) && !has(self.b)', { a: 1n })).toBe(true);
    expect(run('self.missing.x == 1 || true')).toBe(true);
    expect(run('self.missing.x == 1 && false')).toBe(false);
    expect(run('self.missing.x == 1')).toMatch(/^error: /);
  });

  it('keeps int, uint and double apart', () => {
    expect(run('self.i + 1', { i: 2n })).toBe(3n);
    expect(run('self.d + 1', { d: 1.5 })).toMatch(/^error: /);
    expect(run('self.d > 1', { d: 1.5 })).toBe(true);
    expect(run('9223372036854775807 + 1')).toMatch(/^error: .*overflow/);
    expect(run('1 / 0')).toMatch(/^error: /);
  });

  it('supports the optional subset', () => {
    expect(run('self.?a.orValue(5)')).toBe(5n);
    expect(run('self.?a.?b.orValue(5)', { a: { b: 7n } })).toBe(7n);
    expect(run('optional.of(1).hasValue() && !optional.none().hasValue()')).toBe(true);
  });
});

describe('evaluateCel: the Kubernetes libraries', () => {
  it('lists', () => {
    expect(run('[1, 2, 3].isSorted() && ![2, 1].isSorted()')).toBe(true);
    expect(run('[1, 2, 3].sum()')).toBe(6n);
    expect(run('[1.5, 2.5].sum()')).toBe(4);
    expect(run('[3, 1, 2].min() == 1 && [3, 1, 2].max() == 3')).toBe(true);
    expect(run('[1, 2, 1].indexOf(1) == 0 && [1, 2, 1].lastIndexOf(1) == 2 && [1].indexOf(9) == -1')).toBe(true);
    expect(run('[].min()')).toMatch(/^error: /);
    expect(run('sets.contains([1, 2, 3], [3, 1]) && sets.equivalent([1, 1, 2], [2, 1]) && !sets.intersects(["a"], ["b"])')).toBe(true);
  });

  it('strings', () => {
    expect(run('"héllo".charAt(1)')).toBe('é');
    expect(run('"a-b-c".replace("-", "+")')).toBe('a+b+c');
    expect(run('"a-b-c".replace("-", "+", 1)')).toBe('a+b-c');
    expect(run('"Hello".lowerAscii() + "x".upperAscii()')).toBe('helloX');
    expect(run('"a,b".split(",") == ["a", "b"] && ["a", "b"].join("-") == "a-b"')).toBe(true);
    expect(run('" a ".trim() + "abc".substring(1, 2)')).toBe('ab');
    expect(run('"abc".indexOf("c") == 2 && "abca".lastIndexOf("a") == 3')).toBe(true);
    expect(run('"%s has %d items (%.2f)".format(["list", 3, 1.5])')).toBe('list has 3 items (1.50)');
    expect(run('strings.quote("a\\"b")')).toBe('"a\\"b"');
  });

  it('regex, with RE2 syntax', () => {
    expect(run('"ABC".matches("^(?i)abc$")')).toBe(true);
    expect(run('matches("abc", "^a")')).toBe(true);
    expect(run('"abc".matches("[[:digit:]]")')).toBe(false);
    expect(run('"a1b22".find("[0-9]+")')).toBe('1');
    expect(run('"a1b22".findAll("[0-9]+")')).toEqual(['1', '22']);
    expect(run('"a1b22c3".findAll("[0-9]+", 2)')).toEqual(['1', '22']);
    expect(run('"a".matches("(?U)a")')).toMatch(/^error: /);
  });

  it('URLs', () => {
    expect(run('url("https://user@example.com:8443/a%20b?x=1&x=2&y=").getScheme()')).toBe('https');
    expect(run('url("https://example.com:8443/p").getHost()')).toBe('example.com:8443');
    expect(run('url("https://[::1]:80/p").getHostname()')).toBe('::1');
    expect(run('url("https://example.com:443").getPort()')).toBe('443');
    expect(run('url("/a/b").getEscapedPath()')).toBe('/a/b');
    expect(run('url("https://e.com/?x=1&x=2").getQuery()["x"] == ["1", "2"]')).toBe(true);
    expect(run('isURL("example.com") || isURL("https://exa mple.com")')).toBe(false);
    expect(run('url("nope")')).toMatch(/^error: /);
    expect(run('dyn(url("https://example.com:8443/p")).getPort()')).toBe('8443');
  });

  it('IP and CIDR', () => {
    expect(run('isIP("10.0.0.1") && isIP("::1") && !isIP("010.0.0.1") && !isIP("::ffff:1.2.3.4") && !isIP("fe80::1%eth0")')).toBe(true);
    expect(run('ip("10.0.0.1").family() == 4 && ip("2001:db8::1").family() == 6')).toBe(true);
    expect(run('ip("127.0.0.1").isLoopback() && ip("::").isUnspecified() && ip("169.254.1.1").isLinkLocalUnicast()')).toBe(true);
    expect(run('ip("224.0.0.1").isLinkLocalMulticast() && ip("8.8.8.8").isGlobalUnicast() && !ip("255.255.255.255").isGlobalUnicast()')).toBe(true);
    expect(run('string(ip("2001:0db8:0:0:0:0:0:1"))')).toBe('2001:db8::1');
    expect(run('cidr("10.0.0.0/8").containsIP("10.1.2.3") && !cidr("10.0.0.0/8").containsIP(ip("11.0.0.1"))')).toBe(true);
    expect(run('cidr("10.0.0.0/8").containsCIDR("10.1.0.0/16") && !cidr("10.1.0.0/16").containsCIDR("10.0.0.0/8")')).toBe(true);
    expect(run('string(cidr("10.1.2.3/8").masked()) + " " + string(cidr("10.1.2.3/8").prefixLength())')).toBe('10.0.0.0/8 8');
    expect(run('isCIDR("10.0.0.0/33")')).toBe(false);
    expect(run('ip.isCanonical("2001:db8::1") && !ip.isCanonical("2001:DB8::1") && !ip.isCanonical("2001:db8:0:0:0:0:0:1")')).toBe(true);
  });

  it('quantities', () => {
    expect(run('quantity("1Gi").isGreaterThan(quantity("1G")) && quantity("500m").isLessThan(quantity("1"))')).toBe(true);
    expect(run('quantity("2").add(quantity("500m")).asApproximateFloat()')).toBe(2.5);
    expect(run('quantity("2").sub(1).asInteger()')).toBe(1n);
    expect(run('quantity("1.5").isInteger() || quantity("-1").sign() != -1')).toBe(false);
    expect(run('quantity("1k").compareTo(quantity("1000"))')).toBe(0n);
    expect(run('isQuantity("1Gi") && !isQuantity("1gb")')).toBe(true);
    expect(run('quantity("1.5").asInteger()')).toMatch(/^error: /);
    expect(run('quantity("1") == quantity("1000m") && quantity("1") != quantity("2")')).toBe(true);
    expect(run('ip("::1") == ip("0:0::1") && cidr("10.0.0.0/8") != cidr("10.0.0.0/16") && semver("1.0.0") == semver("1.0.0+b")')).toBe(true);
  });

  it('semver', () => {
    expect(run('semver("1.2.3").major() == 1 && semver("1.2.3").minor() == 2 && semver("1.2.3").patch() == 3')).toBe(true);
    expect(run('semver("1.10.0").isGreaterThan(semver("1.9.9")) && semver("1.0.0-rc.1").isLessThan(semver("1.0.0"))')).toBe(true);
    expect(run('semver("1.0.0-alpha.2").compareTo(semver("1.0.0-alpha.10")) == -1 && semver("1.0.0+build").compareTo(semver("1.0.0")) == 0')).toBe(true);
    expect(run('isSemver("1.2") || isSemver("v1.2.3") || isSemver("01.2.3")')).toBe(false);
    expect(run('isSemver("v1.2", true) && semver("v1.2", true).patch() == 0')).toBe(true);
    expect(run('semver("nope")')).toMatch(/^error: /);
  });

  it('formats', () => {
    expect(run('!format.dns1123Label().validate("my-name").hasValue()')).toBe(true);
    expect(run('format.dns1123Label().validate("My_Name").hasValue()')).toBe(true);
    expect(run('format.named("labelValue").value().validate("ok").hasValue()')).toBe(false);
    expect(run('format.named("nope").hasValue()')).toBe(false);
  });
});

describe('celValue and escapeProperty', () => {
  it('escapes property names as Kubernetes does', () => {
    expect(escapeProperty('namespace')).toBe('__namespace__');
    expect(escapeProperty('x-kubernetes.io/a__b')).toBe('x__dash__kubernetes__dot__io__slash__a__underscores__b');
    expect(escapeProperty('a b')).toBeUndefined();
  });

  it('types numbers by the schema, prunes and keeps map keys', () => {
    const schema = {
      type: 'object',
      properties: {
        replicas: { type: 'integer' }, ratio: { type: 'number' }, port: { 'x-kubernetes-int-or-string': true },
        namespace: { type: 'string' }, labels: { type: 'object', additionalProperties: { type: 'string' } },
        raw: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
      },
    };
    const value = celValue({ replicas: 2, ratio: 2, port: 80, namespace: 'ns', labels: { 'app.kubernetes.io/name': 'x' }, raw: { n: 1 }, dropped: 1, gone: null }, schema);
    expect(value).toEqual(Object.assign(Object.create(null), {
      replicas: 2n, ratio: 2, port: 80n, __namespace__: 'ns',
      labels: Object.assign(Object.create(null), { 'app.kubernetes.io/name': 'x' }), raw: Object.assign(Object.create(null), { n: 1n }),
    }));
    expect(run('self.replicas == 2 && self.__namespace__ == "ns" && self.labels["app.kubernetes.io/name"] == "x" && !has(self.dropped)', value)).toBe(true);
  });
});

describe('cel-go compatibility rewrites', () => {
  it('has() on a field of any expression, as cel-go allows', () => {
    expect(run('has(self[0].matches)', [{ matches: [] }])).toBe(true);
    expect(run('has(self[0].matches)', [{}])).toBe(false);
    expect(run('has(self.rules[0].a) || true', { rules: [] })).toBe(true);
    expect(run('has(self[1].matches)', [{}])).toMatch(/^error: /);
    expect(run('"has(x.y)" + \'has(a[0].b)\'')).toBe('has(x.y)has(a[0].b)');
    expect(run('has(self.a.b) && !has(self.a.c)', { a: { b: 1n } })).toBe(true);
  });

  it('compiles the Gateway API rules that use both', () => {
    const rule = "(has(self.filters) && self.filters.exists_one(f, has(f.requestRedirect) && has(f.requestRedirect.path))) ? ((size(self.matches) != 1 || !has(self.matches[0].path) || self.matches[0].path.type != 'PathPrefix') ? false : true) : true";
    expect(run(rule, { filters: [{ requestRedirect: { path: {} } }], matches: [{ path: { type: 'PathPrefix' } }] })).toBe(true);
    expect(run(rule, { filters: [{ requestRedirect: { path: {} } }], matches: [{ path: { type: 'Exact' } }] })).toBe(false);
    expect(run(String.raw`self.matches(r"""^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$""")`, 'Foo.Bar')).toBe(true);
  });
});

describe('celValue defaults', () => {
  it('fills absent fields with their schema default, recursively, as the API server does before validating', () => {
    const schema = {
      type: 'object',
      properties: {
        kind: { type: 'string', default: 'Service' },
        group: { type: 'string', default: '' },
        port: { type: 'integer' },
        tls: { type: 'object', default: {}, properties: { mode: { type: 'string', default: 'Terminate' } } },
      },
    };
    expect(run("self.kind == 'Service' && self.group == '' && !has(self.port) && self.tls.mode == 'Terminate'", celValue({}, schema))).toBe(true);
    expect(run("self.kind == 'Gateway'", celValue({ kind: 'Gateway' }, schema))).toBe(true);
  });
});
