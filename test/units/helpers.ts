/** Real-repository runs for the rendering tests: the fetched helm and kubectl, temporary copies. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { lint, type LintOptions } from '../../src/engine.js';
import type { RenderSettings } from '../../src/units/index.js';
import { SHARED_ROOT } from '../helpers/shared.js';
import { ROOT } from '../helpers/test-rule.js';

/** Filled by the vitest globalSetup (scripts/fetch-tools.mjs). */
export const TOOLS = path.join(ROOT, '.cache', 'tools');
export const SHARED = path.join(SHARED_ROOT, 'real-repos');

export function copyOf(source: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-repo-'));
  cpSync(source, dir, { recursive: true });
  return dir;
}

/** Replaces `from` (which must occur) by `to` in `file`; returns the 1-based line of the change. */
export function edit(file: string, from: string, to: string): number {
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(from);
  if (at === -1) throw new Error(`${from} is not in ${file}`);
  writeFileSync(file, text.slice(0, at) + to + text.slice(at + from.length));
  return text.slice(0, at).split('\n').length;
}

export async function lintRepo(dir: string, render: Partial<RenderSettings> = {}, options: LintOptions = {}) {
  const output = await lint([{ path: dir }], { cwd: dir, ...options, render: { mode: 'require', searchPath: TOOLS, ...render } });
  const messages = output.results.flatMap((r) => r.messages.map((m) => ({ ...m, file: path.relative(dir, r.filePath) })));
  return { ...output, messages };
}
