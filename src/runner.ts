/** Runs each enabled rule on each object it declares interest in; a throwing rule is contained. */
import type { NodeRef, Path, Range, ResourceId, Severity, SourceFile } from './model.js';
import type { Resource } from './resource.js';
import type { ResourceIndex } from './resource-index.js';
import type { Edit } from './fix/edits.js';
import { formatMessage, type AdmissionPolicies, type MessageData, type ReportOptions, type Rule, type RuleContext, type RuleSettings } from './rule-api.js';

/** A finding before positions are resolved. */
export interface Finding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: SourceFile;
  readonly node?: NodeRef;
  /** A position known without resolving a node (the loader's). */
  readonly range?: Range;
  readonly resource?: ResourceId;
  /** The deploy unit it was found in (units/). */
  readonly unit?: string;
  /** The object the finding is on (overrides by kind/namespace/name, `k8s-lint/ignore`). */
  readonly target?: Resource;
  /** The rule asked for `warn` on this finding (`report(..., { severity: 'warn' })`). */
  readonly downgraded?: boolean;
  readonly related?: ReportOptions['related'];
  /** A safe fix, as edits against nodes (resolved to text with positions). */
  readonly fix?: readonly Edit[];
  readonly suggestions?: ReadonlyArray<{ readonly desc: string; readonly fix: readonly Edit[] }>;
}

export const INTERNAL_ERROR = 'internal-error';

const FILE_START: Range = { line: 1, column: 1, endLine: 1, endColumn: 1 };

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * An exception outside any rule, while `stage` one file (`parsing`, `indexing`, ...): a finding on
 * that file (on the document or object when known), so the run goes on with the other files.
 */
export function internalFinding(stage: string, error: unknown, file: SourceFile, docIndex?: number, path: Path = []): Finding {
  const message = `Internal error while ${stage} this file: ${describeError(error)} (please report this)`;
  const node = docIndex === undefined ? undefined : { file, docIndex, path };
  return { ruleId: INTERNAL_ERROR, severity: 2, message, file, ...(node ? { node } : { range: FILE_START }) };
}

export interface RunOptions {
  readonly rules: ReadonlyArray<{ rule: Rule; severity: Severity; configured?: boolean }>;
  readonly kubernetesVersion: string;
  readonly settings?: RuleSettings;
  /** The run's compiled ValidatingAdmissionPolicies, when it has some. */
  readonly admission?: AdmissionPolicies;
  /** Documents that could not be parsed: cross-resource findings say they may be the cause. */
  readonly unreadableDocuments: number;
  /** When given, milliseconds spent in each rule are added under its id. */
  readonly timings?: Record<string, number>;
  /** Called every few hundred objects with how many were checked. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface ActiveRule {
  readonly rule: Rule;
  readonly severity: Severity;
  readonly configured?: boolean;
}

/**
 * The rules that look at objects of `group/kind`, computed once per kind (most runs have few kinds),
 * looked up by apiVersion then kind without building a key per object.
 */
export function kindRules(active: readonly ActiveRule[]): (resource: Resource) => KindRules {
  const cache = new Map<string, Map<string, KindRules>>();
  return (resource) => {
    const { apiVersion, kind } = resource;
    let kinds = cache.get(apiVersion);
    if (!kinds) cache.set(apiVersion, (kinds = new Map()));
    let rules = kinds.get(kind);
    if (!rules) {
      const key = `${resource.group}/${kind}`;
      const names = (kinds: readonly string[]) => kinds.includes(kind) || kinds.includes(key);
      const all = active.filter(({ rule }) => !rule.kinds || names(rule.kinds));
      const templateless = all.filter(({ rule }) => !rule.podTemplateOnly && (!rule.podTemplateOr || names(rule.podTemplateOr)));
      rules = { all, templateless: templateless.length === all.length ? all : templateless };
      kinds.set(kind, rules);
    }
    return rules;
  };
}

/**
 * The rules of one kind: all of them, and those an object without a pod template needs. Rules that
 * declare `podTemplateOnly` (or `podTemplateOr` without this kind) return at once on such objects,
 * and a call each (about a third of a run's rule calls: a Service, a ConfigMap) costs more on a
 * cold run than asking the index.
 */
export interface KindRules {
  readonly all: readonly ActiveRule[];
  /** `all` without the rules that skip objects without a pod template (the same array when there are none). */
  readonly templateless: readonly ActiveRule[];
}

/** All the rules that look at objects of `group/kind` (kindRules().all). */
export function rulesByKind(active: readonly ActiveRule[]): (resource: Resource) => readonly ActiveRule[] {
  const lookup = kindRules(active);
  return (resource) => lookup(resource).all;
}

/** The rules to run on `resource`: the index is asked for its pod template only when that matters. */
export function rulesOf({ all, templateless }: KindRules, resource: Resource, index: ResourceIndex): readonly ActiveRule[] {
  return templateless === all || index.podTemplate(resource) !== undefined ? all : templateless;
}

/** A finding with its fixes; a rule must declare `fixable` / `hasSuggestions` to report them (as ESLint insists). */
function withFixes(finding: Finding, rule: Rule, options: ReportOptions): Finding {
  if ((options.fix && !rule.fixable) || (options.suggestions && !rule.hasSuggestions)) {
    throw new Error(`rule reports ${options.fix ? 'a fix' : 'suggestions'} but does not declare \`${options.fix ? 'fixable' : 'hasSuggestions'}: true\``);
  }
  const fix = options.fix?.length ? options.fix : undefined;
  const suggestions = options.suggestions?.map((s) => ({ desc: formatMessage(rule.messages[s.messageId] ?? s.messageId, s.data), fix: s.fix }));
  return { ...finding, ...(fix ? { fix } : {}), ...(suggestions?.length ? { suggestions } : {}) };
}

export function crash(rule: Rule, resource: Resource, error: unknown): Finding {
  return {
    ruleId: INTERNAL_ERROR,
    severity: 2,
    message: `Internal error in rule \`${rule.id}\` on ${resource.kind} \`${resource.name}\`: ${describeError(error)} (please report this)`,
    file: resource.file,
    node: resource.node('metadata', 'name'),
    resource: resource.id,
    target: resource,
  };
}

/**
 * An object whose local rules another thread checks (src/parallel/). Its other rules ran here:
 * their findings wait in `found`, by the rule's place in `rules`, until the other thread's answer
 * is put in between, in rule order, as a serial run would have it.
 */
export class Pending {
  readonly pending = true;
  found: Array<Finding[] | undefined> | undefined;

