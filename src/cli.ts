/**
 * The only module that touches process: argv, stdin, env, stdout/stderr and the exit code.
 */
import { appendFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { effectiveConfig, HELP, lintOptions, parse, parseCount, renderSettings, UsageError, type Flags } from './cli-args.js';
import { baselineStep } from './cli-baseline.js';
import { restoreHeapDefaults, sizeHeapForRun } from './cli-heap.js';
import { listRules, printConfig } from './cli-info.js';
import { createProgress } from './cli-progress.js';
import { findConfigFile, loadConfig, type LoadedConfig } from './config.js';
import { lint, type LintOutput } from './engine.js';
import type { FileInput } from './files.js';
import { FORMAT_NAMES, loadFormatter, type FormatContext } from './formatters/index.js';
import type { LintResult } from './model.js';
import { packageInfo, ruleDocsUrl } from './package-info.js';
import { allRules } from '../rules/index.js';

export interface CliIo {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readStdin(): Promise<string>;
  /** The raw stdio streams, for `--lsp` (the language server speaks JSON-RPC over them). */
  readonly streams?: () => { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
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
      const lines = error.message.split('\n').map((line) => `k8s-lint: ${line}\n`).join('');
      io.stderr.write(`${lines}Run 'k8s-lint --help' for usage.\n`);
      return 2;
    }
    const detail = error instanceof Error ? error.message : String(error);
    io.stderr.write(`k8s-lint: internal error: ${detail} (please report this)\n`);
    if (io.env.DEBUG && error instanceof Error) io.stderr.write(`${error.stack}\n`);
    return 2;
  }
}

/** `-c FILE`, else the nearest `.k8s-lint.yaml` up to the repository root, else none. */
async function configuration(flags: Flags, cwd: string, ruleIds: readonly string[]): Promise<LoadedConfig | undefined> {
  const file = flags.config !== undefined ? path.resolve(cwd, flags.config) : findConfigFile(cwd);
  if (file === undefined) return undefined;
  const loaded = await loadConfig(file, ruleIds, path.relative(cwd, file) || file);
  if (!loaded.ok) throw new UsageError(loaded.message);
  return loaded.loaded;
}

