/**
 * `k8s-lint --lsp`: the Language Server Protocol over the streams cli.ts hands in (stdio). Open
 * YAML/JSON documents are linted against their whole workspace folder (see workspace.ts), debounced
 * after each change and at once on open and save; diagnostics carry rule links and related places,
 * and code actions offer suppression comments. Loaded only in this mode.
 */
import { fileURLToPath } from 'node:url';
import { format } from 'node:util';
import {
  CodeActionKind,
  createConnection,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintMessage } from '../model.js';
import { FIX_ALL, fileUri, fixActions, fixAllAction, lspRange, SOURCE, suppressionActions, toDiagnostic } from './protocol.js';
import { Workspace, type WorkspaceSetup } from './workspace.js';

export interface ServerOptions extends WorkspaceSetup {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
}

/** Milliseconds of quiet after a change before linting (`initializationOptions.debounceMs`). */
export const DEFAULT_DEBOUNCE_MS = 150;
const MANIFEST = /\.(ya?ml|json)$/i;

/** Serves until the client sends `exit` or closes the streams (the library ends the process then). */
export function serve(options: ServerOptions): Promise<never> {
  const connection = createConnection(options.input, options.output);
  // Anything a rule or plugin logs would corrupt the protocol on stdout: send it to the client's log.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    console[method] = (...args: unknown[]) => connection.console.log(format(...args));
  }
  new Server(connection, options).listen();
  return new Promise<never>(() => {});
}

class Server {
  private readonly documents = new TextDocuments(TextDocument);
  private workspaces: Workspace[] = [];
  private loose: Workspace;
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private ready: Promise<void> = Promise.resolve();
  /** Diagnostics published per document URI, so a closed or out-of-scope document is cleared once. */
  private readonly published = new Set<string>();
  /** The messages of the last run per document URI, with the version they are for (fixes are offsets in that text). */
  private readonly linted = new Map<string, { version: number | undefined; messages: readonly LintMessage[] }>();
  /** The configuration file URI each workspace published problems for. */
  private readonly configUris = new Map<Workspace, string>();
  /** The client can watch files for us (dynamic registration of didChangeWatchedFiles). */
  private watch = false;
  /** Files opened before the index knew them, for which the folder was discovered again (once each). */
  private readonly rediscovered = new Set<string>();
  private scanned = false;