  constructor(
    readonly resource: Resource,
    /** The object's rules, in the order runRules runs them. */
    readonly rules: readonly ActiveRule[],
    private readonly context: RuleContext<string>,
    private readonly options: RunOptions,
  ) {}

  /** Runs `rules[i]` here, as runRules would have (when the other thread could not). */
  run(i: number): Finding[] {
    const { state, report } = reporter(this.options);
    checkOne(state, this.rules[i], { ...this.context, report }, this.options.timings);
    return state.out;
  }
}

/** Which objects' local rules another thread checks (src/parallel/). */
export interface Delegate {
  owns(resource: Resource): boolean;
  isLocal(rule: Rule): boolean;
}

/**
 * One report function for a whole run; `active` and `resource` say which rule and object it reports
 * for, and `out` where findings go (no allocation per rule call).
 */
export function reporter(options: { readonly unreadableDocuments: number }) {
  const gapNote = options.unreadableDocuments > 0
    ? ` (${options.unreadableDocuments} unparsable document(s) in this run may be the cause)`
    : '';
  const state = { active: undefined! as ActiveRule, resource: undefined! as Resource, out: [] as Finding[] };
  const report = (node: NodeRef, messageId: string, data?: MessageData, reportOptions?: ReportOptions) => {
    const { rule, severity, configured } = state.active;
    const { resource } = state;
    const template = rule.messages[messageId] ?? messageId;
    const message = formatMessage(template, data) + (rule.crossResource ? gapNote : '');
    const downgraded = reportOptions?.severity === 'warn';
    const effective: Severity = downgraded && !configured ? 1 : severity;
    const finding: Finding = { ruleId: rule.id, severity: effective, message, file: resource.file, node, resource: resource.id, target: resource, downgraded, ...(reportOptions?.related?.length ? { related: reportOptions.related } : {}) };
    state.out.push(reportOptions?.fix || reportOptions?.suggestions ? withFixes(finding, rule, reportOptions) : finding);
  };
  return { state, report };
}

/** Runs `each` on `context.resource`, its findings (or its crash) into `state.out`. */
export function checkOne(state: ReturnType<typeof reporter>['state'], each: ActiveRule, context: RuleContext<string>, timings?: Record<string, number>): void {
  state.active = each;
  state.resource = context.resource;
  const started = timings ? performance.now() : 0;
  try {
    each.rule.check(context);
  } catch (error) {
    state.out.push(crash(each.rule, context.resource, error));
  }
  if (timings) timings[each.rule.id] = (timings[each.rule.id] ?? 0) + performance.now() - started;
}

export function runRules(resources: readonly Resource[], index: ResourceIndex, options: RunOptions): Finding[];
export function runRules(resources: readonly Resource[], index: ResourceIndex, options: RunOptions, delegate: Delegate): Array<Finding | Pending>;
export function runRules(resources: readonly Resource[], index: ResourceIndex, options: RunOptions, delegate?: Delegate): Array<Finding | Pending> {
  const findings: Array<Finding | Pending> = [];
  const settings: RuleSettings = options.settings ?? { rejectUnknownKinds: false };
  const rulesFor = kindRules(options.rules.filter(({ rule }) => !rule.builtIn));
  const { state, report } = reporter(options);
  state.out = findings as Finding[];
  const { kubernetesVersion, admission, timings, onProgress } = options;
  const total = resources.length;
  for (let done = 0; done < total; done++) {
    if (onProgress && done % 256 === 0) onProgress(done, total);
    const resource = resources[done];
    if (resource.file.contextOnly) continue;
    // One context per object serves all its rules.
    const context = { resource, index, kubernetesVersion, settings, admission, report };
    const rules = rulesOf(rulesFor(resource), resource, index);
    if (delegate?.owns(resource) && rules.some((each) => delegate.isLocal(each.rule))) {
      const pending = new Pending(resource, rules, context, options);
      rules.forEach((each, i) => {
        if (delegate.isLocal(each.rule)) return;
        const before = findings.length;
        checkOne(state, each, context, timings);
        if (findings.length > before) (pending.found ??= [])[i] = findings.splice(before) as Finding[];
      });
      findings.push(pending);
      continue;
    }
    for (const each of rules) checkOne(state, each, context, timings);
  }
  return findings;
}
