/**
 * Source and AST rewrites that bridge @marcbachmann/cel-js and cel-go where they differ:
 * - `has(self[0].matches)`: cel-go accepts any expression before the tested field; cel-js only an
 *   identifier chain, so such calls become `k8sHasField(self[0], "matches")`, which evaluates the
 *   operand normally (a missing intermediate is an error, as in cel-go) and tests the field.
 * - `matches`: RE2 semantics through `re2Matches` (src/cel/re2.ts) instead of a bare RegExp.
 */

/** End (exclusive) of the string literal starting at `i`, or `i` when none starts there. */
function skipString(src: string, i: number): number {
  let j = i;
  if (/[rRbB]/.test(src[j] ?? '') && /['"]/.test(src[j + 1] ?? '') && !/[\w.]/.test(src[j - 1] ?? '')) j++;
  const raw = /[rR]/.test(src[i] ?? '') && j > i;
  const quote = src[j];
  if (quote !== '"' && quote !== "'") return i;
  const triple = src.startsWith(quote.repeat(3), j);
  const end = triple ? quote.repeat(3) : quote;
  for (let k = j + end.length; k < src.length; k++) {
    if (src[k] === '\\' && !raw) k++;
    else if (src.startsWith(end, k)) return k + end.length;
  }
  return src.length;
}

/** Index of the `)` closing the `(` at `open`, skipping strings; -1 when unbalanced. */
function closing(src: string, open: number): number {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const after = skipString(src, i);
    if (after !== i) {
      i = after - 1;
      continue;
    }
    if (src[i] === '(') depth++;
    else if (src[i] === ')' && --depth === 0) return i;
  }
  return -1;
}

const ID_CHAIN = /^\s*[A-Za-z_]\w*(\s*\.\??\s*[A-Za-z_]\w*)+\s*$/;
const LAST_FIELD = /^([\s\S]*\S)\s*\.\s*([A-Za-z_]\w*)\s*$/;

export function rewriteHas(src: string): string {
  let out = '';
  for (let i = 0; i < src.length; i++) {
    const after = skipString(src, i);
    if (after !== i) {
      out += src.slice(i, after);
      i = after - 1;
      continue;
    }
    const call = /^has\s*\(/.exec(src.slice(i, i + 16));
    if (call !== null && !/[\w.]/.test(src[i - 1] ?? '')) {
      const open = i + call[0].length - 1;
      const close = closing(src, open);
      if (close > 0) {
        const inner = rewriteHas(src.slice(open + 1, close));
        const split = ID_CHAIN.test(inner) ? null : LAST_FIELD.exec(inner);
        out += split === null ? `has(${inner})` : `k8sHasField(${split[1]}, "${split[2]}")`;
        i = close;
        continue;
      }
    }
    out += src[i];
  }
  return out;
}

/** `has(x.f)` for an `x` that is not an identifier chain; no such overload on scalars. */
export function hasField(target: unknown, field: string): boolean {
  if (target instanceof Map) return target.has(field);
  if (typeof target === 'object' && target !== null && !Array.isArray(target)) return Object.hasOwn(target, field);
  throw new Error(`no such overload: has() on ${Array.isArray(target) ? 'a list' : typeof target}`);
}

interface AstNode { op: string; args: unknown }

/** `s.matches(re)` and `matches(s, re)` -> the RE2-translating overloads. */
export function useRe2(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const { op, args } = node as AstNode;
  if ((op === 'rcall' || op === 'call') && Array.isArray(args) && args[0] === 'matches') args[0] = 're2Matches';
  if (Array.isArray(args)) {
    for (const arg of args) {
      if (Array.isArray(arg)) for (const item of arg) Array.isArray(item) ? item.forEach(useRe2) : useRe2(item);
      else useRe2(arg);
    }
  }
}
