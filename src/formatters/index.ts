/** Results in, text out. Each formatter is loaded only when chosen, to keep start-up small. */
import path from 'node:path';
import type { LintResult } from '../model.js';

export interface RuleMetaForFormatters {
  readonly id: string;
  readonly description: string;
  readonly docsUrl: string;
  readonly severity: 'warn' | 'error';
  /** The rule's docs (`why`: the evidence, `fix`: what to do): SARIF puts them in the rule's help. */
  readonly docs?: { readonly why: string; readonly fix: string };
}

export interface FormatContext {
  readonly cwd: string;
  readonly rules: readonly RuleMetaForFormatters[];
}

export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;

const FORMATTERS: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish.js')).default,
  json: async () => (await import('./json.js')).default,
  sarif: async () => (await import('./sarif.js')).default,
  github: async () => (await import('./github.js')).default,
  junit: async () => (await import('./junit.js')).default,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);

export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  return FORMATTERS[name]?.();
}

/** The path the CLI gives a stdin result unless `--stdin-filename` names it. */
export const STDIN_PATH = '<stdin>';

/**
 * A result's path as CI systems want it: relative to `cwd` (the repository root in CI) with `/`
 * separators. `<stdin>` stays as it is; a file outside `cwd` keeps its absolute path (with `/`).
 */
export function displayPath(filePath: string, cwd: string): string {
  if (filePath === STDIN_PATH) return filePath;
  const absolute = path.resolve(cwd, filePath);
  const relative = path.relative(cwd, absolute);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  return (outside ? absolute : relative).split(path.sep).join('/');
}
