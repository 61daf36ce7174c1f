/**
 * Inline suppressions, applied after rules run and only to files that have findings:
 * - comments `# k8s-lint-disable-next-line a, b -- reason`, `# k8s-lint-disable-line ...` and
 *   `# k8s-lint-disable ...` / `# k8s-lint-enable ...` ranges, which end with their YAML document;
 *   no rule list means every rule;
 * - the object annotation `k8s-lint/ignore: "a,b -- reason"` (every finding on that object).
 * Helm's `# Source: chart/templates/x.yaml` comments attribute findings to their template.
 * Comments are found with `yaml`'s Lexer (never inside strings or block scalars), loaded lazily.
 */
import { createRequire } from 'node:module';
import { closest } from './k8s/suggest.js';
import type { LintMessage, Severity } from './model.js';
import type { Resource } from './resource.js';
import { INTERNAL_ERROR, type Finding } from './runner.js';

export const UNUSED_DIRECTIVE = 'unused-disable-directive';
export const IGNORE_ANNOTATION = 'k8s-lint/ignore';
const UNSUPPRESSIBLE = new Set([UNUSED_DIRECTIVE, INTERNAL_ERROR]);
const DIRECTIVE = /^#\s*k8s-lint-(disable-next-line|disable-line|disable|enable)(?=\s|$)(.*)$/;
const SOURCE = /^#\s*Source:\s*(\S.*?)\s*$/;
const CONTROL = new Set(['\u0002', '\u0018', '\u001f']);

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable' | 'enable';

export interface RuleList {
  /** Undefined: every rule. */
  readonly rules: readonly string[] | undefined;
  readonly reason?: string;
}

export interface Directive extends RuleList {
  readonly kind: DirectiveKind;
  readonly line: number;
  readonly column: number;
  readonly endColumn: number;
  /** The YAML document (by `---` lines) the comment is in. */
  readonly segment: number;
}

export interface CommentScan {
  readonly directives: Directive[];
  /** Line on which each document starts. */
  readonly segmentStarts: number[];
  /** Helm `# Source:` template path by document. */
  readonly sources: Map<number, string>;
}

/** `a, b -- reason` -> rules `a`, `b` and the reason; `-- reason` alone -> every rule. */
export function parseRuleList(text: string): RuleList {
  const dashes = /(?:^|\s)--(?:\s|$)/.exec(text);
  const list = dashes ? text.slice(0, dashes.index) : text;
  const reason = dashes ? text.slice(dashes.index + dashes[0].length).trim() : undefined;
  const rules = list.split(/[\s,]+/).filter((r) => r !== '');
  return { rules: rules.length > 0 ? rules : undefined, ...(reason ? { reason } : {}) };
}

function segmentOf(starts: readonly number[], line: number): number {
  let segment = 0;
  while (segment + 1 < starts.length && starts[segment + 1] <= line) segment++;
  return segment;
}

export function scanComments(input: string): CommentScan {
  const { Lexer } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const segmentStarts = [1];
  const directives: Directive[] = [];
  const sources = new Map<number, string>();
  let line = 1;
  let column = 1;
  for (const token of new Lexer().lex(text)) {
    if (token.length === 1 && CONTROL.has(token)) continue;
    if ((token === '---' || token === '...') && column === 1) {
      const start = token === '---' ? line : line + 1;
      if (start > segmentStarts[segmentStarts.length - 1]) segmentStarts.push(start);
    } else if (token[0] === '#') {
      const comment = token.trimEnd();
      const directive = DIRECTIVE.exec(comment);
      const segment = segmentStarts.length - 1;
      if (directive) {
        const endColumn = column + comment.length;
        directives.push({ kind: directive[1] as DirectiveKind, ...parseRuleList(directive[2]), line, column, endColumn, segment });
      }
      const source = SOURCE.exec(comment);
      if (source && !sources.has(segment)) sources.set(segment, source[1]);
    }
    const newline = token.lastIndexOf('\n');
    if (newline === -1) column += token.length;
    else {
      for (let i = token.indexOf('\n'); i !== -1; i = token.indexOf('\n', i + 1)) line++;
      column = token.length - newline;
    }
  }
  return { directives, segmentStarts, sources };
}

/** Whether a file's text may hold directives or Helm sources (the cheap test before lexing). */
export function mayHaveComments(text: string): boolean {
  return text.includes('k8s-lint-') || text.includes('# Source:');
}

export interface SuppressOptions {
  /** Apply `k8s-lint-*` comments and the annotation (`--no-inline-config` turns it off). */
  readonly inlineConfig: boolean;
  readonly reportUnused: boolean;
  readonly ruleIds: readonly string[];
}

const covers = (list: RuleList, ruleId: string) => list.rules === undefined || list.rules.includes(ruleId);

