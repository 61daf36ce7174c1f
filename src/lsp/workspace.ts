/**
 * One workspace folder as the language server sees it: its configuration file, the manifest files
 * the CLI would lint in it (read from disk once, then kept up to date file by file), and the open
 * documents overlaid on them. `lint()` runs the same engine as the CLI over that in-memory set,
 * reporting on the open documents only and re-parsing only the files that changed.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { effectiveConfig, lintOptions, type Flags } from '../cli-args.js';
import { findConfigFile, loadConfig, type LoadedConfig } from '../config.js';
import { lint, type LintOptions } from '../engine.js';
import { decode, DEFAULT_MAX_FILE_SIZE, readInputs, type FileInput } from '../files.js';
import { LintCache } from '../lint-cache.js';
import type { LintMessage } from '../model.js';
import type { Rule } from '../rule-api.js';

export interface WorkspaceSetup {
  /** The flags `k8s-lint --lsp` was started with (they apply as in a CLI run). */
  readonly flags: Flags;
  /** The built-in rules (a configuration's plugins add theirs per workspace). */
  readonly rules: readonly Rule[];
  /** Documentation URL of a built-in rule. */
  readonly docsUrl: (ruleId: string) => string;
}

/** A configuration file that could not be used, at the line its first problem is on. */
export interface ConfigProblem {
  readonly file: string;
  readonly problems: ReadonlyArray<{ readonly line: number; readonly column: number; readonly message: string }>;
}

export class Workspace {
  /** Manifest files of the folder (the CLI's discovery: ignore globs, Helm and Kustomize skipped), with their text on disk. */
  private disk = new Map<string, string>();
  private readonly overlay = new Map<string, string>();
  private readonly cache = new LintCache();
  private options: LintOptions = {};
  private configFile: string | undefined;
  private ruleSet: readonly Rule[] = [];
  configProblem: ConfigProblem | undefined;
  /** The folder's hints (Helm charts and kustomizations skipped), for the server's log. */
  notices: string[] = [];

  /** `root` undefined: documents outside every workspace folder, linted on their own. */
  constructor(readonly root: string | undefined, private readonly setup: WorkspaceSetup) {}

  /** Reads the configuration and every manifest file of the folder; again when the configuration changes. */
  async scan(): Promise<void> {
    const { flags } = this.setup;
    const cwd = this.root ?? process.cwd();
    const file = flags.config !== undefined ? path.resolve(cwd, flags.config) : this.root && findConfigFile(this.root);
    this.configFile = file;
    this.configProblem = undefined;
    let loaded: LoadedConfig | undefined;
    if (file) {
      const result = await loadConfig(file, this.setup.rules.map((rule) => rule.id), file);
      if (result.ok) loaded = result.loaded;
      else this.configProblem = { file, problems: parseProblems(result.message, file) };
    }
    const rules = (this.ruleSet = loaded?.rules?.length ? [...this.setup.rules, ...loaded.rules] : this.setup.rules);
    try {
      this.options = { ...lintOptions(effectiveConfig(flags, loaded, rules.map((rule) => rule.id)), flags, cwd, loaded), ruleSet: rules, resolveFixes: true };
    } catch (error) {
      // Only flags can fail here (the file was validated): they were checked when the server started.
      this.configProblem ??= { file: file ?? cwd, problems: [{ line: 1, column: 1, message: (error as Error).message }] };
      this.options = { cwd, ruleSet: rules };
    }
    this.options = { ...this.options, cache: this.cache, related: true, resolveFixes: true };
    if (!this.root) return;
    const read = await readInputs([{ path: this.root }], {
      cwd,
      ignorePatterns: this.options.ignorePatterns ?? [],
      ignore: this.options.ignore?.length ? { base: this.options.configDir ?? cwd, patterns: this.options.ignore } : undefined,
      maxFileSize: this.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    });
    this.disk = new Map(read.files.map((f) => [f.path, f.text]));
    this.notices = read.notices;
  }

  /** Where rule `ruleId` is documented (RULES.md, or what a plugin says). */
  docsUrl(ruleId: string): string | undefined {
    const rule = this.ruleSet.find((r) => r.id === ruleId);
    return rule && (rule.docs.url ?? (this.setup.rules.includes(rule) ? this.setup.docsUrl(ruleId) : undefined));
  }

  /** Whether `file` is this workspace's configuration file. */
  isConfig(file: string): boolean {
    return file === this.configFile || (this.root !== undefined && path.dirname(file) === this.root && /^\.k8s-lint\.(ya?ml|json)$/.test(path.basename(file)));
  }

  /** Whether `file` lies in the folder (the deepest folder wins among several). */
  contains(file: string): number {
    if (!this.root) return 0;
    const relative = path.relative(this.root, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? -1 : this.root.length;
  }

  /** Whether the CLI would lint `file` in this workspace (documents outside every folder always). */
  covers(file: string): boolean {
    return !this.root || this.disk.has(file);
  }

  setOpen(file: string, text: string): void {
    this.overlay.set(file, text);
  }

  close(file: string): void {
    this.overlay.delete(file);
  }

  get openFiles(): string[] {
    return [...this.overlay.keys()];
  }

  /**
   * A file changed on disk: re-read it alone. A new file is found by discovering the folder again
   * (the CLI's rules for charts, kustomizations and ignore globs decide; unchanged texts stay parsed).
   */
  async refresh(file: string, created: boolean): Promise<void> {
    if (created || !this.disk.has(file)) return created ? this.scan() : undefined;
    const bytes = await fs.readFile(file).catch(() => undefined);
    if (bytes === undefined) return this.remove(file);
    const limit = this.options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    this.disk.set(file, bytes.length > limit ? '' : decode(bytes));
  }

  remove(file: string): void {
    this.disk.delete(file);
    this.cache.forget(file);
  }

  /** Diagnostics of the open documents this workspace covers, by path (empty lists included). */
  async lint(): Promise<Map<string, LintMessage[]>> {
    const open = this.openFiles.filter((file) => this.covers(file));
    const out = new Map<string, LintMessage[]>(open.map((file) => [file, []]));
    if (open.length === 0) return out;
    const inputs: FileInput[] = [];
    for (const [file, text] of this.disk) {
      if (!this.overlay.has(file)) inputs.push({ path: file, text, contextOnly: true });
    }
    for (const file of open) inputs.push({ path: file, text: this.overlay.get(file)! });
    const output = await lint(inputs, this.options);
    for (const result of output.results) out.set(result.filePath, result.messages);
    return out;
  }
}

/** `file:line:col: message` lines of a configuration error -> problems (line 1 when none is given). */
export function parseProblems(message: string, file: string): ConfigProblem['problems'] {
  return message.split('\n').map((line) => {
    const at = line.startsWith(`${file}:`) ? /^(\d+):(\d+): (.*)$/.exec(line.slice(file.length + 1)) : null;
    return at ? { line: Number(at[1]), column: Number(at[2]), message: at[3] } : { line: 1, column: 1, message: line };
  });
}
