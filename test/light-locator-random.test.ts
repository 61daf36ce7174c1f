/**
 * A randomized differential check of the light locator: generated block-style documents (nested
 * maps and sequences, every scalar style, comments, one-line flow collections), every node path of
 * each compared with the composed document. Seeded, so a failure reproduces.
 */
import jsyaml from 'js-yaml';
import { expect, it } from 'vitest';
import type { Path } from '../src/model.js';
import { ComposedFile } from '../src/positions-compose.js';
import { PositionResolver } from '../src/positions.js';

/** A small deterministic generator (mulberry32). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCALARS = ['web', 'a b c', '"quoted: x"', "'it''s'", '80', 'http://x:8080/y', '{a: 1, b: [x, "y"]}', '[]', '~', 'x#y'];
const KEYS = ['name', 'image', '"quoted key"', "'single'", 'app.kubernetes.io/name', 'a-b'];

function generate(next: () => number, depth: number, indent: number): string[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  const seq = next() < 0.35;
  const count = 1 + Math.floor(next() * 3);
  for (let i = 0; i < count; i++) {
    if (next() < 0.1) lines.push(`${pad}# comment ${i}`);
    const head = seq ? `${pad}- ` : `${pad}${KEYS[i]}:`;
    const roll = next();
    if (depth > 0 && roll < 0.35) {
      if (seq && next() < 0.5) {
        const [first, ...rest] = generate(next, depth - 1, indent + 2);
        lines.push(`${head}${first.trimStart()}`, ...rest);
      } else {
        lines.push(seq ? `${pad}-` : head, ...generate(next, depth - 1, indent + (seq || next() < 0.7 ? 2 : 0)));
      }
    } else if (roll < 0.45) {
      lines.push(`${head}${seq ? '' : ' '}|${next() < 0.5 ? '-' : ''}`, `${pad}  line one`, '', `${pad}    line two  `);
    } else if (roll < 0.5 && !seq) {
      lines.push(head);
    } else {
      lines.push(`${head}${seq ? '' : ' '}${pick(SCALARS)}${next() < 0.2 ? '  # note' : ''}`);
    }
  }
  return lines;
}

function paths(value: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix, [...prefix, 'missing']];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...paths(item, [...prefix, i])));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

it('finds what yaml finds in generated documents', () => {
  const next = random(14);
  let located = 0;
  for (let n = 0; n < 300; n++) {
    const text = `---\n${generate(next, 3, 0).join('\n')}\n`;
    const file = { path: `generated-${n}.yaml`, text };
    const positions = new PositionResolver(file);
    const composed = new ComposedFile(positions);
    let value: unknown;
    try {
      value = jsyaml.load(text);
    } catch {
      continue; // a generated map at its parent's indentation, say: not a manifest
    }
    for (const path of paths(value)) {
      for (const key of [false, true]) {
        const ref = { file, docIndex: 0, path, key };
        const light = positions.locate(ref);
        if (light) located++;
        if (light) expect(light, `${text}\n${JSON.stringify(path)}${key ? ' (key)' : ''}`).toEqual(composed.resolve(ref));
      }
    }
  }
  expect(located).toBeGreaterThan(3000);
});
