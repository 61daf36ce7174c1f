/**
 * Glob matching for config `ignore`, `overrides[].files` and `external` names, without a
 * dependency: `*` (within a path segment), `**` (any number of segments), `?`, `[abc]`, `{a,b}`.
 * A pattern without `/` matches a file's base name or any folder on its path (like .gitignore).
 */

const cache = new Map<string, RegExp>();

function escape(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

/** `*` and `?` stop at `/` when `separator` is true (paths); otherwise they match anything (names). */
export function globToRegExp(pattern: string, separator = true): RegExp {
  const key = `${separator ? 'p' : 'n'}:${pattern}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const star = separator ? '[^/]*' : '.*';
  const one = separator ? '[^/]' : '.';
  let out = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*' && separator) {
      const atStart = i === 0 || pattern[i - 1] === '/';
      i++;
      if (atStart && pattern[i + 1] === '/') {
        out += '(?:.*/)?';
        i++;
      } else {
        out += '.*';
      }
    } else if (c === '*') out += star;
    else if (c === '?') out += one;
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close === -1) out += '\\[';
      else {
        const body = pattern.slice(i + 1, close).replace(/\\/g, '\\\\');
        out += `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      out += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      out += ')';
    } else if (c === ',' && braces > 0) out += '|';
    else out += escape(c);
  }
  const regexp = new RegExp(`^${out}$`);
  cache.set(key, regexp);
  return regexp;
}

/** Whether `relativePath` (with `/` separators) or one of its folders matches `pattern`. */
export function matchesPath(relativePath: string, pattern: string): boolean {
  const normalized = relativePath.split('\\').join('/');
  const clean = pattern.startsWith('./') ? pattern.slice(2) : pattern.replace(/\/+$/, '');
  const regexp = globToRegExp(clean);
  if (!clean.includes('/')) return normalized.split('/').some((segment) => regexp.test(segment));
  if (regexp.test(normalized)) return true;
  for (let i = normalized.indexOf('/'); i !== -1; i = normalized.indexOf('/', i + 1)) {
    if (regexp.test(normalized.slice(0, i))) return true;
  }
  return false;
}

/** Whether a name (not a path) matches a pattern in which `*` and `?` match any characters. */
export function matchesName(name: string, pattern: string): boolean {
  return pattern.includes('*') || pattern.includes('?') ? globToRegExp(pattern, false).test(name) : name === pattern;
}
