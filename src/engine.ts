/**
 * The boundary: `lint(inputs, options)` reads, parses, indexes, runs the rules and resolves
 * positions. It always resolves with results; usage problems come back as `errors`.
 */
import type { Override } from './config.js';
import { DEFAULT_MAX_FILE_SIZE, readInputs, type FileInput } from './files.js';
import { readDocuments, type LoadIssue, type ParsedDocument } from './load.js';
import { sharingStrings } from './yaml11.js';
import type { LintCache } from './lint-cache.js';
import type { LintMessage, LintResult, Severity, SeverityName, SourceFile } from './model.js';
import { enabledByOverride, settle } from './overrides.js';
import { addResources, settleNamespaces, type Resource } from './resource.js';
import { parseExternals, ResourceIndex } from './resource-index.js';
import { formatMessage, type PodSecuritySettings, type Rule } from './rule-api.js';
import { internalFinding, type Finding } from './runner.js';
import { startParallel } from './parallel/index.js';
import { applyAnnotations, type SuppressOptions } from './suppressions.js';
import { hasInternalError, toResults } from './results.js';
import { allRules } from '../rules/index.js';
import { parseKubernetesVersion } from './k8s/api-deprecations.js';
import { loadAdmissionPolicies } from './admission/index.js';
import yamlSyntax from '../rules/yaml-syntax.js';
import { attachFolderDefinitions, loadCrdPaths, prepareCustomResources, uncheckedKindsNote, uncompiledRulesNote } from './crds/index.js';
import type { RenderSettings } from './units/index.js';
import type { RenderedRun } from './units/render-run.js';

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
  /** Configuration `podSecurity` (pod-security-violation). */
  readonly podSecurity?: PodSecuritySettings;
  /** Called as the run advances (the CLI's progress line). */
  readonly onProgress?: (progress: LintProgress) => void;
  /** CustomResourceDefinition files and folders, and JSON-schema catalog folders (`crds:`, `--crds`). */
  readonly crds?: readonly string[];
  /** Render Helm charts and kustomizations found in folders, and units the configuration names. */
  readonly render?: RenderSettings;
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
  /**
   * Called once, before parsing, with the bytes the run will parse: the CLI sizes V8's heap for it
   * (src/cli-heap.ts; a million small objects take ~300 MB however stored).
   */
  readonly onRunSize?: (bytes: number) => void;
  /** Threads a large run may use (default `K8S_LINT_THREADS`, else 2 given 3+ cores); 1 = this one only. */
  readonly threads?: number;
  /** Bytes of files on disk up to which a run keeps their texts after parsing (default KEEP_TEXTS_UP_TO). */
  readonly keepTextsUpTo?: number;
}

/**
 * Files on disk up to this many bytes in all keep their texts once parsed (for positions, comments
 * and fixes); past it, each is released and the files with findings read again (3% of a 100k-object
 * run's time, against 3% of its peak memory), so a large run holds its objects, not its texts too.
 */
