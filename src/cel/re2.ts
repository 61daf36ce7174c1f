/**
 * RE2 patterns (CEL `matches`, `find`, `findAll`; Go's `regexp`) as JavaScript RegExps. The common
 * differences are translated: leading flag groups `(?i)`, `(?s)`, `(?m)`, `(?U)` is refused; `\A` and
 * `\z`; `(?P<name>` groups; POSIX classes such as `[[:alpha:]]`; `\pL`. A pattern JavaScript still
 * cannot express returns undefined: callers treat that as an evaluation error, never as a mismatch.
 */
const POSIX: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z',
  word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp | null>();

export function re2ToRegExp(pattern: string, global = false): RegExp | undefined {
  const key = `${global ? 'g' : ''}\0${pattern}`;
  let re = cache.get(key);
  if (re === undefined) {
    re = translate(pattern, global) ?? null;
    if (cache.size > 2000) cache.clear();
    cache.set(key, re);
  }
  return re ?? undefined;
}

function translate(pattern: string, global: boolean): RegExp | undefined {
  let flags = global ? 'g' : '';
  const anchored = pattern.startsWith('^') ? '^' : '';
  let source = pattern.slice(anchored.length);
  for (let m = /^\(\?([imsU]+)\)/.exec(source); m !== null; m = /^\(\?([imsU]+)\)/.exec(source)) {
    if (m[1]!.includes('U')) return undefined;
    for (const f of m[1]!) if (!flags.includes(f)) flags += f;
    source = source.slice(m[0].length);
  }
  source = anchored + source;
  source = source
    .replace(/\(\?P</g, '(?<')
    .replace(/\[:([a-z]+):\]/g, (all, name: string) => POSIX[name] ?? all)
    .replace(/\\p([A-Z])/g, '\\p{$1}')
    .replace(/\\P([A-Z])/g, '\\P{$1}')
    .replace(/^\\A/, '^')
    .replace(/\\z$/, '$');
  if (/\\[AzCQE]|\(\?[a-zA-Z]|\[:\^?[a-z]+:\]/.test(source)) return undefined;
  for (const extra of ['u', '']) {
    try {
      return new RegExp(source, flags + extra);
    } catch {
      // without the unicode flag JavaScript accepts more identity escapes (`\-`, `\/`)
    }
  }
  return undefined;
}
