/**
 * The boundary: `lint(inputs, options)` reads, parses, indexes, runs the rules and resolves
 * positions. It always resolves with results; usage problems come back as `errors`.
 */
import type { Override } from './config.js';
import { DEFAULT_MAX_FILE_SIZE, readInputs, type FileInput } from './files.js';
import { loadFile, type LoadIssue, type ParsedDocument } from './load.js';
import type { LintCache } from './lint-cache.js';
import type { LintMessage, LintResult, Range, Severity, SeverityName, SourceFile } from './model.js';
import type { PositionResolver } from './positions.js';
import { enabledByOverride, settle } from './overrides.js';
import { toResources, type Resource } from './resource.js';
import { parseExternal, ResourceIndex, type ExternalObject } from './resource-index.js';
import { formatMessage, type Rule } from './rule-api.js';
import { INTERNAL_ERROR, runRules, type Finding } from './runner.js';
import { applyAnnotations, applyComments, mayHaveComments, type SuppressOptions } from './suppressions.js';
import { allRules } from '../rules/index.js';
import { isBuiltInGroup, parseKubernetesVersion } from './k8s/api-deprecations.js';
import { objectSchema } from './schema-validate.js';
import { isApiServerObject } from './k8s/names.js';
import yamlSyntax from '../rules/yaml-syntax.js';

export const DEFAULT_KUBERNETES_VERSION = '1.35';

export interface LintOptions {
  readonly cwd?: string;
  readonly defaultNamespace?: string;
  readonly kubernetesVersion?: string;
  readonly ignorePatterns?: readonly string[];
  readonly maxFileSize?: number;
  /** Severity overrides by rule id. */
  readonly rules?: Readonly<Record<string, SeverityName>>;
  /** The rules to run instead of every built-in rule (tests). */
  readonly ruleSet?: readonly Rule[];
  /** Run only these rules (tests); others are off. */
  readonly only?: readonly string[];
  /** Deep-freeze parsed values before rules run (tests prove rules never mutate them). */
  readonly freeze?: boolean;
  /** Resolve positions of many files in a worker thread too (default true; tests compare both). */
  readonly positionWorkers?: boolean;
  /** Measure each stage and each rule (`npm run bench`); results in `LintOutput.timings`. */
  readonly profile?: boolean;
  /** Configuration `overrides`: severities by file glob or object kind/namespace/name. */
  readonly overrides?: readonly Override[];
  /** Folder the configuration's globs (`ignore`, `overrides[].files`) are relative to (default: cwd). */
  readonly configDir?: string;
  /** Configuration `ignore` globs, relative to `configDir`. */
  readonly ignore?: readonly string[];
  /** Kinds (`Kind` or `group/Kind`) whose objects are indexed but not checked. */
  readonly skipKinds?: readonly string[];
  /** Objects that exist outside the manifests: `Kind/namespace/name`, globs allowed. */
  readonly external?: readonly string[];
  /** Apply `k8s-lint-disable` comments and `k8s-lint/ignore` annotations (default true). */
  readonly inlineConfig?: boolean;
  /** Report suppressions that suppress nothing as `unused-disable-directive` warnings. */
  readonly reportUnusedDisableDirectives?: boolean;
  /** Rules treat objects of unknown kinds as errors (`--reject-unknown-kinds`). */
  readonly rejectUnknownKinds?: boolean;
  /** Called as the run advances (the CLI's progress line). */
  readonly onProgress?: (progress: LintProgress) => void;
  /** Keep unchanged inline files parsed between runs (the language server's in-memory overlay). */
  readonly cache?: LintCache;
  /** Resolve the places rules name as related to a finding (`LintMessage.related`; the editor shows them). */
  readonly related?: boolean;
  /**
   * Apply safe fixes in memory, re-linting up to 10 passes (`--fix`, `--fix-dry-run`): results then
   * report what remains, with `output` for each file a fix changed. Nothing is written here.
   */
  readonly fix?: boolean;
  /** Resolve fixes and suggestions to text edits (default true; the CLI skips them for formats that do not show them). */
  readonly resolveFixes?: boolean;
  /** Texts to lint instead of the files' contents, by absolute path (or a stdin input's path). */
  readonly overlay?: ReadonlyMap<string, string>;
}

export interface LintProgress {
  readonly stage: 'read' | 'parse' | 'check';
  readonly done: number;
  /** Unknown while reading. */
  readonly total?: number;
}

export interface LintOutput {
  readonly results: LintResult[];
  /** Usage problems (missing paths): the CLI prints them and exits 2. */
  readonly errors: string[];
  /** Hints for stderr (Helm charts and kustomizations that were skipped). */
  readonly notices: string[];
  /** True when a rule crashed: the CLI exits 2 after printing everything. */
  readonly internalError: boolean;
  /** Milliseconds per stage (`stage:read`, ...) and per rule id, when `profile` is set. */
  readonly timings?: Record<string, number>;
  /** The files linted, with the text they were linted as. */
  readonly files?: readonly SourceFile[];
  /** Reported findings that carry a safe fix (whether or not it was resolved to text). */
  readonly fixableCount?: number;
}