export const KEEP_TEXTS_UP_TO = 48 * 1024 * 1024;

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
  /** The deploy units that were checked, by name. */
  readonly units?: readonly string[];
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
  if (options.fix) return (await import('./fix/passes.js')).lintAndFix(inputs, { ...options, threads: 1 }, lint);
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
  const units = options.render && options.render.mode !== 'off' ? await import('./units/index.js') : undefined;
  const tools = units?.renderTools(options.render);
  const read = await readInputs(inputs, {
    tools,
    cwd,
    ignorePatterns: options.ignorePatterns ?? [],
    ignore: options.ignore?.length ? { base: options.configDir ?? cwd, patterns: options.ignore } : undefined,
    maxFileSize: options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    overlay: options.overlay,
    onFile: progress && ((done) => progress({ stage: 'read', done })),
    cache: options.cache,
  });
  stage('read');
  const bytes = read.files.reduce((sum, file) => sum + (file.size ?? file.text.length), 0);
  options.onRunSize?.(bytes);
  const documents: ParsedDocument[] = [];
  const issues: LoadIssue[] = [...read.issues];
  // A failure reading one file (a bug) is an internal-error finding on it; the others go on.
  const crashes: Finding[] = [];
  const resources: Resource[] = [];
  const addObjects = (doc: ParsedDocument) => {
    try {
      addResources(resources, doc);
    } catch (error) {
      crashes.push(internalFinding('reading objects of', error, doc.file, doc.docIndex));
    }
  };
  // Documents are kept only for rendering (it reads the CRDs among them); otherwise each becomes
  // its objects at once, and a run holds its objects only.
  const rendering = units !== undefined && tools !== undefined && (read.projects.charts.length > 0 || read.projects.kustomizations.length > 0);
  const rules = enabledRules(options);
  const settings = { rejectUnknownKinds: options.rejectUnknownKinds === true, podSecurity: options.podSecurity };
  // A worker thread checks part of a large run meanwhile (src/parallel/); it loads while this one parses.
  const parallel = await startParallel(read.files, options, { builtIn: allRules, rules, kubernetesVersion: version.version, settings, bytes, rendering });
  const onDocument = rendering ? (doc: ParsedDocument) => void documents.push(doc) : addObjects;
  // Document by document, strings shared across documents; each text read from disk when parsed.
  const keepTexts = bytes <= (options.keepTextsUpTo ?? KEEP_TEXTS_UP_TO);
  sharingStrings(() => read.files.forEach((file, i) => {
    try {
      if (options.cache) {
        const loaded = options.cache.load(file);
        for (const doc of loaded.documents) onDocument(doc);
        for (const issue of loaded.issues) issues.push(issue);
      } else {
        for (const issue of readDocuments(file, onDocument)) issues.push(issue);
        if (!keepTexts) file.release?.();
      }
    } catch (error) {
      crashes.push(internalFinding('parsing', error, file));
    }
    progress?.({ stage: 'parse', done: i + 1, total: read.files.length });
  }));
  const errors = [...read.errors];
  let renderNotices = read.notices;
  let rendered: RenderedRun | undefined;
  if (units && tools) {
    const missing = units.missingTools(read.projects, tools, options.render!.mode, cwd);
    renderNotices = missing.notices;
    errors.push(...missing.errors);
    if (read.projects.charts.length > 0 || read.projects.kustomizations.length > 0) {
      const { renderInto } = await import('./units/render-run.js');
      rendered = await renderInto(read.projects, documents, issues, { ...options.render!, tools, cwd, kubeVersion: version.version, defaultNamespace: options.defaultNamespace ?? 'default', files: read.files });
      renderNotices = [...renderNotices, ...rendered.notices];
      stage('render');
    }
  }
  for (const doc of documents) addObjects(doc);
  documents.length = 0; // the objects hold the values now
  settleNamespaces(resources, options.defaultNamespace ?? 'default');
  parallel?.adopt(resources);
  if (options.freeze) for (const resource of resources) deepFreeze(resource.value);
  stage('parse');
  const external = [...parseExternals(options.external ?? [], errors), ...read.generated];
  // Objects, indexes and unit runs live only inside `check`: once it returns, the memory they take
  // (most of a large run's) can be reclaimed before positions are resolved.
  const check = async () => {
    const onIndexError = (resource: Resource, error: unknown) =>
      crashes.push(internalFinding('indexing', error, resource.file, resource.docIndex, resource.basePath));
    const index = new ResourceIndex(resources, issues.length + crashes.length, external, onIndexError);
    const folderCrds = options.crds?.length ? await loadCrdPaths(options.crds, cwd) : undefined;
    if (folderCrds) {
      errors.push(...folderCrds.errors);
      attachFolderDefinitions(index, folderCrds.definitions);
    }
    await prepareCustomResources(resources, index);
    stage('index');
    const admission = await loadAdmissionPolicies(index);
    const { checkUnits } = await import('./units/check.js');
    const run = await checkUnits(resources, {
      unreadableDocuments: issues.length,
      rules,
      kubernetesVersion: version.version,
      settings,
      parallel,
      admission: admission?.policies,
      timings,
      onProgress: progress && ((done, total) => progress({ stage: 'check', done, total })),
      cwd,
      explicit: read.explicit,
      fileUnits: options.render?.fileUnits,
      external,
      skipKinds: options.skipKinds,
      prepareIndex: folderCrds && ((unitIndex) => attachFolderDefinitions(unitIndex, folderCrds.definitions)),
      // Reported once, from the run's index above.
      onIndexError: () => {},
      runIndex: index,
    });
    let findings: Finding[] = run.findings;
    stage('rules');
    findings = [...issues.map((issue) => issueFinding(issue, rules)).filter(isDefined), ...crashes, ...findings];
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
    const unchecked = options.rejectUnknownKinds ? undefined : uncheckedKindsNote(resources, index, version.version);
    const notes = [admission?.notice, unchecked, uncompiledRulesNote(resources, index)].filter(isDefined);
    return { findings, unitNames: run.units, suppress, notes };
  };
  const { findings, unitNames, suppress, notes } = await check();
  resources.length = 0; // what the report needs of them, the findings hold
  const showUnits = unitNames.length > 1 || rendered !== undefined;
  const fixable = new Set<LintMessage>();
  const results = await toResults([...read.files, ...(rendered?.files ?? [])], findings, {
    suppress,
    units: { rendered, showUnits },
    resolveFixes: options.resolveFixes !== false,
    withFix: fixable,
    withRelated: options.related === true,
  });
  const fixableCount = fixable.size === 0 ? 0 : results.reduce((n, r) => n + r.messages.filter((m) => fixable.has(m)).length, 0);
  stage('positions');
  const internalError = hasInternalError(results);
  return { results, errors, notices: [...renderNotices, ...notes], internalError, timings, units: unitNames, files: read.files, fixableCount };
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

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}
