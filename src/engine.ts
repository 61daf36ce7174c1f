/**
 * The boundary: `lint(inputs, options)` reads, parses, indexes, runs the rules and resolves
 * positions. It always resolves with results; usage problems come back as `errors`.
 */
import { DEFAULT_MAX_FILE_SIZE, readInputs, type FileInput } from './files.js';
import { loadFile, type LoadIssue, type ParsedDocument } from './load.js';
import type { LintMessage, LintResult, Severity, SeverityName, SourceFile } from './model.js';
import type { PositionResolver } from './positions.js';
import { toResources } from './resource.js';
import { ResourceIndex } from './resource-index.js';
import { formatMessage, type Rule } from './rule-api.js';
import { runRules, type Finding } from './runner.js';
import { allRules } from '../rules/index.js';
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
  /** Measure each stage and each rule (`npm run bench`); results in `LintOutput.timings`. */
  readonly profile?: boolean;
}

export interface LintOutput {
  readonly results: LintResult[];
  /** Usage problems (missing paths): the CLI prints them and exits 2. */
  readonly errors: string[];
  /** True when a rule crashed: the CLI exits 2 after printing everything. */
  readonly internalError: boolean;
  /** Milliseconds per stage (`stage:read`, ...) and per rule id, when `profile` is set. */
  readonly timings?: Record<string, number>;
}

const SEVERITY: Record<Exclude<SeverityName, 'off'>, Severity> = { warn: 1, error: 2 };

export function enabledRules(options: LintOptions): Array<{ rule: Rule; severity: Severity; configured: boolean }> {
  const out: Array<{ rule: Rule; severity: Severity; configured: boolean }> = [];
  for (const rule of options.ruleSet ?? allRules) {
    if (options.only && !options.only.includes(rule.id) && rule.id !== yamlSyntax.id) continue;
    const setting = options.rules?.[rule.id] ?? rule.severity;
    if (setting !== 'off') out.push({ rule, severity: SEVERITY[setting], configured: options.rules?.[rule.id] !== undefined });
  }
  return out;
}

export async function lint(inputs: readonly FileInput[], options: LintOptions = {}): Promise<LintOutput> {
  const timings: Record<string, number> | undefined = options.profile ? {} : undefined;
  let mark = performance.now();
  const stage = (name: string) => {
    if (!timings) return;
    const now = performance.now();
    timings[`stage:${name}`] = now - mark;
    mark = now;
  };
  const read = await readInputs(inputs, {
    cwd: options.cwd ?? process.cwd(),
    ignorePatterns: options.ignorePatterns ?? [],
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
  });
  stage('read');
  const documents: ParsedDocument[] = [];
  const issues: LoadIssue[] = [...read.issues];
  for (const file of read.files) {
    const loaded = loadFile(file);
    documents.push(...loaded.documents);
    issues.push(...loaded.issues);
  }
  if (options.freeze) for (const doc of documents) deepFreeze(doc.value);
  stage('parse');
  const rules = enabledRules(options);
  const resources = toResources(documents, options.defaultNamespace ?? 'default');
  const index = new ResourceIndex(resources, issues.length);
  stage('index');
  const findings = runRules(resources, index, {
    unreadableDocuments: issues.length,
    rules,
    kubernetesVersion: options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION,
    timings,
  });
  stage('rules');
  const results = await toResults(read.files, [...issues.map((issue) => issueFinding(issue, rules)).filter(isDefined), ...findings]);
  stage('positions');
  return { results, errors: read.errors, internalError: findings.some((f) => f.ruleId === 'internal-error'), timings };
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

async function toResults(files: readonly SourceFile[], findings: ReadonlyArray<Finding & { range?: LoadIssue }>): Promise<LintResult[]> {
  const byFile = new Map<SourceFile, LintMessage[]>();
  const resolvers = new Map<SourceFile, PositionResolver>();
  // Positions need yaml's document API: loaded only when something is reported.
  const positions = findings.some((f) => f.node) ? await import('./positions.js') : undefined;
  for (const finding of findings) {
    let resolver = resolvers.get(finding.file);
    if (!resolver && finding.node) resolvers.set(finding.file, (resolver = new positions!.PositionResolver(finding.file)));
    const range = finding.range ?? resolver!.resolve(finding.node!);
    const message: LintMessage = {
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      line: range.line,
      column: range.column,
      endLine: range.endLine,
      endColumn: range.endColumn,
      ...(finding.resource ? { resource: finding.resource } : {}),
    };
    const list = byFile.get(finding.file);
    if (list) list.push(message);
    else byFile.set(finding.file, [message]);
  }
  return files.map((file) => {
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
