/** Results in, text out. Each formatter is loaded only when chosen, to keep start-up small. */
import type { LintResult } from '../model.js';

export interface RuleMetaForFormatters {
  readonly id: string;
  readonly description: string;
  readonly docsUrl: string;
  readonly severity: 'warn' | 'error';
}

export interface FormatContext {
  readonly cwd: string;
  readonly rules: readonly RuleMetaForFormatters[];
}

export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;

const FORMATTERS: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import('./stylish.js')).default,
  json: async () => (await import('./json.js')).default,
};

export const FORMAT_NAMES = Object.keys(FORMATTERS);

export async function loadFormatter(name: string): Promise<Formatter | undefined> {
  return FORMATTERS[name]?.();
}
