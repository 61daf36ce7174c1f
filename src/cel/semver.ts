/**
 * The Kubernetes CEL semver library (library/semverlib.go, Kubernetes 1.33+): `semver("1.2.3")`,
 * `isSemver(s)`, `major()`, `minor()`, `patch()`, `compareTo`, `isGreaterThan`, `isLessThan`, with
 * Semantic Versioning 2.0 precedence (pre-releases before the release, build metadata ignored).
 * `normalize` (the second argument) accepts a `v` prefix, missing minor/patch and leading zeros.
 */
export class CelSemver {
  constructor(readonly major: bigint, readonly minor: bigint, readonly patch: bigint, readonly pre: readonly string[]) {}
  toString(): string {
    return `${this.major}.${this.minor}.${this.patch}${this.pre.length > 0 ? `-${this.pre.join('.')}` : ''}`;
  }
}

const NUMBER = '(0|[1-9]\\d*)';
const IDENT = '[0-9A-Za-z-]+';
const STRICT = new RegExp(`^${NUMBER}\\.${NUMBER}\\.${NUMBER}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+${IDENT}(?:\\.${IDENT})*)?$`);

export function parseSemver(text: string, normalize = false): CelSemver | undefined {
  let input = text;
  if (normalize) {
    input = input.replace(/^v/, '');
    const [core = '', ...rest] = input.split(/(?=[-+])/);
    const parts = core.split('.');
    if (parts.length > 3 || parts.some((p) => !/^\d+$/.test(p))) return undefined;
    while (parts.length < 3) parts.push('0');
    input = parts.map((p) => String(BigInt(p))).join('.') + rest.join('');
  }
  const m = STRICT.exec(input);
  if (m === null) return undefined;
  const pre = m[4] === undefined ? [] : m[4].split('.');
  if (pre.some((p) => /^0\d+$/.test(p))) return undefined;
  return new CelSemver(BigInt(m[1]!), BigInt(m[2]!), BigInt(m[3]!), pre);
}

export function compareSemver(a: CelSemver, b: CelSemver): number {
  for (const key of ['major', 'minor', 'patch'] as const) if (a[key] !== b[key]) return a[key] < b[key] ? -1 : 1;
  if (a.pre.length === 0 || b.pre.length === 0) return b.pre.length - a.pre.length === 0 ? 0 : a.pre.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const [x, y] = [a.pre[i]!, b.pre[i]!];
    if (x === y) continue;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny) return BigInt(x) < BigInt(y) ? -1 : 1;
    if (nx !== ny) return nx ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(a.pre.length - b.pre.length);
}
