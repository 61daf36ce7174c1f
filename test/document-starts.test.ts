/**
 * Document starts come from a scan of line starts, not a parse: they must agree with yaml's lexer
 * (what positions used before) and with the loader's numbering of documents, on every fixture, every
 * input of the YAML test suite and every file of the real repositories.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { Lexer, Parser } from 'yaml';
import { LOAD_OPTIONS } from '../src/load.js';
import { documentStarts, documentStartsOf, PositionResolver } from '../src/positions.js';
import { ROOT } from './helpers/test-rule.js';

const SHARED = path.join(ROOT, '..', 'shared');
const INPUTS = [path.join(ROOT, 'fixtures'), path.join(SHARED, 'yaml-test-suite', 'cases'), path.join(SHARED, 'real-repos')].flatMap((dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name)),
);

/** What positions used before: yaml's Lexer, `---` tokens and the document-mode tokens before content. */
function lexerStarts(text: string): number[] {
  const starts: number[] = [];
  let offset = 0;
  let pending = -1;
  for (const token of new Lexer().lex(text)) {
    if (token === '\u0002') {
      pending = offset;
      continue;
    }
    if (token === '\u0018' || token === '\u001f') continue;
    if (token === '---') starts.push(offset);
    else if (pending !== -1) starts.push(pending);
    pending = -1;
    offset += token.length;
  }
  if (pending !== -1) starts.push(pending);
  return starts;
}

const texts = INPUTS.map((file) => {
  const text = readFileSync(file, 'utf8');
  return { file, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
});

describe('documentStarts', () => {
  it('finds the documents yaml\'s lexer finds', () => {
    expect(texts.length).toBeGreaterThan(900);
    for (const { file, text } of texts) expect(documentStarts(text), file).toEqual(lexerStarts(text));
  });

  it('numbers documents as the loader does: each slice is the document of that index', () => {
    let compared = 0;
    for (const { file, text } of texts) {
      // Aliases make deep comparison exponential (alias bombs).
      if (text.includes('*') && text.includes('&')) continue;
      const starts = documentStarts(text);
      let values: unknown[];
      try {
        values = jsyaml.loadAll(text, undefined, LOAD_OPTIONS);
      } catch {
        // The loader splits a stream it rejects with yaml's parser, which (unlike its lexer and js-yaml)
        // does not start a document at text after a `...` on its line, itself an error.
        if (/^\.\.\.[ \t]+[^#\s]/m.test(text)) continue;
        expect(starts.length, file).toBe([...new Parser().parse(text)].filter((t) => t.type === 'document').length);
        continue;
      }
      values.forEach((value, i) => {
        if (value === null) return;
        const slice = text.slice(starts[i], starts[i + 1] ?? text.length);
        // A document starts at its `---`: the `%TAG` directives before it are not in the slice.
        if (/^%TAG/m.test(text)) return;
        expect(isDeepStrictEqual(jsyaml.load(slice, LOAD_OPTIONS), value), `${file} #${i}`).toBe(true);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it.each([
    ['a bare document after comments', '# c\na: 1\n', [4]],
    ['directives before a marker', '%YAML 1.2\n---\na: 1\n', [10]],
    ['an end marker, then a bare document', 'a\n...\n# c\nb\n', [0, 10]],
    ['an end marker that ends no document', '...\n---\na\n', [0, 4]],
    ['content after an end marker', 'a\n... b\n', [0, 5]],
    ['markers followed by text are content', '---x: 1\n--- \n...y: 2\n', [0, 8]],
    ['no document', '# only a comment\n\n', []],
  ])('%s', (_, text, starts) => {
    expect(documentStarts(text)).toEqual(starts);
    expect(lexerStarts(text)).toEqual(starts);
  });
});

describe('reading document and line starts only as far as asked', () => {
  const text = (n: number) => Array.from({ length: n }, (_, i) => `# doc ${i}\na${i}:\n  b: ${i}\n`).join('---\n');

  it('gives the same starts when several files are read in turns', () => {
    const [a, b] = [text(5), `x: 1\n...\n${text(3)}`];
    const [first, second] = [documentStartsOf(a), documentStartsOf(b)];
    const [fromA, fromB]: number[][] = [[], []];
    for (let turn = 0; turn < 8; turn++) {
      const next = turn % 2 === 0 ? first.next() : second.next();
      if (!next.done) (turn % 2 === 0 ? fromA : fromB).push(next.value);
    }
    fromA.push(...first);
    fromB.push(...second);
    expect(fromA).toEqual(documentStarts(a));
    expect(fromB).toEqual(documentStarts(b));
    expect(fromA).toHaveLength(5);
  });

  it('places each node the same whatever order documents and lines are asked in', () => {
    const file = { path: 'x.yaml', text: text(40) };
    const refs = [39, 0, 17, 17, 3, 38, 1].map((docIndex) => ({ file, docIndex, path: [`a${docIndex}`, 'b'] }));
    const once = refs.map((ref) => new PositionResolver(file).locate(ref));
    const shared = new PositionResolver(file);
    expect(refs.map((ref) => shared.locate(ref))).toEqual(once);
    expect(once[0]).toEqual({ line: 4 * 39 + 3, column: 6, endLine: 4 * 39 + 3, endColumn: 8 });
    expect(once[1]).toEqual({ line: 3, column: 6, endLine: 3, endColumn: 7 });
    expect(shared.span(40)).toBeUndefined();
    expect(shared.span(39)).toEqual({ offset: file.text.lastIndexOf('---'), end: file.text.length });
    expect(shared.toRange([file.text.length - 1, file.text.length])).toEqual({ line: 159, column: 8, endLine: 160, endColumn: 1 });
  });
});
