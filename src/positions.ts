/**
 * NodeRef -> line/column, lazily and only for files that have findings: the common path never pays
 * for a second, position-keeping parse. A scan of line starts splits the file into documents, and
 * the light locator reads the ranges of block-style YAML; only a document it declines is composed
 * with `yaml` (positions-compose.ts, loaded on first need).
 */
import type { NodeRef, Range, SourceFile } from './model.js';
import { locateLight, scanDocument, type LightNode } from './light-locator.js';
import type { ComposedFile } from './positions-compose.js';

export interface Positions {
  /** Parallel to the refs; absent for refs of files that failed. */
  readonly ranges: Array<Range | undefined>;
  /** Files whose positions could not be resolved, with the error. */
  readonly failures: Map<SourceFile, unknown>;
}

/** What positions made of the files fixes will edit, for the fixes to reuse. */
export interface KeptFiles {
  /** The files whose resolvers to keep. */
  readonly files: ReadonlySet<SourceFile>;
  /** Each file's resolver, with the light trees it scanned. */
  readonly scanned: Map<SourceFile, PositionResolver>;
  /** The files whose documents were composed with `yaml`. */
  readonly composed: Map<SourceFile, ComposedFile>;
}

/** The ranges of `refs`, file by file; `keep` receives what was made of the files it names (nothing else is kept). */
export async function resolveAll(refs: readonly NodeRef[], keep?: KeptFiles): Promise<Positions> {
  const byFile = new Map<SourceFile, number[]>();
  refs.forEach((ref, i) => {
    const list = byFile.get(ref.file);
    if (list) list.push(i);
    else byFile.set(ref.file, [i]);
  });
  const ranges: Array<Range | undefined> = new Array(refs.length);
  const failures = new Map<SourceFile, unknown>();
  for (const [file, indexes] of byFile) {
    try {
      const found = await resolveFile(file, indexes.map((i) => refs[i]), keep?.files.has(file) ? keep : undefined);
      indexes.forEach((i, k) => (ranges[i] = found[k]));
    } catch (error) {
      failures.set(file, error);
    }
  }
  return { ranges, failures };
}

/** The ranges of `refs` in one file: by the light locator, else from documents composed with `yaml` (loaded only then). */
async function resolveFile(file: SourceFile, refs: readonly NodeRef[], keep?: KeptFiles): Promise<Range[]> {
  const positions = new PositionResolver(file);
  keep?.scanned.set(file, positions);
  const ranges = refs.map((ref) => positions.locate(ref));
  if (ranges.every((range) => range !== undefined)) return ranges as Range[];
  const { ComposedFile } = await import('./positions-compose.js');
  const composed = new ComposedFile(positions);
  keep?.composed.set(file, composed);
  return ranges.map((range, i) => range ?? composed.resolve(refs[i]));
}

/** A line starting with `---` or `...` and then a space or its end: never content (YAML's c-forbidden). */
const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * Offsets where each document starts, numbered as the loader (js-yaml, or yaml's parser for a file
 * it rejects) numbers them: at every `---`; at the first line of content (not blank, not a comment,
 * not a `%` directive) of a document that starts without one, at the start of the stream or after
 * a `...` end marker (or at what follows that marker on its line); and at a `...` that ends no
 * document, which ends an empty one.
 */
export function documentStarts(text: string): number[] {
  return [...documentStartsOf(text)];
}

/** `documentStarts`, in order, one at a time: positions read no further than the last document they need. */
export function* documentStartsOf(text: string): Generator<number, void> {
  // Its own expression: several files' scans may be under way at once.
  const marker = new RegExp(MARKER);
  let open = false;
  let from = 0;
  for (let match = marker.exec(text); ; match = marker.exec(text)) {
    const to = match ? match.index : text.length;
    const content = open ? -1 : firstContent(text, from, to);
    if (content !== -1) yield content;
    if (!match) return;
    const nl = text.indexOf('\n', match.index);
    from = nl === -1 ? text.length : nl + 1;
    marker.lastIndex = from;
    if (match[0] === '---') {
      yield match.index;
      open = true;
      continue;
    }
    if (!open && content === -1) yield match.index;
    const rest = text.slice(match.index + 3, nl === -1 ? text.length : nl).trim();
    open = rest !== '' && !rest.startsWith('#');
    if (open) yield match.index + 3;
  }
}

/** The start of the first line in [from, to) that holds content, or -1. */
function firstContent(text: string, from: number, to: number): number {
  for (let at = from; at < to; ) {
    let i = at;
    while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
    const c = text[i];
    if (i < to && c !== '#' && c !== '\n' && c !== '\r' && !(c === '%' && i === at)) return at;
    const nl = text.indexOf('\n', i);
    at = nl === -1 ? to : nl + 1;
  }
  return -1;
}

export class PositionResolver {
  /** The document starts read so far; `more` reads on (undefined: not begun, null: all read). */
  private readonly starts: number[] = [];
  private more: Iterator<number, void> | null | undefined;
  /** Each document's light tree, scanned once (null: declined). */
  private readonly trees = new Map<number, LightNode | null>();
  /** The line starts up to `linesTo` (where the search for the next newline resumes). */
  private readonly lineStarts = [0];
  private linesTo = 0;
  /** The file's text without its byte-order mark: offsets (and fix ranges) count from here. */
  readonly text: string;

  constructor(readonly file: SourceFile) {
    this.text = file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text;
  }

  /** Where document `index` starts and ends in `text`. */
  span(index: number): { offset: number; end: number } | undefined {
    if (this.more === undefined) this.more = documentStartsOf(this.text);
    while (this.starts.length <= index + 1 && this.more) {
      const next = this.more.next();
      if (next.done) this.more = null;
      else this.starts.push(next.value);
    }
    const offset = this.starts[index];
    return offset === undefined ? undefined : { offset, end: this.starts[index + 1] ?? this.text.length };
  }

  /** The range of `ref` found by the light locator; undefined when it declines (compose the document). */
  locate(ref: NodeRef): Range | undefined {
    const tree = this.tree(ref.docIndex);
    const found = tree && locateLight(tree, ref.path, ref.key === true);
    return found ? this.toRange(found) : undefined;
  }

  /** The light tree of document `index`, scanned once; undefined when the scan declines it. */
  tree(index: number): LightNode | undefined {
    let tree = this.trees.get(index);
    if (tree === undefined) {
      const span = this.span(index);
      tree = (span && scanDocument(this.text, span.offset, span.end)) ?? null;
      this.trees.set(index, tree);
    }
    return tree ?? undefined;
  }

  /** Text offsets [start, end) -> a 1-based range; trailing whitespace is not part of what we point at. */
  toRange([start, end]: readonly [number, number]): Range {
    let e = end;
    while (e > start + 1 && /\s/.test(this.text[e - 1])) e--;
    const a = this.linePos(start);
    const b = this.linePos(Math.max(e, start + 1));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  /** 1-based line and column of `offset` (binary search over line starts, read as far as needed, once). */
  private linePos(offset: number): { line: number; col: number } {
    // Every line start at or before `offset` is known once each newline before it is.
    while (this.linesTo < offset) {
      const nl = this.text.indexOf('\n', this.linesTo);
      if (nl === -1) {
        this.linesTo = Infinity;
        break;
      }
      this.lineStarts.push(nl + 1);
      this.linesTo = nl + 1;
    }
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, col: offset - this.lineStarts[low] + 1 };
  }
}
