/**
 * The boundary: `lint(inputs, options)` reads, parses, indexes, runs the rules and resolves
 * positions. It always resolves with results; usage problems come back as `errors`.
 */
import type { Override } from './config.js';
import { DEFAULT_MAX_FILE_SIZE, readInputs, type FileInput, type ReadFiles } from './files.js';
import { readDocuments, type LoadIssue, type ParsedDocument } from './load.js';
import { sharingStrings } from './yaml11.js';
import type { LintResult, Severity, SeverityName } from './model.js';
import { enabledByOverride, settle } from './overrides.js';
import { addResources, settleNamespaces, type Resource } from './resource.js';
import { parseExternal, ResourceIndex, type ExternalObject } from './resource-index.js';
import { formatMessage, type Rule } from './rule-api.js';
import { hasInternalError, toResults } from './results.js';
import { internalFinding, runRules, type Finding } from './runner.js';
import { applyAnnotations, type SuppressOptions } from './suppressions.js';
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
  /**
   * Called once, before parsing, when the files to lint hold more than LARGE_RUN bytes: the CLI
   * then has V8 favour memory over speed (a million small objects take ~300 MB however stored).
   */
  readonly onLargeRun?: (bytes: number) => void;
}

export const LARGE_RUN = 48 * 1024 * 1024;

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
  const timings: Record<string, number> | undefined = options.profile ? {} : undefined;
  const clock = stopwatch(timings);
  const version = parseKubernetesVersion(options.kubernetesVersion ?? DEFAULT_KUBERNETES_VERSION);
  if (!version.ok) return { results: [], errors: [version.message], notices: [], internalError: false };
  const cwd = options.cwd ?? process.cwd();
  const progress = options.onProgress;
  const read = await readInputs(inputs, {
    cwd,
    ignorePatterns: options.ignorePatterns ?? [],
    ignore: options.ignore?.length ? { base: options.configDir ?? cwd, patterns: options.ignore } : undefined,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    onFile: progress && ((done) => progress({ stage: 'read', done })),
  });
  clock('read');
  const bytes = read.files.reduce((sum, file) => sum + (file.size ?? file.text.length), 0);
  if (bytes > LARGE_RUN) options.onLargeRun?.(bytes);
  const errors = [...read.errors];
  const external = parseExternals(options.external ?? [], errors);
  // Documents, objects and the index live only inside `check`: once it returns, the memory they
  // take (most of a run's) can be reclaimed before positions are resolved.
  const checked = check(read, [...external, ...read.generated], options, version.version, clock);
  const ruleSet = options.ruleSet ?? allRules;
  const suppress: SuppressOptions = {
    inlineConfig: options.inlineConfig !== false,
    reportUnused: options.reportUnusedDisableDirectives === true,
    ruleIds: ruleSet.map((rule) => rule.id),
  };
  const results = await toResults(read.files, checked.findings, suppress, options.positionWorkers !== false);
  clock('positions');
  const internalError = hasInternalError(results);
  const notices = checked.unchecked ? [...read.notices, checked.unchecked] : read.notices;
  return { results, errors, notices, internalError, timings };
}

interface Checked {
  readonly findings: Finding[];
  /** The note on custom resources that nothing could validate. */
  readonly unchecked?: string;
}

