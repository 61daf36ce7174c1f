/**
 * The only module that touches process: argv, stdin, env, stdout/stderr and the exit code.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_KUBERNETES_VERSION, lint, type LintOptions } from './engine.js';
import type { FileInput } from './files.js';
import { FORMAT_NAMES, loadFormatter } from './formatters/index.js';
import type { LintResult } from './model.js';
import { packageInfo, ruleDocsUrl } from './package-info.js';
import { allRules } from '../rules/index.js';

const HELP = `Usage: k8s-lint [options] <path|->...

Lints Kubernetes manifests (YAML or JSON files, folders searched recursively, - for stdin)
offline: schema, cross references between objects, and values the cluster would reject.

Options:
  -f, --format NAME             Output format: ${FORMAT_NAMES.join(', ')} (default: stylish)
  -o, --output-file FILE        Write the report to FILE instead of stdout
      --quiet                   Report errors only
      --max-warnings N          Exit 1 when there are more than N warnings
      --color, --no-color       Force colour on or off (NO_COLOR and FORCE_COLOR are honoured)
      --default-namespace NS    Namespace of objects that set none (default: default)
      --kubernetes-version V    Target Kubernetes version, e.g. 1.29 (default: ${DEFAULT_KUBERNETES_VERSION})
      --ignore-pattern GLOB     Skip files matching GLOB (repeatable)
      --max-file-size SIZE      Skip files larger than SIZE bytes (suffix K or M; default: 20M)
      --stdin-filename NAME     File name to report for stdin (default: <stdin>)
  -v, --version                 Print the version
  -h, --help                    Print this help

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors found,
2 usage error or internal failure.
`;

export interface CliIo {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
  readStdin(): Promise<string>;
}

class UsageError extends Error {}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f', default: 'stylish' },
        'output-file': { type: 'string', short: 'o' },
        quiet: { type: 'boolean', default: false },
        'max-warnings': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'default-namespace': { type: 'string', default: 'default' },
        'kubernetes-version': { type: 'string', default: DEFAULT_KUBERNETES_VERSION },
        'ignore-pattern': { type: 'string', multiple: true, default: [] },
        'max-file-size': { type: 'string' },
        'stdin-filename': { type: 'string', default: '<stdin>' },
        version: { type: 'boolean', short: 'v', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function parseCount(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${flag} expects a whole number, got '${value}'`);
  return Number(value);
}

function parseSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)([KkMm]?)[Bb]?$/.exec(value);
  if (!match) throw new UsageError(`--max-file-size expects bytes (e.g. 5000000, 500K or 20M), got '${value}'`);
  const factor = { '': 1, k: 1024, m: 1024 * 1024 }[match[2].toLowerCase() as '' | 'k' | 'm'];
  return Number(match[1]) * factor;
}

/** Colour is decided here, before the formatter (and chalk) load. */
function colourSetting(values: { color?: boolean; 'no-color'?: boolean }, env: CliIo['env'], terminal: boolean): string | undefined {
  if (values['no-color']) return '0';
  if (values.color) return '1';
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return '0';
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR;
  return terminal ? undefined : '0';
}

function withoutWarnings(results: LintResult[]): LintResult[] {
  return results.map((result) => ({ ...result, messages: result.messages.filter((m) => m.severity === 2), warningCount: 0 }));
}

export async function main(io: CliIo): Promise<number> {
  try {
    return await run(io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`k8s-lint: ${error.message}\nRun 'k8s-lint --help' for usage.\n`);
      return 2;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(`k8s-lint: internal error: ${detail} (please report this)\n`);
    if (io.env.DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}

async function run(io: CliIo): Promise<number> {
  const { values, positionals } = parse(io.argv);
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${packageInfo().version}\n`);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no paths given: pass files or folders to lint, or - for stdin');
  if (!FORMAT_NAMES.includes(values.format)) throw new UsageError(`unknown format '${values.format}' (expected ${FORMAT_NAMES.join(', ')})`);
  const maxWarnings = parseCount(values['max-warnings'], '--max-warnings');
  const outputFile = values['output-file'];
  const colour = colourSetting(values, io.env, outputFile === undefined && io.stdout.isTTY === true);
  if (colour !== undefined) process.env.FORCE_COLOR = colour;

  const inputs: FileInput[] = [];
  for (const positional of positionals) {
    if (positional === '-') inputs.push({ path: values['stdin-filename'], text: await io.readStdin() });
    else inputs.push({ path: positional });
  }
  const options: LintOptions = {
    cwd: io.cwd,
    defaultNamespace: values['default-namespace'],
    kubernetesVersion: values['kubernetes-version'],
    ignorePatterns: values['ignore-pattern'],
    maxFileSize: parseSize(values['max-file-size']),
  };
  const output = await lint(inputs, options);
  if (output.errors.length > 0) throw new UsageError(output.errors.join('\nk8s-lint: '));

  const results = values.quiet ? withoutWarnings(output.results) : output.results;
  const clean = results.every((r) => r.messages.length === 0);
  // A clean stylish run prints nothing: skip loading the formatter (and chalk) at all.
  const formatter = clean && values.format === 'stylish' ? () => '' : (await loadFormatter(values.format))!;
  const rules = allRules.map((rule) => ({ id: rule.id, description: rule.description, severity: rule.severity, docsUrl: ruleDocsUrl(rule.id) }));
  const text = formatter(results, { cwd: io.cwd, rules });
  if (outputFile) await writeFile(path.resolve(io.cwd, outputFile), text);
  else io.stdout.write(text);

  if (output.internalError) return 2;
  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr.write(`k8s-lint: too many warnings (${warnings}); maximum allowed is ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

export async function runFromProcess(): Promise<void> {
  process.exitCode = await main({
    argv: process.argv.slice(2),
    env: process.env,
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  });
}
