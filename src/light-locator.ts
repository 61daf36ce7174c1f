/**
 * NodeRef -> text range without composing a YAML document: a scan of the block-style YAML that
 * manifests are written in (indented `key:` lines, `- ` items, plain and quoted one-line scalars,
 * block scalars, one-line flow collections, comments). It finds exactly the range that `yaml`'s
 * node ranges give (see positions-compose.ts), and declines (undefined) whenever it meets anything
 * it does not read with certainty: anchors, aliases, tags, complex keys, multi-line flow
 * collections or plain scalars, tabs in indentation, keys that are not plain strings.
 */
import type { Path } from './model.js';
import type { LightNode, LightPair } from './light-flow.js';
import { Scan } from './light-scan.js';

export type { LightNode } from './light-flow.js';

/** The light tree of the document at [from, to) of `text`, or undefined when the scan declines it. */
export function scanDocument(text: string, from: number, to: number): LightNode | undefined {
  return new Scan(text, from, to).document();
}

/** The range `yaml` gives `path` in a document (its light tree), or undefined when that range is not known. */
export function locateLight(root: LightNode, path: Path, wantKey: boolean): [number, number] | undefined {
  let node = root;
  let pair: LightPair | undefined;
  let complete = true;
  for (const segment of path) {
    let next: LightPair | LightNode | undefined;
    if (node.pairs) next = node.pairs.find((p) => p.key === String(segment));
    else if (node.items && typeof segment === 'number') next = node.items[segment];
    if (!next) {
      complete = false;
      break;
    }
    if ('value' in next) {
      pair = next;
      node = next.value;
    } else {
      pair = undefined;
      node = next;
    }
  }
  if (pair && (!complete || wantKey || node.empty)) return [pair.keyStart, pair.keyEnd];
  if (node.empty || node.end === undefined) return undefined;
  return [node.start, node.end];
}

/** The node at `path` and the entry holding it (when its last step is a map key); undefined unless every step exists. */
export function followLight(root: LightNode, path: Path): { node: LightNode; pair?: LightPair } | undefined {
  let node = root;
  let pair: LightPair | undefined;
  for (const segment of path) {
    if (node.pairs) {
      pair = node.pairs.find((p) => p.key === String(segment));
      if (!pair) return undefined;
      node = pair.value;
    } else if (node.items && typeof segment === 'number' && segment < node.items.length) {
      pair = undefined;
      node = node.items[segment];
    } else {
      return undefined;
    }
  }
  return { node, pair };
}