/** Parse, index, run the rules, settle severities and apply annotations; each file's failure is contained. */
function check(read: ReadFiles, external: readonly ExternalObject[], options: LintOptions, version: string, clock: Stopwatch): Checked {
  const progress = options.onProgress;
  const rules = enabledRules(options);
  const resources: Resource[] = [];
  const issues: LoadIssue[] = [];
  for (const issue of read.issues) issues.push(issue);
  const crashes: Finding[] = [];
  // Document by document, so that only the objects stay (not every document of a file at once).
  const addObjects = (doc: ParsedDocument) => {
    try {
      addResources(resources, doc);
    } catch (error) {
      crashes.push(internalFinding('reading objects of', error, doc.file, doc.docIndex));
    }
  };
  sharingStrings(() => read.files.forEach((file, i) => {
    try {
      for (const issue of readDocuments(file, addObjects)) issues.push(issue);
    } catch (error) {
      crashes.push(internalFinding('parsing', error, file));
    }
    file.release?.();
    progress?.({ stage: 'parse', done: i + 1, total: read.files.length });
  }));
  if (options.freeze) for (const resource of resources) deepFreeze(resource.value);
  settleNamespaces(resources, options.defaultNamespace ?? 'default');
  clock('parse');
  const unreadable = issues.length + crashes.length;
  const index = new ResourceIndex(resources, unreadable, external, (resource, error) =>
    crashes.push(internalFinding('indexing', error, resource.file, resource.docIndex, resource.basePath)));
  clock('index');
  let findings: Finding[] = runRules(checked(resources, options.skipKinds), index, {
    unreadableDocuments: unreadable,
    rules,
    kubernetesVersion: version,
    settings: { rejectUnknownKinds: options.rejectUnknownKinds === true },
    timings: clock.timings,
    onProgress: progress && ((done, total) => progress({ stage: 'check', done, total })),
  });
  clock('rules');
  const loadFindings: Finding[] = [];
  for (const issue of issues) {
    const finding = issueFinding(issue, rules);
    if (finding) loadFindings.push(finding);
  }
  findings = concat(loadFindings, crashes, findings);
  const ruleSet = options.ruleSet ?? allRules;
  const cwd = options.cwd ?? process.cwd();
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
  const unchecked = options.rejectUnknownKinds ? undefined : uncheckedKinds(resources, index, version);
  return { findings, unchecked };
}

type Stopwatch = ((name: string) => void) & { readonly timings?: Record<string, number> };

/** Records the milliseconds since the previous call under `stage:<name>` (when profiling). */
function stopwatch(timings: Record<string, number> | undefined): Stopwatch {
  let mark = performance.now();
  const clock = (name: string) => {
    if (!timings) return;
    const now = performance.now();
    timings[`stage:${name}`] = now - mark;
    mark = now;
  };
  return Object.assign(clock, { timings });
}

function concat<T>(...lists: T[][]): T[] {
  const out: T[] = [];
  for (const list of lists) for (const item of list) out.push(item);
  return out;
}

/** The note for custom resources that nothing could validate (no CRD in the run), if any. */
function uncheckedKinds(resources: readonly Resource[], index: ResourceIndex, version: string): string | undefined {
  const kinds = new Map<string, number>();
  const hasSchema = (resource: Resource) => {
    try {
      return objectSchema(resource, index, version) !== undefined;
    } catch {
      return true; // schema-violation reports the crash as an internal error on the object
    }
  };
  for (const resource of resources) {
    if (resource.file.contextOnly || resource.group === '' || isBuiltInGroup(resource.group)) continue;
    if (!resource.group.includes('.') || !isApiServerObject(resource.apiVersion, resource.kind)) continue; // unknown-kind's, or tool config
    if (hasSchema(resource)) continue;
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

/** Freezes a value and everything below it (iteratively: depth is the input's). */
function deepFreeze(root: unknown): void {
  const stack = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object' || Object.isFrozen(value)) continue;
    Object.freeze(value);
    for (const item of Object.values(value)) stack.push(item);
  }
}

function issueFinding(issue: LoadIssue, rules: ReturnType<typeof enabledRules>): Finding | undefined {
  const enabled = rules.find(({ rule }) => rule.id === yamlSyntax.id);
  if (!enabled || issue.file.contextOnly) return undefined;
  const template = (enabled.rule.messages as Record<string, string>)[issue.messageId];
  return { ruleId: 'yaml-syntax', severity: enabled.severity, message: formatMessage(template, issue.data), file: issue.file, range: issue };
}
