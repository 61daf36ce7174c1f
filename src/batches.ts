/**
 * Text -> batches of whole YAML documents for src/load.ts. js-yaml returns every document of its
 * input at once, so a large file is parsed a batch at a time (about 256 KiB each), and a large file
 * on disk is read a piece at a time: no more than one batch of text is held while parsing.
 *
 * A `---` at the start of a line always starts a document (YAML forbids it inside content), so a
 * batch ends before one; directive lines (`%TAG`) just before it go with the document they belong to.
 */

export interface Batch {
  readonly text: string;
  /** 0-based line of the file on which the batch starts. */
  readonly line: number;
}

const BATCH_SIZE = 256 * 1024;
const DOCUMENT_START = /^---(?=[ \t\r\n]|$)/gm;

/** Where to end the first batch of `text`: before a document that starts past BATCH_SIZE, if any. */
function cut(text: string): number | undefined {
  if (text.length <= BATCH_SIZE) return undefined;
  DOCUMENT_START.lastIndex = BATCH_SIZE;
  const match = DOCUMENT_START.exec(text);
  if (match === null) return undefined;
  // Directives (and comments among them) right before the document belong to it.
  let at = match.index;
  for (let start = at; start > 0; ) {
    const previous = text.lastIndexOf('\n', start - 2) + 1;
    const first = text[previous];
    if (first !== '%' && first !== '#') break;
    if (first === '%') at = previous;
    start = previous;
  }
  return at > 0 ? at : undefined;
}

function countLines(text: string): number {
  let lines = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return lines;
}

/** The batches of a text in memory (one batch when it is small). */
export function textBatches(text: string): Iterable<Batch> {
  return streamBatches([text], false);
}

/** The batches of a text read in pieces (a leading byte-order mark dropped). */
export function* streamBatches(pieces: Iterable<string>, stripBom = true): Generator<Batch> {
  let pending = '';
  let line = 0;
  let first = stripBom;
  for (const piece of pieces) {
    pending += first && piece.charCodeAt(0) === 0xfeff ? piece.slice(1) : piece;
    first = false;
    for (let at = cut(pending); at !== undefined; at = cut(pending)) {
      const head = pending.slice(0, at);
      yield { text: head, line };
      line += countLines(head);
      pending = pending.slice(at);
    }
  }
  yield { text: pending, line };
}
