/**
 * The Kubernetes CEL libraries (k8s.io/apiserver/pkg/cel/library and cel-go's ext) on top of the
 * standard library of @marcbachmann/cel-js: lists, strings, regex (RE2 through src/cel/re2.ts),
 * URLs, IP/CIDR, quantities, semver and formats. A function that cannot produce a value throws; the
 * evaluator turns that into a CEL error (absorbed by `||`/`&&` like any other).
 */
import { Optional, type Environment } from '@marcbachmann/cel-js';
import { CelFormat, CelQuantity, FORMATS, FormatNamespace, IPNamespace, quantity, SetsNamespace, quantityFromNumber, StringsNamespace } from './kubernetes-types.js';
import { CelCIDR, CelIP, CelURL, ipIs, parseCIDR, parseIP, parseURL, urlHostname, urlPort, urlQuery } from './net.js';
import { re2ToRegExp } from './re2.js';
import { CelSemver, compareSemver, parseSemver } from './semver.js';
import { formatString, quote } from './strings.js';

type Fn = (...args: never[]) => unknown;

function fail(message: string): never {
  throw new Error(message);
}

function regex(pattern: string, global = false): RegExp {
  return re2ToRegExp(pattern, global) ?? fail(`regular expression \`${pattern}\` is not supported`);
}

/** Ordering of CEL values of one kind (int, uint, double, string, bool), as `_<_` orders them. */
export function compare(a: unknown, b: unknown): number {
  if ((typeof a === 'bigint' || typeof a === 'number') && (typeof b === 'bigint' || typeof b === 'number')) {
    return typeof a === typeof b ? (a < b ? -1 : a > b ? 1 : 0) : Number(a) < Number(b) ? -1 : Number(a) > Number(b) ? 1 : 0;
  }
  if (typeof a === typeof b && (typeof a === 'string' || typeof a === 'boolean')) return a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
  return fail('no such overload for ordering');
}

function sum(list: readonly unknown[]): unknown {
  if (list.length === 0) return 0n;
  return list.reduce((a, b) => (typeof a === 'bigint' && typeof b === 'bigint' ? a + b : typeof a === 'number' && typeof b === 'number' ? a + b : fail('no such overload for sum')));
}

function extreme(list: readonly unknown[], sign: 1 | -1): unknown {
  if (list.length === 0) return fail('min/max of an empty list');
  return list.reduce((a, b) => (compare(b, a) * sign > 0 ? b : a));
}

function indexIn(list: readonly unknown[], value: unknown, last: boolean): bigint {
  const same = (x: unknown) => x === value || (typeof x === 'object' && JSON.stringify(x, bigints) === JSON.stringify(value, bigints));
  if (!last) return BigInt(list.findIndex(same));
  for (let i = list.length - 1; i >= 0; i--) if (same(list[i])) return BigInt(i);
  return -1n;
}

function bigints(_key: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `${v}n` : v;
}

function int(value: number): bigint {
  return Number.isSafeInteger(value) ? BigInt(value) : fail('integer overflow');
}

function requireValue<T>(value: T | undefined, what: string, text: string): T {
  return value ?? fail(`\`${text}\` is not a valid ${what}`);
}

const quantityArg = (x: CelQuantity | bigint): number => (typeof x === 'bigint' ? Number(x) : x.value);