async function run(io: CliIo): Promise<number> {
  const { values: flags, positionals } = parse(io.argv);
  if (flags.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (flags.version) {
    io.stdout.write(`${packageInfo().version}\n`);
    return 0;
  }
  if (!FORMAT_NAMES.includes(flags.format)) throw new UsageError(`unknown format '${flags.format}' (expected ${FORMAT_NAMES.join(', ')})`);
  const ruleIds = allRules.map((rule) => rule.id);
  if (flags.lsp) return languageServer(io, flags);
  const loaded = await configuration(flags, io.cwd, ruleIds);
  // Plugins add their rules to the built-in ones.
  const ruleSet = loaded?.rules?.length ? [...allRules, ...loaded.rules] : allRules;
  const allIds = ruleSet.map((rule) => rule.id);
  const effective = effectiveConfig(flags, loaded, allIds);
  if (flags['print-config']) {
    io.stdout.write(await printConfig(effective, ruleSet, loaded, flags.format === 'json'));
    return 0;
  }
  if (flags['list-rules']) {
    io.stdout.write(listRules(effective, ruleSet));
    return 0;
  }
  if (positionals.length === 0) throw new UsageError('no paths given: pass files or folders to lint, or - for stdin');
  const maxWarnings = parseCount(flags['max-warnings'], '--max-warnings');
  const outputFile = flags['output-file'];
  const colour = colourSetting(flags, io.env, outputFile === undefined && io.stdout.isTTY === true);
  if (colour !== undefined) process.env.FORCE_COLOR = colour;

  const inputs: FileInput[] = [];
  for (const positional of positionals) {
    if (positional === '-') inputs.push({ path: flags['stdin-filename'], text: await io.readStdin() });
    else inputs.push({ path: positional });
  }
  if (flags.fix && positionals.includes('-')) throw new UsageError('--fix cannot write to stdin; use --fix-dry-run');
  for (const context of flags.context) inputs.push({ path: context, contextOnly: true });
  const progress = createProgress(io.stderr, io.env);
  const render = renderSettings(effective, loaded, io.cwd, io.env.PATH ?? '');
  let output: LintOutput;
  try {
    output = await lint(inputs, { ...lintOptions(effective, flags, io.cwd, loaded), render, ruleSet, onProgress: progress.update, onRunSize: (bytes) => sizeHeapForRun(bytes) });
  } finally {
    restoreHeapDefaults();
  }
  progress.done();
  if (output.errors.length > 0) throw new UsageError(output.errors.join('\n'));
  if (!flags.quiet) for (const notice of output.notices) io.stderr.write(`k8s-lint: ${notice}\n`);
  // A fix that could not be written leaves the file as it was, while the report describes it fixed: exit 2.
  let unwritten = 0;
  if (flags.fix) {
    const { writeFixes } = await import('./fix/write.js');
    const written = await writeFixes(output.results, new Map((output.files ?? []).map((file) => [file.path, file.text])));
    for (const skipped of written.skipped) io.stderr.write(`k8s-lint: ${skipped}\n`);
    unwritten = written.skipped.length;
  }
  if (!flags.quiet && !flags.fix && !flags['fix-dry-run'] && output.fixableCount) {
    io.stderr.write(`k8s-lint: ${output.fixableCount} problem(s) potentially fixable with the --fix option\n`);
  }
  const baselined = await baselineStep(flags, output.results, io.cwd, allIds);
  for (const note of baselined.notes) io.stderr.write(`k8s-lint: ${note}\n`);

  const results = flags.quiet ? withoutWarnings(baselined.results) : baselined.results;
  const clean = results.every((r) => r.messages.length === 0);
  // A clean stylish run prints nothing: skip loading the formatter (and chalk) at all.
  const formatter = clean && flags.format === 'stylish' ? () => '' : (await loadFormatter(flags.format))!;
  const rules = ruleSet.map((rule) => ({ id: rule.id, description: rule.description, severity: rule.severity, docsUrl: rule.docs.url ?? ruleDocsUrl(rule.id), docs: rule.docs }));
  // Paths in reports are relative to the repository in GitHub Actions (SARIF and annotations must
  // match repository paths even when k8s-lint runs in a sub-folder).
  const workspace = io.env.GITHUB_ACTIONS === 'true' ? io.env.GITHUB_WORKSPACE : undefined;
  const reportRoot = workspace && !path.relative(workspace, io.cwd).startsWith('..') ? workspace : io.cwd;
  const context: FormatContext = { cwd: reportRoot, rules };
  const text = formatter(results, context);
  if (outputFile) {
    await writeFile(path.resolve(io.cwd, outputFile), text).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot write --output-file ${outputFile}: ${error.code ?? error.message}`);
    });
  }
  else io.stdout.write(text);
  if (flags.format === 'stylish' || flags.format === 'github') await github(io, results, context, flags.format === 'stylish');

  if (output.internalError || baselined.unpruned || unwritten > 0) return 2;
  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
  if (errors > 0) return 1;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    io.stderr.write(`k8s-lint: too many warnings (${warnings}); maximum allowed is ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** `--lsp`: serves until the client exits (the language server and its packages load only here). */
async function languageServer(io: CliIo, flags: Flags): Promise<number> {
  if (!io.streams) throw new UsageError('--lsp needs stdin and stdout');
  // Bad flags are usage errors now, not later (`--rule` may name plugin rules: checked per workspace).
  effectiveConfig({ ...flags, rule: [] }, undefined, allRules.map((rule) => rule.id));
  const { serve } = await import('./lsp/server.js');
  return serve({ ...io.streams(), flags, rules: allRules, docsUrl: ruleDocsUrl });
}

/**
 * In GitHub Actions, a stylish run also prints workflow-command annotations to stdout (so findings
 * show on the pull request, even with `-o`; the github format prints its own), and both append a
 * Markdown summary to `$GITHUB_STEP_SUMMARY`.
 */
async function github(io: CliIo, results: readonly LintResult[], context: FormatContext, annotate: boolean): Promise<void> {
  if (io.env.GITHUB_ACTIONS !== 'true') return;
  const { githubAnnotations, githubBlobUrl, githubStepSummary } = await import('./formatters/github.js');
  if (annotate) io.stdout.write(githubAnnotations(results, context));
  const summaryFile = io.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) await appendFile(summaryFile, githubStepSummary(results, context, { blobUrl: githubBlobUrl(io.env) }));
}

export async function runFromProcess(): Promise<void> {
  // A reader that stops early (`k8s-lint ... | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
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
    streams: () => ({ input: process.stdin, output: process.stdout }),
  });
}
