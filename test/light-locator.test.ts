/**
 * The light locator must find exactly the range that composing the document with `yaml` finds, or
 * decline: for every node path of every document of every fixture, and for targeted cases.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFile } from '../src/load.js';
import type { NodeRef, Path, SourceFile } from '../src/model.js';
import { ComposedFile } from '../src/positions-compose.js';
import { PositionResolver, resolveAll } from '../src/positions.js';
import { ROOT } from './helpers/test-rule.js';

const FIXTURES = readdirSync(path.join(ROOT, 'fixtures'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
  .map((e) => path.join(e.parentPath, e.name));

/** Every path of a value, each also as a key, and a path that goes one step past it. */
function refsOf(value: unknown, prefix: Path = []): Array<{ path: Path; key?: boolean }> {
  const out: Array<{ path: Path; key?: boolean }> = [{ path: prefix }, { path: prefix, key: true }, { path: [...prefix, 'not-there'] }];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...refsOf(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...refsOf(v, [...prefix, k]));
  return out;
}

/** Light and composed ranges of every ref of `file`; the number the light locator declined. */
function compare(file: SourceFile): { located: number; declined: number } {
  const positions = new PositionResolver(file);
  const composed = new ComposedFile(positions);
  let located = 0;
  let declined = 0;
  for (const doc of loadFile(file).documents) {
    for (const { path: refPath, key } of refsOf(doc.value)) {
      const ref: NodeRef = { file, docIndex: doc.docIndex, path: refPath, key };
      const light = positions.locate(ref);
      if (!light) {
        declined++;
        continue;
      }
      located++;
      expect(light, `${file.path} #${doc.docIndex} ${JSON.stringify(refPath)}${key ? ' (key)' : ''}`).toEqual(composed.resolve(ref));
    }
  }
  return { located, declined };
}

const at = (text: string, refPath: Path, key?: boolean) => {
  const file = { path: 'case.yaml', text };
  const ref = { file, docIndex: 0, path: refPath, key };
  return { light: new PositionResolver(file).locate(ref), composed: new ComposedFile(new PositionResolver(file)).resolve(ref) };
};

describe('light locator', () => {
  it('finds what yaml finds for every node of every fixture, and reads most of them', () => {
    let located = 0;
    let declined = 0;
    for (const name of FIXTURES) {
      const counts = compare({ path: name, text: readFileSync(name, 'utf8') });
      located += counts.located;
      declined += counts.declined;
    }
    expect(located).toBeGreaterThan(20 * declined);
  });

  it.each([
    ['block maps and sequences, compact and indented', 'a:\n  b: 1\n  c:\n  - x\n  - y: 2\n    z: [1, 2]\nd:\n    - - p\n      - q\n    - r\n', [['a', 'c', 1, 'z', 1], ['d', 0, 1], ['d', 1], ['a', 'b']]],
    ['quoted keys and scalars, comments', '"a": \'x\' # c\n\'b\'\'c\': "y"\n# between\nd: plain text here   # c\n', [['a'], ["b'c"], ['d']]],
    ['block scalars', 'a: |\n  one\n    two  \n\n# after\nb: >-\n  x\n\nc: 1\n', [['a'], ['b'], ['c']]],
    ['one-line flow collections', 'a: {b: 1, "c": [x, {d: "e"}], f: []}\n', [['a', 'c', 1, 'd'], ['a', 'f'], ['a', 'b']]],
    ['empty values point at their keys', 'a:\nb:\n  c:\n# c\nd: 1\n', [['a'], ['b', 'c'], ['b', 'c', 'x']]],
    ['a document after markers and comments', '# head\n---\n# c\nkind: x\n...\n', [['kind']]],
    ['CRLF line ends', 'a:\r\n  b: x\r\n  c: |\r\n    y\r\n', [['a', 'b'], ['a', 'c'], ['a']]],
  ])('reads %s as yaml does', (_, text, paths) => {
    for (const refPath of paths as Path[]) {
      for (const key of [false, true]) {
        const { light, composed } = at(text as string, refPath, key);
        expect(light, JSON.stringify(refPath)).toBeDefined();
        expect(light).toEqual(composed);
      }
    }
  });

  it.each([
    ['anchors and aliases', 'a: &x 1\nb: *x\n', ['b']],
    ['tags', 'a: !!str 1\n', ['a']],
    ['complex keys', '? a\n: 1\n', ['a']],
    ['multi-line flow collections', 'a: {b: 1,\n  c: 2}\n', ['a', 'c']],
    ['multi-line plain scalars', 'a: one\n  two\nb: 1\n', ['b']],
    ['multi-line quoted scalars', 'a: "one\n  two"\nb: 1\n', ['b']],
    ['tabs in indentation', 'a:\n\tb: 1\n', ['a']],
    ['keys that are not strings', '1: a\ntrue: b\n', ['1']],
    ['escapes in keys', '"a\\tb": 1\n', ['a\tb']],
    ['a flow document', '{"a": 1}\n', ['a']],
    ['an explicit indentation indicator', 'a: |2\n   x\n', ['a']],
    ['an empty block scalar', 'a: |\nb: 1\n', ['b']],
  ])('declines %s', (_, text, refPath) => {
    expect(at(text as string, refPath as Path).light).toBeUndefined();
  });

  it('resolves what it declines from the composed document, kept for the fixes', async () => {
    const file = { path: 'mixed.yaml', text: 'a: 1\n---\nb: &x 2\nc: *x\n' };
    const other = { path: 'other.yaml', text: 'd: &y 3\ne: *y\n' };
    const keep = { files: new Set<SourceFile>([file]), scanned: new Map<SourceFile, PositionResolver>(), composed: new Map<SourceFile, ComposedFile>() };
    const refs = [{ file, docIndex: 0, path: ['a'] }, { file, docIndex: 1, path: ['c'] }, { file: other, docIndex: 0, path: ['e'] }];
    const { ranges, failures } = await resolveAll(refs, keep);
    expect(ranges).toEqual([{ line: 1, column: 4, endLine: 1, endColumn: 5 }, { line: 4, column: 4, endLine: 4, endColumn: 6 }, { line: 2, column: 4, endLine: 2, endColumn: 6 }]);
    expect(failures.size).toBe(0);
    expect(keep.composed.get(file)).toBeInstanceOf(ComposedFile);
    expect(keep.scanned.get(file)).toBe(keep.composed.get(file)!.positions);
    // A file no fix edits is not kept: its trees and documents are released as soon as it is done.
    expect([...keep.scanned.keys(), ...keep.composed.keys()]).toEqual([file, file]);
  });
});
