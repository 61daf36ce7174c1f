/**
 * Fixes as data. A rule describes what to change in terms of YAML nodes (`resource.node(...)`);
 * src/fix/resolve.ts turns that into text edits, and only after checking that the edited document
 * parses to exactly the intended value. Rules never write text.
 */
import type { NodeRef, Path } from '../model.js';

export type { TextEdit } from '../model.js';

/** A value a fix writes: rendered as YAML in the style of the surrounding document. */
export type FixValue = string | number | boolean | null | readonly FixValue[] | { readonly [key: string]: FixValue };

export type Edit =
  /** Make a plain scalar a string with the same text (`yes` -> `"yes"`, `0755` -> `"0755"`). */
  | { readonly op: 'quote'; readonly at: NodeRef }
  /** Replace the value at `at` (a scalar by a scalar, a block collection by a collection). */
  | { readonly op: 'replace'; readonly at: NodeRef; readonly value: FixValue }
  /** Rename the key of the entry at `at`, keeping its value (and the comments in it). */
  | { readonly op: 'renameKey'; readonly at: NodeRef; readonly key: string }
  /** Replace the entry at `at` (key and value) by `key: value`, in the same place. */
  | { readonly op: 'replaceEntry'; readonly at: NodeRef; readonly key: string; readonly value: FixValue }
  /** Add `key: value` to the map at `at`: before the entry `before` when given and present, else last. */
  | { readonly op: 'insertKey'; readonly at: NodeRef; readonly key: string; readonly value: FixValue; readonly before?: string }
  /** Remove the entry at `at` (its whole lines). */
  | { readonly op: 'removeKey'; readonly at: NodeRef };

/** Edit constructors for rules: `report(node, id, data, { fix: [edit.quote(node)] })`. */
export const edit = {
  quote: (at: NodeRef): Edit => ({ op: 'quote', at }),
  replace: (at: NodeRef, value: FixValue): Edit => ({ op: 'replace', at, value }),
  renameKey: (at: NodeRef, key: string): Edit => ({ op: 'renameKey', at, key }),
  replaceEntry: (at: NodeRef, key: string, value: FixValue): Edit => ({ op: 'replaceEntry', at, key, value }),
  insertKey: (at: NodeRef, key: string, value: FixValue, options: { before?: string } = {}): Edit => ({ op: 'insertKey', at, key, value, ...options }),
  removeKey: (at: NodeRef): Edit => ({ op: 'removeKey', at }),
} as const;


type Mutable = Record<string, unknown> | unknown[];

function parentOf(root: unknown, path: Path): Mutable | undefined {
  let node: unknown = root;
  for (const segment of path.slice(0, -1)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return node !== null && typeof node === 'object' ? (node as Mutable) : undefined;
}

const clone = <T>(value: T): T => structuredClone(value);

/**
 * The value a document must parse to after `edits` (its value before is `value`, not modified):
 * the oracle resolve.ts holds each fix's text to. `sourceOf` gives a quoted scalar's source text.
 * Undefined when an edit's path does not exist.
 */
export function applyToValue(value: unknown, edits: readonly Edit[], sourceOf: (edit: Edit) => string | undefined): unknown {
  const root = { doc: clone(value) } as Record<string, unknown>;
  for (const e of edits) {
    const path: Path = ['doc', ...e.at.path];
    const last = path[path.length - 1];
    const parent = parentOf(root, path);
    if (!parent) return undefined;
    const map = parent as Record<string, unknown>;
    switch (e.op) {
      case 'quote': {
        const source = sourceOf(e);
        if (source === undefined) return undefined;
        map[last as string] = source;
        break;
      }
      case 'replace':
        map[last as string] = clone(e.value);
        break;
      case 'insertKey': {
        const target = map[last as string];
        if (target === null || typeof target !== 'object' || Array.isArray(target)) return undefined;
        (target as Record<string, unknown>)[e.key] = clone(e.value);
        break;
      }
      case 'renameKey':
      case 'replaceEntry': {
        const kept = map[last as string];
        delete map[last as string];
        map[e.key] = e.op === 'renameKey' ? kept : clone(e.value);
        break;
      }
      case 'removeKey':
        delete map[last as string];
        break;
    }
  }
  return root.doc;
}
