/**
 * `k8s-lint --lsp` as an editor runs it: the built CLI spawned with stdio, spoken to by the
 * protocol client of the vscode-languageserver family (JSON-RPC over its stdin and stdout).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type CodeAction,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { ROOT } from '../helpers/test-rule.js';

const BIN = path.join(ROOT, 'bin', 'k8s-lint.js');

interface Client {
  readonly connection: ProtocolConnection;
  readonly child: ChildProcessWithoutNullStreams;
  /**
   * The diagnostics published for `uri` once they are for document `version` or later, or once
   * `accept` takes them (skipping earlier runs); without either, the next ones published.
   */
  diagnostics(uri: string, accept?: number | ((diagnostics: Diagnostic[]) => boolean)): Promise<Diagnostic[]>;
  stderr(): string;
}

function start(root: string, args: string[] = []): Client {
  const child = spawn(process.execPath, [BIN, '--lsp', '--stdio', ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const queues = new Map<string, PublishDiagnosticsParams[]>();
  const waiting = new Map<string, (params: PublishDiagnosticsParams) => void>();
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    const waiter = waiting.get(params.uri);
    if (waiter) {
      waiting.delete(params.uri);
      waiter(params);
    } else {
      queues.set(params.uri, [...(queues.get(params.uri) ?? []), params]);
    }
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  return {
    connection,
    child,
    stderr: () => stderr,
    async diagnostics(uri, accept) {
      const fresh = (params: PublishDiagnosticsParams) =>
        accept === undefined || (typeof accept === 'number' ? (params.version ?? -1) >= accept : accept(params.diagnostics));
      for (;;) {
        const queued = queues.get(uri)?.shift();
        const params = queued ?? (await new Promise<PublishDiagnosticsParams>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}; stderr: ${stderr}`)), 10_000);
          waiting.set(uri, (p) => {
            clearTimeout(timer);
            resolve(p);
          });
        }));
        if (fresh(params)) return params.diagnostics;
      }
    },
  };
}

async function initialize(client: Client, root: string): Promise<void> {
  const rootUri = pathToFileURL(root).href;
  const result = await client.connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'workspace' }],
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions: { debounceMs: 10 },
  });
  expect(result).toMatchObject({ capabilities: { codeActionProvider: expect.anything() }, serverInfo: { name: 'k8s-lint' } });
  await client.connection.sendNotification('initialized', {});
}

function open(client: Client, uri: string, text: string): Promise<void> {
  return client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
}

function change(client: Client, uri: string, version: number, text: string): Promise<void> {
  return client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

async function stop(client: Client): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => client.child.once('exit', resolve));
  await client.connection.sendRequest('shutdown');
  await client.connection.sendNotification('exit');
  const code = await exited;
  client.connection.dispose();
  return code;
}

describe('k8s-lint --lsp', { timeout: 30_000 }, () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'k8s-lint-lsp-'));
    cpSync(path.join(ROOT, 'fixtures', 'lsp', 'workspace'), root, { recursive: true });
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reports a Service selector edit against the whole workspace, with rule link, related place and a suppression', async () => {
    const client = start(root);
    await initialize(client, root);
    const uri = pathToFileURL(path.join(root, 'apps', 'service.yaml')).href;
    const text = readFileSync(path.join(root, 'apps', 'service.yaml'), 'utf8');
    await open(client, uri, text);
    // The Deployment it selects is in another file, never opened: the workspace index resolves it.
    expect(await client.diagnostics(uri)).toEqual([]);

    const edited = text.replace('app: web', 'app: wbe');
    await change(client, uri, 2, edited);
    const [diagnostic, ...rest] = await client.diagnostics(uri, 2);
    expect(rest).toEqual([]);
    expect(diagnostic).toMatchObject({
      source: 'k8s-lint',
      code: 'service-selector-mismatch',
      severity: 2, // warn: the workspace's .k8s-lint.yaml applies
      range: { start: { line: 7, character: 9 }, end: { line: 7, character: 12 } }, // the value `wbe`
      codeDescription: { href: expect.stringMatching(/RULES\.md#service-selector-mismatch$/) },
      message: expect.stringContaining('Deployment `web` are labelled `app=web`'),
      relatedInformation: [
        {
          location: { uri: pathToFileURL(path.join(root, 'apps', 'deployment.yaml')).href, range: { start: { line: 13, character: 8 } } },
          message: expect.stringContaining('Deployment `web`'),
        },
      ],
    });

    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable service-selector-mismatch for this line')!;
    expect(disable.edit!.changes![uri]).toEqual([
      { range: { start: { line: 7, character: 0 }, end: { line: 7, character: 0 } }, newText: '    # k8s-lint-disable-next-line service-selector-mismatch -- TODO: why this is safe\n' },
    ]);
    expect(actions.map((a) => a.title)).toContain('Disable service-selector-mismatch for this YAML document');

    // Applying the suppression clears the diagnostic.
    const lines = edited.split('\n');
    lines.splice(7, 0, disable.edit!.changes![uri][0].newText.trimEnd());
    await change(client, uri, 3, lines.join('\n'));
    expect(await client.diagnostics(uri, 3)).toEqual([]);

    expect(await stop(client)).toBe(0);
    expect(client.stderr()).toBe('');
  });

  it("offers the rule's safe fix as the preferred quick fix, and all safe fixes as a source action", async () => {
    const client = start(root);
    await initialize(client, root);
    const file = path.join(root, 'apps', 'deployment.yaml');
    const uri = pathToFileURL(file).href;
    const text = readFileSync(file, 'utf8').replace('ghcr.io/acme/web:1.4.2', 'ghcr.io/Acme/Web:1.4.2');
    await open(client, uri, text);
    const diagnostics = await client.diagnostics(uri, (d) => d.length > 0);
    const diagnostic = diagnostics.find((d) => d.code === 'invalid-image-reference')!;
    expect(diagnostic.range.start.line).toBe(17);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred)!;
    expect(fix.title).toBe('Fix this invalid-image-reference problem');
    const [edit] = fix.edit!.changes![uri];
    const lines = text.split('\n');
    const fixed = lines[17].slice(0, edit.range.start.character) + edit.newText + lines[17].slice(edit.range.end.character);
    expect(fixed).toBe('          image: ghcr.io/acme/web:1.4.2');

    const source = (await client.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    })) as CodeAction[];
    expect(source).toMatchObject([{ kind: 'source.fixAll.k8s-lint', title: 'Fix all safe k8s-lint problems' }]);
    expect(source[0].edit!.changes![uri][0].newText).toBe(readFileSync(file, 'utf8'));
    expect(await stop(client)).toBe(0);
  });

  it("lints with the workspace's plugins and CEL custom rules, linking plugin rules to the plugin's docs", async () => {
    for (const [folder, file, code, href] of [
      ['plugins/project', 'manifests/shop.yaml', 'acme/require-team-label', 'https://github.com/k8s-lint/k8s-lint/tree/main/fixtures/plugins/acme'],
      ['custom-rules', 'manifests/app.yaml', 'custom/min-replicas', pathToFileURL(path.join(ROOT, 'fixtures', 'custom-rules', '.k8s-lint.yaml')).href],
    ]) {
      const workspace = path.join(ROOT, 'fixtures', folder);
      const client = start(workspace);
      await initialize(client, workspace);
      const uri = pathToFileURL(path.join(workspace, file)).href;
      await open(client, uri, readFileSync(path.join(workspace, file), 'utf8'));
      const diagnostics = await client.diagnostics(uri, 1);
      expect(diagnostics.find((d) => d.code === code)).toMatchObject({ codeDescription: { href } });
      expect(await stop(client)).toBe(0);
    }
  });

  it('follows files changed on disk, and reports an invalid configuration on the configuration file', async () => {
    const client = start(root);
    await initialize(client, root);
    const uri = pathToFileURL(path.join(root, 'apps', 'service.yaml')).href;
    await open(client, uri, readFileSync(path.join(root, 'apps', 'service.yaml'), 'utf8'));
    expect(await client.diagnostics(uri)).toEqual([]);

    // The Deployment's labels change on disk (a checkout): the open Service now selects nothing.
    const deployment = path.join(root, 'apps', 'deployment.yaml');
    writeFileSync(deployment, readFileSync(deployment, 'utf8').replaceAll('app: web', 'app: api'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(deployment).href, type: 2 }] });
    expect(await client.diagnostics(uri, (d) => d.length > 0)).toMatchObject([{ code: 'service-selector-mismatch', severity: 2 }]);

    const config = path.join(root, '.k8s-lint.yaml');
    writeFileSync(config, 'rules:\n  service-selector-mismatch: warning\n');
    const configUri = pathToFileURL(config).href;
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: configUri, type: 2 }] });
    expect(await client.diagnostics(configUri)).toMatchObject([
      { range: { start: { line: 1, character: 29 } }, message: expect.stringMatching(/`rules.service-selector-mismatch`: must be one of `off`, `warn`, `error`/) },
    ]);
    // Without the file the rule has its default severity, error.
    expect(await client.diagnostics(uri, (d) => d[0]?.severity === 1)).toMatchObject([{ code: 'service-selector-mismatch', severity: 1 }]);

    // A file created without a watcher's notice is found when it is opened.
    const created = path.join(root, 'apps', 'settings.yaml');
    writeFileSync(created, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Settings\n  namespace: shop\n');
    const createdUri = pathToFileURL(created).href;
    await open(client, createdUri, readFileSync(created, 'utf8'));
    expect(await client.diagnostics(createdUri, (d) => d.length > 0)).toMatchObject([{ code: 'invalid-object-name', range: { start: { line: 3 } } }]);
    expect(await stop(client)).toBe(0);
  });
});
