/**
 * `--fix` in memory: lint, apply the safe fixes of every file, lint the fixed texts again (a fix
 * can make another possible, or two fixes overlapped), up to 10 passes as ESLint does. The
 * results describe the last pass; each file a fix changed carries its new text as `output`.
 */
import type { LintOptions, LintOutput } from '../engine.js';
import type { FileInput } from '../files.js';
import { applyFixes } from './apply.js';

export const MAX_FIX_PASSES = 10;

type Lint = (inputs: readonly FileInput[], options: LintOptions) => Promise<LintOutput>;

export async function lintAndFix(inputs: readonly FileInput[], options: LintOptions, lint: Lint): Promise<LintOutput> {
  const passOptions: LintOptions = { ...options, fix: false, resolveFixes: true };
  let output = await lint(inputs, passOptions);
  const original = new Map((output.files ?? []).map((file) => [file.path, file.text]));
  const overlay = new Map(options.overlay ?? []);
  for (let pass = 0; pass < MAX_FIX_PASSES && output.errors.length === 0; pass++) {
    const texts = new Map((output.files ?? []).map((file) => [file.path, file.text]));
    let applied = 0;
    for (const result of output.results) {
      const text = texts.get(result.filePath);
      if (text === undefined || !result.messages.some((m) => m.fix)) continue;
      const fixed = applyFixes(text, result.messages);
      if (fixed.applied === 0) continue;
      overlay.set(result.filePath, fixed.output);
      applied += fixed.applied;
    }
    if (applied === 0) break;
    output = await lint(inputs, { ...passOptions, overlay });
  }
  const results = output.results.map((result) => {
    const text = overlay.get(result.filePath);
    return text !== undefined && text !== original.get(result.filePath) ? { ...result, output: text } : result;
  });
  // `files` keeps the texts as first read: what the fixes were computed against.
  return { ...output, results, files: (output.files ?? []).map((file) => ({ ...file, text: original.get(file.path) ?? file.text })) };
}