/** The directive that suppresses a finding of `ruleId` at `line`:`column`, if any. */
function suppressor(directives: readonly Directive[], segment: number, message: LintMessage): Directive | undefined {
  let all: Directive | undefined;
  const except = new Set<string>();
  const byRule = new Map<string, Directive>();
  for (const d of directives) {
    if (d.kind === 'disable-line' && d.line === message.line && covers(d, message.ruleId)) return d;
    if (d.kind === 'disable-next-line' && d.line + 1 === message.line && covers(d, message.ruleId)) return d;
    if (d.segment !== segment || (d.kind !== 'disable' && d.kind !== 'enable')) continue;
    if (d.line > message.line || (d.line === message.line && d.column > message.column)) continue;
    if (d.kind === 'disable' && d.rules === undefined) {
      all = d;
      except.clear();
    } else if (d.kind === 'disable') {
      for (const rule of d.rules!) {
        byRule.set(rule, d);
        except.delete(rule);
      }
    } else if (d.rules === undefined) {
      all = undefined;
      except.clear();
      byRule.clear();
    } else {
      for (const rule of d.rules) {
        byRule.delete(rule);
        if (all) except.add(rule);
      }
    }
  }
  return byRule.get(message.ruleId) ?? (all && !except.has(message.ruleId) ? all : undefined);
}

function unusedMessage(subject: string, rules: readonly string[] | undefined, used: ReadonlySet<string>, ruleIds: readonly string[]): string[] {
  if (rules === undefined) return used.size > 0 ? [] : [`${subject} suppresses no finding, so remove it`];
  return rules
    .filter((rule) => !used.has(rule))
    .map((rule) => {
      if (ruleIds.includes(rule)) return `${subject} suppresses no \`${rule}\` finding, so remove \`${rule}\` from it`;
      const near = closest(rule, ruleIds);
      return `${subject} names unknown rule \`${rule}\`${near ? `; did you mean \`${near}\`?` : ''}`;
    });
}

/** Applies the comments of one file to its positioned messages; adds `unused-disable-directive` warnings. */
export function applyComments(text: string, messages: readonly LintMessage[], options: SuppressOptions): LintMessage[] {
  const scan = scanComments(text);
  const used = new Map<Directive, Set<string>>(scan.directives.map((d) => [d, new Set()]));
  const out: LintMessage[] = [];
  for (const message of messages) {
    const segment = segmentOf(scan.segmentStarts, message.line);
    const by = options.inlineConfig && !UNSUPPRESSIBLE.has(message.ruleId) ? suppressor(scan.directives, segment, message) : undefined;
    if (by) {
      used.get(by)!.add(message.ruleId);
      continue;
    }
    const source = scan.sources.get(segment);
    out.push(source && !message.message.includes(source) ? { ...message, message: `${message.message} (from ${source})` } : message);
  }
  if (options.inlineConfig && options.reportUnused) {
    for (const d of scan.directives) {
      if (d.kind === 'enable') continue;
      for (const message of unusedMessage(`\`k8s-lint-${d.kind}\``, d.rules, used.get(d)!, options.ruleIds)) {
        out.push({ ruleId: UNUSED_DIRECTIVE, severity: 1 as Severity, message, line: d.line, column: d.column, endLine: d.line, endColumn: d.endColumn });
      }
    }
  }
  return out;
}

/** The `k8s-lint/ignore` annotation of an object, parsed. */
export function ignoreAnnotation(resource: Resource): RuleList | undefined {
  const metadata = (resource.value as { metadata?: { annotations?: unknown } }).metadata;
  const annotations = metadata?.annotations as Record<string, unknown> | undefined;
  const value = annotations && typeof annotations === 'object' ? annotations[IGNORE_ANNOTATION] : undefined;
  return typeof value === 'string' ? parseRuleList(value) : undefined;
}

/** Drops findings on objects whose annotation names their rule; reports annotations that drop nothing. */
export function applyAnnotations(findings: readonly Finding[], resources: readonly Resource[], options: SuppressOptions): Finding[] {
  if (!options.inlineConfig) return [...findings];
  const parsed = new Map<Resource, RuleList | undefined>();
  const used = new Map<Resource, Set<string>>();
  const kept = findings.filter((finding) => {
    const target = finding.target;
    if (!target || UNSUPPRESSIBLE.has(finding.ruleId)) return true;
    if (!parsed.has(target)) parsed.set(target, ignoreAnnotation(target));
    const list = parsed.get(target);
    if (!list || !covers(list, finding.ruleId)) return true;
    let set = used.get(target);
    if (!set) used.set(target, (set = new Set()));
    set.add(finding.ruleId);
    return false;
  });
  if (!options.reportUnused) return kept;
  for (const resource of resources) {
    if (resource.file.contextOnly) continue;
    const list = parsed.has(resource) ? parsed.get(resource) : ignoreAnnotation(resource);
    if (!list) continue;
    const subject = `\`${IGNORE_ANNOTATION}\` on ${resource.kind} \`${resource.name}\``;
    for (const message of unusedMessage(subject, list.rules, used.get(resource) ?? new Set(), options.ruleIds)) {
      const node = resource.node('metadata', 'annotations', IGNORE_ANNOTATION);
      kept.push({ ruleId: UNUSED_DIRECTIVE, severity: 1, message, file: resource.file, node, resource: resource.id, target: resource });
    }
  }
  return kept;
}
