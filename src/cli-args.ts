/** Command-line flags: parsing, validation, and merging with the configuration file. */
import { parseArgs } from 'node:util';
import { closeIds, unknownRuleMessage, SEVERITY_NAMES, type Config, type LoadedConfig, type Override } from './config.js';
import { DEFAULT_KUBERNETES_VERSION, type LintOptions } from './engine.js';
import { FORMAT_NAMES } from './formatters/index.js';
import { parseKubernetesVersion } from './k8s/api-deprecations.js';
import type { SeverityName } from './model.js';

export const HELP = `Usage: k8s-lint [options] <path|->...

Lints Kubernetes manifests (YAML or JSON files, folders searched recursively, - for stdin)
offline: schema, cross references between objects, and values the cluster would reject.

Options:
  -f, --format NAME             Output format: ${FORMAT_NAMES.join(', ')} (default: stylish)
  -o, --output-file FILE        Write the report to FILE instead of stdout
  -c, --config FILE             Use FILE instead of the nearest .k8s-lint.yaml
      --rule ID:SEVERITY        Set a rule to off, warn or error (repeatable; wins over the config file)
      --quiet                   Report errors only
      --max-warnings N          Exit 1 when there are more than N warnings
      --color, --no-color       Force colour on or off (NO_COLOR and FORCE_COLOR are honoured)
      --default-namespace NS    Namespace of objects that set none (default: default)
      --kubernetes-version V    Target Kubernetes version, e.g. 1.29 (default: ${DEFAULT_KUBERNETES_VERSION})
      --skip-kinds KIND,...     Do not check objects of these kinds (they are still indexed)
      --reject-unknown-kinds    Report objects of kinds with no schema and no CRD in the run
      --context PATH            Index PATH (file or folder) without reporting on it (repeatable)
      --ignore-pattern GLOB     Skip files matching GLOB (repeatable)
      --no-inline-config        Ignore k8s-lint-disable comments and k8s-lint/ignore annotations
      --report-unused-disable-directives
                                Warn about suppressions that suppress nothing
      --max-file-size SIZE      Skip files larger than SIZE bytes (suffix K or M; default: 20M)
      --stdin-filename NAME     File name to report for stdin (default: <stdin>)
      --fix                     Apply safe fixes to the files and report what remains
      --fix-dry-run             Compute safe fixes without writing them (the JSON format carries
                                each fixed file's text as \`output\`)
      --suppress-all            Record every error in the suppressions file (the baseline)
      --suppress-rule ID        Record the errors of rule ID in the suppressions file (repeatable)
      --prune-suppressions      Remove suppressions that no longer occur from the suppressions file
      --pass-on-unpruned-suppressions
                                Do not exit 2 when suppressions no longer occur
      --suppressions-location FILE
                                Suppressions file (default: k8s-lint-suppressions.json)
      --print-config            Print the effective configuration and exit
      --list-rules              List every rule with its severity and description and exit
      --lsp                     Run as a language server on stdio (editors); other flags apply to every run
  -v, --version                 Print the version
  -h, --help                    Print this help

Configuration: .k8s-lint.yaml (or .yml, .json), looked up from the current folder up to the
repository root; its JSON Schema ships as k8s-lint.schema.json.

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors found,
2 usage error or internal failure.
`;

export class UsageError extends Error {}