export function registerKubernetesLibraries(env: Environment): void {
  const fn = (signature: string, handler: Fn) => env.registerFunction(signature, handler as (...args: unknown[]) => unknown);
  env.registerType('kubernetes.Quantity', CelQuantity).registerType('net.IP', CelIP).registerType('net.CIDR', CelCIDR)
    .registerType('kubernetes.URL', CelURL)
    .registerType('kubernetes.Format', CelFormat).registerType('kubernetes.FormatNamespace', FormatNamespace)
    .registerType('kubernetes.StringsNamespace', StringsNamespace).registerType('kubernetes.Semver', CelSemver)
    .registerConstant('format', 'kubernetes.FormatNamespace', new FormatNamespace())
    .registerConstant('strings', 'kubernetes.StringsNamespace', new StringsNamespace())
    .registerType('net.IPNamespace', IPNamespace).registerConstant('ip', 'net.IPNamespace', new IPNamespace())
    .registerType('ext.SetsNamespace', SetsNamespace).registerConstant('sets', 'ext.SetsNamespace', new SetsNamespace());

  // Lists (library/lists.go) and cel-go ext lists.
  fn('list.isSorted(): bool', (l: unknown[]) => l.every((x, i) => i === 0 || compare(l[i - 1], x) <= 0));
  fn('list.sum(): dyn', (l: unknown[]) => sum(l));
  fn('list.min(): dyn', (l: unknown[]) => extreme(l, -1));
  fn('list.max(): dyn', (l: unknown[]) => extreme(l, 1));
  fn('list.indexOf(dyn): int', (l: unknown[], v: unknown) => indexIn(l, v, false));
  fn('list.lastIndexOf(dyn): int', (l: unknown[], v: unknown) => indexIn(l, v, true));
  fn('list.slice(int, int): list', (l: unknown[], a: bigint, b: bigint) => (a < 0n || b < a || b > BigInt(l.length) ? fail('slice out of range') : l.slice(Number(a), Number(b))));
  fn('list.reverse(): list', (l: unknown[]) => [...l].reverse());
  fn('list.distinct(): list', (l: unknown[]) => l.filter((x, i) => indexIn(l, x, false) === BigInt(i)));
  fn('list.flatten(): list', (l: unknown[]) => l.flatMap((x) => (Array.isArray(x) ? x : [x])));
  fn('list.sort(): list', (l: unknown[]) => [...l].sort(compare));

  // Sets (cel-go ext sets): lists as sets, elements compared as CEL `==` compares them.
  const has = (list: unknown[], x: unknown) => indexIn(list, x, false) >= 0n;
  fn('ext.SetsNamespace.contains(list, list): bool', (_ns: unknown, a: unknown[], b: unknown[]) => b.every((x) => has(a, x)));
  fn('ext.SetsNamespace.equivalent(list, list): bool', (_ns: unknown, a: unknown[], b: unknown[]) => b.every((x) => has(a, x)) && a.every((x) => has(b, x)));
  fn('ext.SetsNamespace.intersects(list, list): bool', (_ns: unknown, a: unknown[], b: unknown[]) => b.some((x) => has(a, x)));

  // Strings (cel-go ext strings, version 2 as Kubernetes enables it).
  fn('string.charAt(int): string', (s: string, i: bigint) => (i < 0n || i > BigInt(s.length) ? fail('index out of range') : [...s][Number(i)] ?? ''));
  fn('string.replace(string, string): string', (s: string, a: string, b: string) => s.split(a).join(b));
  fn('string.replace(string, string, int): string', (s: string, a: string, b: string, n: bigint) => {
    const parts = s.split(a);
    const keep = n < 0n ? parts.length : Math.min(parts.length, Number(n) + 1);
    return [parts.slice(0, keep).join(b), ...parts.slice(keep)].join(a);
  });
  fn('string.reverse(): string', (s: string) => [...s].reverse().join(''));
  fn('string.format(list): string', (s: string, args: unknown[]) => formatString(s, args));
  fn('kubernetes.StringsNamespace.quote(string): string', (_ns: unknown, s: string) => quote(s));

  // Regex (library/regex.go).
  fn('string.find(string): string', (s: string, p: string) => regex(p).exec(s)?.[0] ?? '');
  fn('string.findAll(string): list<string>', (s: string, p: string) => [...s.matchAll(regex(p, true))].map((m) => m[0]));
  fn('string.findAll(string, int): list<string>', (s: string, p: string, n: bigint) => [...s.matchAll(regex(p, true))].map((m) => m[0]).slice(0, n < 0n ? undefined : Number(n)));
  fn('string.re2Matches(string): bool', (s: string, p: string) => regex(p).test(s));
  fn('re2Matches(string, string): bool', (s: string, p: string) => regex(p).test(s));

  // URLs (library/urls.go).
  fn('url(string): kubernetes.URL', (s: string) => requireValue(parseURL(s), 'URL', s));
  fn('isURL(string): bool', (s: string) => parseURL(s) !== undefined);
  fn('kubernetes.URL.getScheme(): string', (u: CelURL) => u.scheme);
  fn('kubernetes.URL.getHost(): string', (u: CelURL) => u.host);
  fn('kubernetes.URL.getHostname(): string', (u: CelURL) => urlHostname(u));
  fn('kubernetes.URL.getPort(): string', (u: CelURL) => urlPort(u));
  fn('kubernetes.URL.getEscapedPath(): string', (u: CelURL) => u.path);
  fn('kubernetes.URL.getQuery(): map<string, list<string>>', (u: CelURL) => urlQuery(u));

  // IP and CIDR (library/ip.go, library/cidr.go).
  fn('ip(string): net.IP', (s: string) => requireValue(parseIP(s), 'IP address', s));
  fn('isIP(string): bool', (s: string) => parseIP(s) !== undefined);
  fn('string(net.IP): string', (ip: CelIP) => ip.toString());
  fn('net.IPNamespace.isCanonical(string): bool', (_ns: unknown, s: string) => parseIP(s)?.toString() === s);
  fn('net.IP.family(): int', (ip: CelIP) => BigInt(ip.family));
  for (const what of ['unspecified', 'loopback', 'linkLocalMulticast', 'linkLocalUnicast', 'globalUnicast'] as const) {
    fn(`net.IP.is${what[0]!.toUpperCase()}${what.slice(1)}(): bool`, (ip: CelIP) => ipIs(ip, what));
  }
  fn('cidr(string): net.CIDR', (s: string) => requireValue(parseCIDR(s), 'CIDR', s));
  fn('isCIDR(string): bool', (s: string) => parseCIDR(s) !== undefined);
  fn('string(net.CIDR): string', (c: CelCIDR) => c.toString());
  fn('net.CIDR.containsIP(net.IP): bool', (c: CelCIDR, ip: CelIP) => c.contains(ip));
  fn('net.CIDR.containsIP(string): bool', (c: CelCIDR, s: string) => c.contains(requireValue(parseIP(s), 'IP address', s)));
  fn('net.CIDR.containsCIDR(net.CIDR): bool', (c: CelCIDR, o: CelCIDR) => o.prefix >= c.prefix && c.contains(o.ip));
  fn('net.CIDR.containsCIDR(string): bool', (c: CelCIDR, s: string) => {
    const o = requireValue(parseCIDR(s), 'CIDR', s);
    return o.prefix >= c.prefix && c.contains(o.ip);
  });
  fn('net.CIDR.ip(): net.IP', (c: CelCIDR) => c.ip);
  fn('net.CIDR.masked(): net.CIDR', (c: CelCIDR) => c.masked());
  fn('net.CIDR.prefixLength(): int', (c: CelCIDR) => BigInt(c.prefix));

  // Quantities (library/quantity.go); values are compared as floats, exact below 2^53.
  fn('quantity(string): kubernetes.Quantity', (s: string) => requireValue(quantity(s), 'quantity', s));
  fn('isQuantity(string): bool', (s: string) => quantity(s) !== undefined);
  fn('kubernetes.Quantity.sign(): int', (q: CelQuantity) => BigInt(Math.sign(q.value)));
  fn('kubernetes.Quantity.isInteger(): bool', (q: CelQuantity) => Number.isSafeInteger(q.value));
  fn('kubernetes.Quantity.asInteger(): int', (q: CelQuantity) => (Number.isInteger(q.value) ? int(q.value) : fail('cannot convert value to integer')));
  fn('kubernetes.Quantity.asApproximateFloat(): double', (q: CelQuantity) => q.value);
  for (const other of ['kubernetes.Quantity', 'int']) {
    fn(`kubernetes.Quantity.add(${other}): kubernetes.Quantity`, (q: CelQuantity, o: CelQuantity | bigint) => quantityFromNumber(q.value + quantityArg(o)));
    fn(`kubernetes.Quantity.sub(${other}): kubernetes.Quantity`, (q: CelQuantity, o: CelQuantity | bigint) => quantityFromNumber(q.value - quantityArg(o)));
  }
  fn('kubernetes.Quantity.isGreaterThan(kubernetes.Quantity): bool', (q: CelQuantity, o: CelQuantity) => q.value > o.value);
  fn('kubernetes.Quantity.isLessThan(kubernetes.Quantity): bool', (q: CelQuantity, o: CelQuantity) => q.value < o.value);
  fn('kubernetes.Quantity.compareTo(kubernetes.Quantity): int', (q: CelQuantity, o: CelQuantity) => BigInt(Math.sign(q.value - o.value)));

  // Semver (library/semverlib.go).
  fn('semver(string): kubernetes.Semver', (s: string) => requireValue(parseSemver(s), 'semantic version', s));
  fn('semver(string, bool): kubernetes.Semver', (s: string, normalize: boolean) => requireValue(parseSemver(s, normalize), 'semantic version', s));
  fn('isSemver(string): bool', (s: string) => parseSemver(s) !== undefined);
  fn('isSemver(string, bool): bool', (s: string, normalize: boolean) => parseSemver(s, normalize) !== undefined);
  for (const part of ['major', 'minor', 'patch'] as const) fn(`kubernetes.Semver.${part}(): int`, (v: CelSemver) => v[part]);
  fn('kubernetes.Semver.compareTo(kubernetes.Semver): int', (a: CelSemver, b: CelSemver) => BigInt(compareSemver(a, b)));
  fn('kubernetes.Semver.isGreaterThan(kubernetes.Semver): bool', (a: CelSemver, b: CelSemver) => compareSemver(a, b) > 0);
  fn('kubernetes.Semver.isLessThan(kubernetes.Semver): bool', (a: CelSemver, b: CelSemver) => compareSemver(a, b) < 0);

  // Equality as the libraries define it: quantities and versions by value, IPs, CIDRs and URLs as written.
  const equalities: Array<[string, (a: never, b: never) => boolean]> = [
    ['kubernetes.Quantity', (a: CelQuantity, b: CelQuantity) => a.value === b.value],
    ['kubernetes.Semver', (a: CelSemver, b: CelSemver) => compareSemver(a, b) === 0],
    ['net.IP', (a: CelIP, b: CelIP) => a.toString() === b.toString()],
    ['net.CIDR', (a: CelCIDR, b: CelCIDR) => a.toString() === b.toString()],
    ['kubernetes.URL', (a: CelURL, b: CelURL) => JSON.stringify(a) === JSON.stringify(b)],
  ];
  // (`!=` comes with `==`.)
  for (const [type, equal] of equalities) env.registerOperator(`${type} == ${type}`, equal as (a: unknown, b: unknown) => boolean);

  // Formats (library/format.go): `format.dns1123Label().validate(s)` is none() or the errors.
  for (const [name, check] of Object.entries(FORMATS)) {
    fn(`kubernetes.FormatNamespace.${name}(): kubernetes.Format`, () => new CelFormat(name, check));
  }
  fn('kubernetes.FormatNamespace.named(string): optional<kubernetes.Format>', (_ns: unknown, name: string) => {
    const check = FORMATS[name];
    return check === undefined ? optionalNone() : optionalOf(new CelFormat(name, check));
  });
  fn('kubernetes.Format.validate(string): optional<list<string>>', (f: CelFormat, s: string) => {
    const errors = f.check(s);
    return errors.length === 0 ? optionalNone() : optionalOf(errors);
  });
}

const optionalNone = () => Optional.none();
const optionalOf = (v: unknown) => Optional.of(v);
