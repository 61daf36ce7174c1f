/**
 * Fix text from the light locator's ranges (src/fix/light.ts) must be exactly what composing the
 * document with `yaml` makes (src/fix/resolve.ts), or be declined: for every scalar and key of
 * every document of every fixture, for each edit the light path makes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Edit } from '../../src/fix/edits.js';
import { lightEdit } from '../../src/fix/fixes.js';
import { FixResolver } from '../../src/fix/resolve.js';
import { loadFile } from '../../src/load.js';
import type { NodeRef, Path, SourceFile } from '../../src/model.js';
import type { PositionResolver } from '../../src/positions.js';
import { ROOT } from '../helpers/test-rule.js';

const FIXTURES = readdirSync(path.join(ROOT, 'fixtures'), { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && /\.(ya?ml|json)$/.test(e.name))
  .map((e) => path.join(e.parentPath, e.name));

/** Every path of a value that ends at a scalar or at a map entry. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => pathsOf(item, [...prefix, i]));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  return [prefix];
}

/** The edits the light path makes, at `at`, with values of each scalar kind and quoting. */
const editsAt = (at: NodeRef): Edit[] => [
  { op: 'quote', at },
  { op: 'replace', at, value: "it's" },
  { op: 'replace', at, value: 8080 },
  { op: 'renameKey', at, key: 'on' },
];

function compare(file: SourceFile, yaml: FixResolver, light: Map<SourceFile, PositionResolver>, before: Map<string, unknown>) {
  let made = 0;
  let declined = 0;
  for (const doc of loadFile(file).documents) {
    for (const docPath of pathsOf(doc.value)) {
      for (const e of editsAt({ file, docIndex: doc.docIndex, path: docPath })) {
        const fast = lightEdit([e], light, before);
        if (fast === 'declined') {
          declined++;
          continue;
        }
        made++;
        expect(fast, `${file.path} #${doc.docIndex} ${e.op} ${JSON.stringify(docPath)}`).toEqual(yaml.resolve([e]));
      }
    }
  }
  return { made, declined };
}

describe('fix text from the light locator', () => {
  it('is what yaml makes for every scalar and key of every fixture, and is made for most of them', () => {
    let made = 0;
    let declined = 0;
    for (const name of FIXTURES) {
      const counts = compare({ path: name, text: readFileSync(name, 'utf8') }, new FixResolver(), new Map(), new Map());
      made += counts.made;
      declined += counts.declined;
    }
    expect(made).toBeGreaterThan(declined * 3);
  });

  it('joins several edits of one document into one checked edit, as yaml does', () => {
    const file = { path: 'x.yaml', text: "a: 1\nb: 'two'\nc:\n  - \"x\"\n" };
    const edits: Edit[] = [
      { op: 'replace', at: { file, docIndex: 0, path: ['a'] }, value: 2 },
      { op: 'replace', at: { file, docIndex: 0, path: ['b'] }, value: "it's" },
      { op: 'quote', at: { file, docIndex: 0, path: ['c', 0] } },
    ];
    const fast = lightEdit(edits.slice(0, 2), new Map(), new Map());
    expect(fast).toEqual({ range: [3, 13], text: "2\nb: 'it''s'" });
    expect(fast).toEqual(new FixResolver().resolve(edits.slice(0, 2)));
    // A quoted scalar is no plain scalar to quote: the light path declines, yaml refuses.
    expect(lightEdit(edits, new Map(), new Map())).toBe('declined');
    expect(new FixResolver().resolve(edits)).toBeUndefined();
  });

  it('declines what it cannot read (anchors, block scalars, collections), leaving it to yaml', () => {
    const file = { path: 'x.yaml', text: 'a: &x 1\nb: |\n  text\nc: {d: 1}\n' };
    const at = (...p: Path): NodeRef => ({ file, docIndex: 0, path: p });
    expect(lightEdit([{ op: 'replace', at: at('b'), value: 'x' }], new Map(), new Map())).toBe('declined');
    const block = { path: 'y.yaml', text: 'b: |\n  text\nc: {d: 1}\n' };
    const blockAt = (...p: Path): NodeRef => ({ file: block, docIndex: 0, path: p });
    expect(lightEdit([{ op: 'replace', at: blockAt('b'), value: 'x' }], new Map(), new Map())).toBe('declined');
    expect(lightEdit([{ op: 'replace', at: blockAt('c'), value: 'x' }], new Map(), new Map())).toBe('declined');
    expect(lightEdit([{ op: 'replace', at: blockAt('c', 'd'), value: 2 }], new Map(), new Map())).toEqual({ range: [19, 20], text: '2' });
    expect(lightEdit([{ op: 'insertKey', at: blockAt(), key: 'e', value: 1 }], new Map(), new Map())).toBe('declined');
  });
});