const SEVERITY: Record<Exclude<SeverityName, 'off'>, Severity> = { warn: 1, error: 2 };

export function enabledRules(options: LintOptions): Array<{ rule: Rule; severity: Severity; configured: boolean }> {
  const out: Array<{ rule: Rule; severity: Severity; configured: boolean }> = [];
  for (const rule of options.ruleSet ?? allRules) {
    if (options.only && !options.only.includes(rule.id) && rule.id !== yamlSyntax.id) continue;
    const setting = options.rules?.[rule.id] ?? rule.severity;
    const override = setting === 'off' ? enabledByOverride(options.overrides, rule.id) : undefined;
    if (override !== undefined && override !== 'off') out.push({ rule, severity: SEVERITY[override], configured: true });
    else if (setting !== 'off') out.push({ rule, severity: SEVERITY[setting], configured: options.rules?.[rule.id] !== undefined });
  }
  return out;
}

export async function lint(inputs: readonly FileInput[], options: LintOptions = {}): Promise<LintOutput> {
  if (options.fix) return (await import('./fix/passes.js')).lintAndFix(inputs, options, lint);
  const timings: Record<string, number> | undefined = options.profile ? {} : undefined;
  let mark = performance.now();
  const stage = (name: string) => {
    if (!timings) return;
    const now = performance.now();
    timings[`stage:${name}`] = now - mark;
    mark = now;
  };
  const version = parseKubernetesVersion(options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
  if (!version.ok) return { results: [], errors: [version.message], notices: [], internalError: false };
  const cwd = options.cwd ?? process.cwd();
  const progress = options.onProgress;
  const read = await readInputs(inputs, {
    cwd,
    ignorePatterns: options.ignorePatterns ?? [],
    ignore: options.ignore?.length ? { base: options.configDir ?? cwd, patterns: options.ignore } : undefined,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    overlay: options.overlay,
    onFile: progress && ((done) => progress({ stage: 'read', done })),
    cache: options.cache,
  });
  stage('read');
  const documents: ParsedDocument[] = [];
  const issues: LoadIssue[] = [...read.issues];
  read.files.forEach((file, i) => {
    const loaded = options.cache ? options.cache.load(file) : loadFile(file);
    documents.push(...loaded.documents);
    issues.push(...loaded.issues);
    progress?.({ stage: 'parse', done: i + 1, total: read.files.length });
  });
  if (options.freeze) for (const doc of documents) deepFreeze(doc.value);
  stage('parse');
  const rules = enabledRules(options);
  const errors = [...read.errors];
  const external = parseExternals(options.external ?? [], errors);
  const resources = toResources(documents, options.defaultNamespace ?? 'default');
  const index = new ResourceIndex(resources, issues.length, [...external, ...read.generated]);
  stage('index');
  let findings: Finding[] = runRules(checked(resources, options.skipKinds), index, {
    unreadableDocuments: issues.length,
    rules,
    kubernetesVersion: version.version,
    settings: { rejectUnknownKinds: options.rejectUnknownKinds === true },
    timings,
    onProgress: progress && ((done, total) => progress({ stage: 'check', done, total })),
  });
  stage('rules');
  const internalError = findings.some((f) => f.ruleId === INTERNAL_ERROR);
  findings = [...issues.map((issue) => issueFinding(issue, rules)).filter(isDefined), ...findings];
  const ruleSet = options.ruleSet ?? allRules;
  if (options.overrides?.length) {
    findings = settle(findings, {
      rules: options.rules ?? {},
      overrides: options.overrides,
      base: options.configDir ?? cwd,
      cwd,
      ruleById: new Map(ruleSet.map((rule) => [rule.id, rule])),
    });
  }
  const suppress: SuppressOptions = {
    inlineConfig: options.inlineConfig !== false,
    reportUnused: options.reportUnusedDisableDirectives === true,
    ruleIds: ruleSet.map((rule) => rule.id),
  };
  if (findings.length > 0 || suppress.reportUnused) findings = applyAnnotations(findings, resources, suppress);
  const fixable = new Set<LintMessage>();
  const results = await toResults(read.files, findings, suppress, options.positionWorkers !== false, options.resolveFixes !== false, fixable, options.related === true);
  const fixableCount = fixable.size === 0 ? 0 : results.reduce((n, r) => n + r.messages.filter((m) => fixable.has(m)).length, 0);
  stage('positions');
  const unchecked = options.rejectUnknownKinds ? undefined : uncheckedKinds(resources, index, version.version);
  return { results, errors, notices: unchecked ? [...read.notices, unchecked] : read.notices, internalError, timings, files: read.files, fixableCount };
}

/** The note for custom resources that nothing could validate (no CRD in the run), if any. */
function uncheckedKinds(resources: readonly Resource[], index: ResourceIndex, version: string): string | undefined {
  const kinds = new Map<string, number>();
  for (const resource of resources) {
    if (resource.file.contextOnly || resource.group === '' || isBuiltInGroup(resource.group)) continue;
    if (!resource.group.includes('.') || !isApiServerObject(resource.apiVersion, resource.kind)) continue; // unknown-kind's, or tool config
    if (objectSchema(resource, index, version) !== undefined) continue;
    const key = `${resource.kind} (${resource.apiVersion})`;
    kinds.set(key, (kinds.get(key) ?? 0) + 1);
  }
  if (kinds.size === 0) return undefined;
  const count = [...kinds.values()].reduce((a, b) => a + b, 0);
  const listed = [...kinds.keys()].slice(0, 5).join(', ') + (kinds.size > 5 ? ', ...' : '');
  return `${count} object(s) of custom kinds were not schema-checked, no CustomResourceDefinition for them is among the linted files: ${listed} (add the CRDs, or --reject-unknown-kinds to make this an error)`;
}

function parseExternals(texts: readonly string[], errors: string[]): ExternalObject[] {
  const out: ExternalObject[] = [];
  for (const text of texts) {
    const parsed = parseExternal(text);
    if (typeof parsed === 'string') errors.push(`external object ${parsed}`);
    else out.push(parsed);
  }
  return out;
}

/** The objects rules check: all but `skipKinds` (which stay in the index). */
function checked(resources: Resource[], skipKinds: readonly string[] | undefined): Resource[] {
  if (!skipKinds?.length) return resources;
  const skip = new Set(skipKinds);
  return resources.filter((r) => !skip.has(r.kind) && !skip.has(`${r.group}/${r.kind}`));
}

function deepFreeze(value: unknown): void {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const item of Object.values(value)) deepFreeze(item);
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function issueFinding(issue: LoadIssue, rules: ReturnType<typeof enabledRules>): (Finding & { range: LoadIssue }) | undefined {
  const enabled = rules.find(({ rule }) => rule.id === yamlSyntax.id);
  if (!enabled || issue.file.contextOnly) return undefined;
  const template = (enabled.rule.messages as Record<string, string>)[issue.messageId];
  return { ruleId: 'yaml-syntax', severity: enabled.severity, message: formatMessage(template, issue.data), file: issue.file, range: issue };
}

async function toResults(
  files: readonly SourceFile[],
  findings: ReadonlyArray<Finding & { range?: LoadIssue }>,
  suppress: SuppressOptions,
  workers: boolean,
  resolveFixes: boolean,
  withFix: Set<LintMessage>,
  withRelated: boolean,
): Promise<LintResult[]> {
  const byFile = new Map<SourceFile, LintMessage[]>();
  // Positions need yaml's document API: loaded only when something is reported.
  const located = findings.filter((f) => !f.range && f.node);
  const nodes = located.map((f) => f.node!);
  const relatedNodes = withRelated ? located.flatMap((f) => (f.related ?? []).map((r) => r.node)) : [];
  const resolvers = new Map<SourceFile, PositionResolver>();
  const resolved = nodes.length > 0 ? await (await import('./position-pool.js')).resolveAll([...nodes, ...relatedNodes], workers, resolvers) : [];
  const rangeOf = new Map(located.map((f, i) => [f, resolved[i]]));
  const relatedOf = new Map<Finding, Array<Range & { filePath: string; message: string }>>();
  let next = nodes.length;
  for (const finding of withRelated ? located : []) {
    if (finding.related) relatedOf.set(finding, finding.related.map((r) => ({ filePath: r.node.file.path, message: r.message, ...resolved[next++] })));
  }
  // Fix text needs the same composed documents: resolved only for findings that carry a fix.
  const fixable = resolveFixes ? findings.filter((f) => f.fix || f.suggestions) : [];
  const fixes = fixable.length > 0 ? (await import('./fix/resolve.js')).resolveFixes(fixable, resolvers) : undefined;
  for (const finding of findings) {
    const range = finding.range ?? rangeOf.get(finding)!;
    const related = relatedOf.get(finding);
    const message: LintMessage = {
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      line: range.line,
      column: range.column,
      endLine: range.endLine,
      endColumn: range.endColumn,
      ...(finding.resource ? { resource: finding.resource } : {}),
      ...(related ? { related } : {}),
      ...fixes?.get(finding),
    };
    if (finding.fix) withFix.add(message);
    const list = byFile.get(finding.file);
    if (list) list.push(message);
    else byFile.set(finding.file, [message]);
  }
  // Comment directives and Helm sources: scanned only in files that have findings and may hold them.
  const scanAll = suppress.inlineConfig && suppress.reportUnused;
  for (const file of files) {
    if (file.contextOnly || !mayHaveComments(file.text)) continue;
    const messages = byFile.get(file);
    if (messages || scanAll) byFile.set(file, applyComments(file.text, messages ?? [], suppress));
  }
  return files.filter((file) => !file.contextOnly).map((file) => {
    const messages = (byFile.get(file) ?? []).sort(
      (a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId),
    );
    return {
      filePath: file.path,
      messages,
      errorCount: messages.filter((m) => m.severity === 2).length,
      warningCount: messages.filter((m) => m.severity === 1).length,
    };
  });
}
