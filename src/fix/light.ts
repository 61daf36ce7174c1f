/**
 * Fix text from the light locator's ranges, without composing the document with `yaml`: the edits
 * that touch one scalar or one key (`replace` of a scalar by a scalar, `quote`, `renameKey`) where
 * the light locator reads the document. It finds the same ranges as `yaml` (light-locator.ts), so
 * the text is the same as resolve.ts would make; anything else is declined and left to resolve.ts.
 */
import { followLight } from '../light-locator.js';
import type { PositionResolver } from '../positions.js';
import type { Edit } from './edits.js';
import { scalarText, type DocumentText, type Piece } from './verify.js';

/** The quoting of the one-line scalar or key starting at `at`; undefined for a block scalar or a collection. */
function styleAt(text: string, at: number): '"' | "'" | '' | undefined {
  const c = text[at];
  if (c === '"' || c === "'") return c;
  return c === '|' || c === '>' || c === '{' || c === '[' ? undefined : '';
}

/** The piece of text that does `e`, or undefined when the light locator cannot tell (resolve.ts decides). */
export function lightPiece(e: Edit, positions: PositionResolver, doc: DocumentText): Piece | undefined {
  const tree = positions.tree(e.at.docIndex);
  const found = tree && followLight(tree, e.at.path);
  if (!found) return undefined;
  const { node, pair } = found;
  const text = doc.text;
  const scalar = !node.pairs && !node.items && !node.empty && node.end !== undefined;
  switch (e.op) {
    case 'quote': {
      if (!scalar || styleAt(text, node.start) !== '') return undefined;
      const source = text.slice(node.start, node.end);
      return { range: [node.start, node.end!], text: JSON.stringify(source), source };
    }
    case 'replace': {
      const quote = scalar ? styleAt(text, node.start) : undefined;
      if (quote === undefined || (e.value !== null && typeof e.value === 'object')) return undefined;
      return { range: [node.start, node.end!], text: scalarText(doc.json, e.value, quote) };
    }
    case 'renameKey': {
      const quote = pair && styleAt(text, pair.keyStart);
      if (quote === undefined) return undefined;
      return { range: [pair!.keyStart, pair!.keyEnd], text: scalarText(doc.json, e.key, quote) };
    }
    default:
      return undefined;
  }
}
