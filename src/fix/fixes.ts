/**
 * Findings -> the text edits of their fixes and suggestions, each checked (verify.ts) before it is
 * offered. An edit the light locator reads is made from its ranges (light.ts); only a fix it
 * declines loads `yaml` and composes its document (resolve.ts). Loaded only when a finding carries a fix.
 */
import type { LintSuggestion, SourceFile } from '../model.js';
import { PositionResolver } from '../positions.js';
import type { ComposedFile } from '../positions-compose.js';
import type { Finding } from '../runner.js';
import type { Edit, TextEdit } from './edits.js';
import { lightPiece } from './light.js';
import type { FixResolver } from './resolve.js';
import { checkedEdit, documentBefore, isJsonText, type Piece } from './verify.js';

export type ResolvedFixes = Map<Finding, { fix?: TextEdit; suggestions?: LintSuggestion[] }>;

/** The text edits of each finding's fix and suggestions; a fix that cannot be made safely is left out. */
export async function resolveFixes(
  findings: readonly Finding[],
  resolvers = new Map<SourceFile, ComposedFile>(),
  scanned = new Map<SourceFile, PositionResolver>(),
): Promise<ResolvedFixes> {
  const positions = new Map(scanned);
  for (const [file, composed] of resolvers) positions.set(file, composed.positions);
  const before = new Map<string, unknown>();
  let composing: FixResolver | undefined;
  const resolve = async (edits: readonly Edit[]): Promise<TextEdit | undefined> => {
    const light = lightEdit(edits, positions, before);
    if (light !== 'declined') return light;
    composing ??= new (await import('./resolve.js')).FixResolver(resolvers, before);
    return composing.resolve(edits);
  };
  const out: ResolvedFixes = new Map();
  for (const finding of findings) {
    const fix = finding.fix && (await resolve(finding.fix));
    const suggestions: LintSuggestion[] = [];
    for (const { desc, fix: edits } of finding.suggestions ?? []) {
      const resolved = await resolve(edits);
      if (resolved) suggestions.push({ desc, fix: resolved });
    }
    out.set(finding, { ...(fix ? { fix } : {}), ...(suggestions.length > 0 ? { suggestions } : {}) });
  }
  return out;
}

/** `edits` as one checked edit from the light locator's ranges; 'declined' when it cannot read one of them. */
export function lightEdit(edits: readonly Edit[], positions: Map<SourceFile, PositionResolver>, before: Map<string, unknown>): TextEdit | undefined | 'declined' {
  if (edits.length === 0) return undefined;
  const { file, docIndex } = edits[0].at;
  if (edits.some((e) => e.at.file !== file || e.at.docIndex !== docIndex)) return undefined;
  let resolver = positions.get(file);
  if (!resolver) positions.set(file, (resolver = new PositionResolver(file)));
  const span = resolver.span(docIndex);
  if (!span) return 'declined';
  const doc = { text: resolver.text, offset: span.offset, end: span.end, json: isJsonText(file.path, resolver.text) };
  const pieces: Piece[] = [];
  for (const e of edits) {
    const piece = lightPiece(e, resolver, doc);
    if (!piece) return 'declined';
    pieces.push(piece);
  }
  return checkedEdit(doc, documentBefore(before, doc, file, docIndex), edits, pieces);
}