export function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        'output-file': { type: 'string', short: 'o' },
        config: { type: 'string', short: 'c' },
        rule: { type: 'string', multiple: true, default: [] },
        quiet: { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'default-namespace': { type: 'string' },
        'kubernetes-version': { type: 'string' },
        'skip-kinds': { type: 'string', multiple: true, default: [] },
        'reject-unknown-kinds': { type: 'boolean', default: false },
        context: { type: 'string', multiple: true, default: [] },
        'ignore-pattern': { type: 'string', multiple: true, default: [] },
        'no-inline-config': { type: 'boolean', default: false },
        'report-unused-disable-directives': { type: 'boolean', default: false },
        'max-file-size': { type: 'string' },
        'stdin-filename': { type: 'string', default: '<stdin>' },
        fix: { type: 'boolean', default: false },
        'fix-dry-run': { type: 'boolean', default: false },
        'suppress-all': { type: 'boolean', default: false },
        'suppress-rule': { type: 'string', multiple: true, default: [] },
        'prune-suppressions': { type: 'boolean', default: false },
        'pass-on-unpruned-suppressions': { type: 'boolean', default: false },
        'suppressions-location': { type: 'string' },
        'print-config': { type: 'boolean', default: false },
        'list-rules': { type: 'boolean', default: false },
        lsp: { type: 'boolean', default: false },
        // Added by LSP clients when they start a server (vscode-languageclient): accepted, not needed.
        stdio: { type: 'boolean', default: false },
        clientProcessId: { type: 'string' },
        version: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export type Flags = ReturnType<typeof parse>['values'];

export function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} expects a whole number, got '${value}'`);
  return Number(value);
}

export function parseSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)([KkMm]?)[Bb]?$/.exec(value);
  if (!match) throw new UsageError(`--max-file-size expects bytes (e.g. 5000000, 500K or 20M), got '${value}'`);
  const factor = { '': 1, k: 1024, m: 1024 * 1024 }[match[2].toLowerCase() as '' | 'k' | 'm'];
  return Number(match[1]) * factor;
}

/** `--rule id:severity` (repeatable) -> severities by id; unknown ids name the close ones. */
export function parseRuleFlags(values: readonly string[], ruleIds: readonly string[]): Record<string, SeverityName> {
  const out: Record<string, SeverityName> = {};
  for (const value of values) {
    const colon = value.lastIndexOf(':');
    const id = colon === -1 ? value : value.slice(0, colon).trim();
    const severity = colon === -1 ? '' : value.slice(colon + 1).trim();
    if (!SEVERITY_NAMES.includes(severity as SeverityName)) {
      throw new UsageError(`--rule expects ID:SEVERITY with SEVERITY one of off, warn, error, got '${value}'`);
    }
    if (!ruleIds.includes(id)) throw new UsageError(`--rule: ${unknownRuleMessage(id, ruleIds)}`);
    out[id] = severity as SeverityName;
  }
  return out;
}

const KIND = /^([a-z0-9][a-z0-9.-]*\/)?[A-Z][A-Za-z0-9]*$/;

/** `--skip-kinds Deployment,batch/CronJob` (repeatable) -> kinds. */
export function parseKinds(values: readonly string[], knownKinds: readonly string[] = []): string[] {
  const kinds = values.flatMap((v) => v.split(',')).map((k) => k.trim()).filter((k) => k !== '');
  for (const kind of kinds) {
    if (KIND.test(kind)) continue;
    const near = closeIds(kind, knownKinds, 1)[0];
    throw new UsageError(`--skip-kinds: \`${kind}\` is not a kind (write \`Kind\` or \`group/Kind\`, e.g. \`CronJob\`)${near ? `; did you mean \`${near}\`?` : ''}`);
  }
  return kinds;
}

export function parseVersion(value: string, where: string): string {
  const parsed = parseKubernetesVersion(value);
  if (!parsed.ok) throw new UsageError(`${where}: ${parsed.message}`);
  return parsed.version;
}

/** The configuration in effect: the file's values, with flags applied on top. */
export interface Effective extends Required<Omit<Config, 'rules' | 'overrides'>> {
  readonly rules: Readonly<Record<string, SeverityName>>;
  readonly overrides: readonly Override[];
  /** `--ignore-pattern`, relative to the working folder. */
  readonly ignorePatterns: readonly string[];
}

/** Scalars: flag over file over default. Lists: flags add to the file's. `--rule` wins over `overrides`. */
export function effectiveConfig(flags: Flags, loaded: LoadedConfig | undefined, ruleIds: readonly string[]): Effective {
  const config: Config = loaded?.config ?? {};
  const flagRules = parseRuleFlags(flags.rule, ruleIds);
  const version = flags['kubernetes-version'] ?? config.kubernetesVersion;
  const overrides = (config.overrides ?? []).map((o) => ({
    ...o,
    rules: Object.fromEntries(Object.entries(o.rules).filter(([id]) => !(id in flagRules))),
  }));
  return {
    kubernetesVersion: version === undefined ? DEFAULT_KUBERNETES_VERSION : parseVersion(version, flags['kubernetes-version'] !== undefined ? '--kubernetes-version' : 'kubernetesVersion'),
    defaultNamespace: flags['default-namespace'] ?? config.defaultNamespace ?? 'default',
    ignore: config.ignore ?? [],
    ignorePatterns: flags['ignore-pattern'],
    skipKinds: [...new Set([...(config.skipKinds ?? []), ...parseKinds(flags['skip-kinds'])])],
    rules: { ...config.rules, ...flagRules },
    external: config.external ?? [],
    overrides: overrides.filter((o) => Object.keys(o.rules).length > 0),
    plugins: config.plugins ?? [],
    customRules: config.customRules ?? [],
  };
}

/** The lint options for the effective configuration and the run-only flags. */
export function lintOptions(effective: Effective, flags: Flags, cwd: string, loaded: LoadedConfig | undefined): LintOptions {
  return {
    cwd,
    defaultNamespace: effective.defaultNamespace,
    kubernetesVersion: effective.kubernetesVersion,
    ignorePatterns: effective.ignorePatterns,
    ignore: effective.ignore,
    configDir: loaded?.dir ?? cwd,
    maxFileSize: parseSize(flags['max-file-size']),
    rules: effective.rules,
    overrides: effective.overrides,
    skipKinds: effective.skipKinds,
    external: effective.external,
    inlineConfig: !flags['no-inline-config'],
    reportUnusedDisableDirectives: flags['report-unused-disable-directives'],
    rejectUnknownKinds: flags['reject-unknown-kinds'],
    fix: flags.fix || flags['fix-dry-run'],
    // Only the JSON format shows fixes; resolving them costs a parse of each document that has one.
    resolveFixes: flags.format === 'json',
  };
}