  constructor(private readonly connection: Connection, private readonly options: ServerOptions) {
    this.loose = new Workspace(undefined, options);
  }

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      this.ready = this.safely(() => this.scanAll());
      void this.ready.then(() => this.schedule(0));
    });
    documents.onDidOpen(({ document }) => {
      this.discover(document.uri);
      this.schedule(0, document);
    });
    documents.onDidChangeContent(({ document }) => this.schedule(this.debounceMs, document));
    documents.onDidSave(() => this.schedule(0));
    documents.onDidClose(({ document }) => {
      this.workspaceOf(this.pathOf(document.uri)).close(this.pathOf(document.uri));
      this.clear(document.uri);
      this.schedule(0);
    });
    connection.onDidChangeWatchedFiles(({ changes }) => {
      this.ready = this.ready.then(() => this.safely(async () => {
        for (const change of changes) {
          const file = this.pathOf(change.uri);
          const workspace = this.workspaceOf(file);
          if (workspace.isConfig(file)) await workspace.scan();
          else if (change.type === FileChangeType.Deleted) workspace.remove(file);
          else await workspace.refresh(file, change.type === FileChangeType.Created);
        }
      }));
      void this.ready.then(() => this.schedule(0));
    });
    connection.onCodeAction(({ textDocument: { uri }, context }) => {
      const document = this.documents.get(uri);
      if (!document) return [];
      const linted = this.linted.get(uri);
      const messages = linted && linted.version === document.version ? linted.messages : [];
      if (context.only?.some((kind) => FIX_ALL.startsWith(kind) && kind.startsWith('source'))) {
        const all = fixAllAction(uri, document, messages);
        return all ? [all] : [];
      }
      const ours = context.diagnostics.filter((d) => d.source === SOURCE);
      return [...fixActions(uri, document, ours, messages), ...suppressionActions(uri, document.getText(), ours)];
    });
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const init = params.initializationOptions as { debounceMs?: unknown } | undefined;
    if (typeof init?.debounceMs === 'number' && init.debounceMs >= 0) this.debounceMs = init.debounceMs;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    this.workspaces = folders.filter((uri) => uri.startsWith('file:')).map((uri) => new Workspace(fileURLToPath(uri), this.options));
    this.watch = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL] },
      },
      serverInfo: { name: 'k8s-lint' },
    };
  }

  private async scanAll(): Promise<void> {
    if (this.watch) {
      const watchers = [{ globPattern: '**/*.{yaml,yml,json}' }, { globPattern: '**/.k8s-lint.{yaml,yml,json}' }];
      await this.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers }).catch(() => undefined);
    }
    for (const workspace of [...this.workspaces, this.loose]) {
      await workspace.scan();
      for (const notice of workspace.notices) this.connection.console.info(`k8s-lint: ${notice}`);
    }
    this.scanned = true;
  }

  /**
   * A manifest file opened that the index does not know (created while no one watched files):
   * discover its folder again, once, so it is linted when the CLI would lint it.
   */
  private discover(uri: string): void {
    const file = this.pathOf(uri);
    const workspace = this.workspaceOf(file);
    if (!this.scanned || !uri.startsWith('file:') || !MANIFEST.test(file) || workspace.covers(file) || this.rediscovered.has(file)) return;
    this.rediscovered.add(file);
    this.ready = this.ready.then(() => this.safely(() => workspace.scan()));
  }

  /** A bug must not take the server down: it is logged, and the next change tries again. */
  private async safely(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.connection.console.error(`k8s-lint: internal error: ${error instanceof Error ? error.stack : String(error)} (please report this)`);
    }
  }

  private pathOf(uri: string): string {
    return uri.startsWith('file:') ? fileURLToPath(uri) : uri;
  }

  /** The deepest workspace folder holding `file`, else the one for loose documents. */
  private workspaceOf(file: string): Workspace {
    let best: Workspace = this.loose;
    let depth = -1;
    for (const workspace of this.workspaces) {
      const d = workspace.contains(file);
      if (d > depth) [best, depth] = [workspace, d];
    }
    return best;
  }

  /** Records the change (if any) and lints after `delay` ms without further changes. */
  private schedule(delay: number, document?: TextDocument): void {
    if (document && (MANIFEST.test(document.uri) || document.languageId === 'yaml')) {
      const file = this.pathOf(document.uri);
      this.workspaceOf(file).setOpen(file, document.getText());
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), delay);
  }

  /** One run at a time; changes during a run start another as soon as it ends. */
  private async run(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.lintAll();
    try {
      await this.running;
    } finally {
      this.running = undefined;
      if (this.again) {
        this.again = false;
        void this.run();
      }
    }
  }

  private async lintAll(): Promise<void> {
    await this.ready;
    for (const workspace of [...this.workspaces, this.loose]) {
      let results: Map<string, LintMessage[]> | undefined;
      // The versions of the texts this run sees (the overlay is read before the first await).
      const versions = new Map(this.documents.all().map((d) => [d.uri, d.version]));
      await this.safely(async () => void (results = await workspace.lint()));
      if (!results) continue;
      for (const file of workspace.openFiles) {
        const uri = this.uriOf(file);
        const messages = results.get(file);
        if (messages) this.publish(uri, messages, versions.get(uri), workspace);
        else this.clear(uri);
      }
      this.publishConfig(workspace);
    }
  }

  private uriOf(file: string): string {
    const uri = fileUri(file);
    return this.documents.get(uri) ? uri : (this.documents.all().find((d) => this.pathOf(d.uri) === file)?.uri ?? uri);
  }

  private publish(uri: string, messages: readonly LintMessage[], version: number | undefined, workspace: Workspace): void {
    const diagnostics = messages.map((m) => toDiagnostic(m, (id) => workspace.docsUrl(id), (file) => this.uriOf(file)));
    this.published.add(uri);
    this.linted.set(uri, { version, messages });
    void this.connection.sendDiagnostics({ uri, version, diagnostics });
  }

  private clear(uri: string): void {
    this.linted.delete(uri);
    if (!this.published.delete(uri)) return;
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  /** A configuration file that cannot be used gets its problems as diagnostics (and the run goes on without it). */
  private publishConfig(workspace: Workspace): void {
    const problem = workspace.configProblem;
    const uri = problem && fileUri(problem.file);
    const old = this.configUris.get(workspace);
    if (old !== undefined && old !== uri) this.clear(old);
    this.configUris.delete(workspace);
    if (!problem || !uri) return;
    this.configUris.set(workspace, uri);
    this.published.add(uri);
    const diagnostics = problem.problems.map((p) => ({
      range: lspRange({ line: p.line, column: p.column, endLine: p.line, endColumn: p.column + 1 }),
      severity: 1 as const,
      source: SOURCE,
      message: `${p.message} (k8s-lint runs without this configuration file until it is fixed)`,
    }));
    void this.connection.sendDiagnostics({ uri, diagnostics });
  }
}
