/**
 * The version constraints of Chart.yaml dependencies (Masterminds/semver, as helm reads them):
 * `1.2.3`, `^1.2`, `~1.2.3`, `>=1.0 <2.0`, `1.x`, `2.*`, `*`, alternatives joined by `||`.
 */

type Version = [number, number, number];

function parse(text: string): { version: Version; wild: number } | undefined {
  const match = /^v?(\d+|[xX*])(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:[-+].*)?$/.exec(text.trim());
  if (!match) return undefined;
  const parts = [match[1], match[2], match[3]];
  const wild = parts.findIndex((p) => p === undefined || /^[xX*]$/.test(p));
  return { version: parts.map((p) => (p === undefined || /^[xX*]$/.test(p) ? 0 : Number(p))) as Version, wild: wild === -1 ? 3 : wild };
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The first version above every one matching `v` up to its `fixed` leading parts. */
function bump(v: Version, fixed: number): Version {
  if (fixed <= 0) return [Infinity, 0, 0];
  if (fixed === 1) return [v[0] + 1, 0, 0];
  return [v[0], v[1] + 1, 0];
}

function matchesOne(version: Version, term: string): boolean {
  const op = /^(\^|~>?|>=|<=|>|<|=|!=)?\s*(.*)$/.exec(term)!;
  const bound = parse(op[2]);
  if (!bound) return false;
  const v = bound.version;
  const c = compare(version, v);
  switch (op[1]) {
    case '^': {
      const fixed = v[0] > 0 || bound.wild <= 1 ? 1 : v[1] > 0 || bound.wild <= 2 ? 2 : 3;
      return c >= 0 && (fixed === 3 ? c === 0 : compare(version, bump(v, fixed)) < 0);
    }
    case '~':
    case '~>':
      return c >= 0 && compare(version, bump(v, bound.wild <= 1 ? 1 : 2)) < 0;
    case '>=':
      return c >= 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '<':
      return c < 0;
    case '!=':
      return c !== 0;
    default:
      return bound.wild === 3 ? c === 0 : c >= 0 && compare(version, bump(v, bound.wild)) < 0;
  }
}

/** Whether `version` satisfies `constraint` (an empty constraint allows any). */
export function satisfies(version: string, constraint: string): boolean {
  const parsed = parse(version);
  if (!parsed) return false;
  if (constraint.trim() === '') return true;
  return constraint.split('||').some((alternative) =>
    alternative
      .trim()
      .replace(/(\^|~>?|>=|<=|>|<|=|!=)\s+/g, '$1')
      .split(/[\s,]+/)
      .filter((t) => t !== '')
      .every((term) => matchesOne(parsed.version, term)));
}
