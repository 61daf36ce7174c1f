// `npm run bench -- --lsp`: latency per keystroke of `k8s-lint --lsp` on a generated workspace.
// The built CLI is spawned as a language server (debounce off); one file is opened and typed into
// (a Service selector edited a character at a time); each keystroke is timed from didChange to the
// diagnostics for that version. For scale, the same run times a plain js-yaml parse of every file.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import jsyaml from 'js-yaml';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

const KEYSTROKES = 40;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

export async function benchLsp(root, dir, objects) {
  const files = readdirSync(dir, { recursive: true }).filter((f) => f.endsWith('.yaml')).map((f) => path.join(dir, f));
  const child = spawn(process.execPath, [path.join(root, 'bin/k8s-lint.js'), '--lsp'], { cwd: dir });
  child.stderr.pipe(process.stderr);
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const waiting = new Map();
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    const key = `${params.uri}#${params.version}`;
    waiting.get(key)?.(params);
    waiting.delete(key);
  });
  connection.listen();
  const published = (uri, version) => new Promise((resolve) => waiting.set(`${uri}#${version}`, resolve));
  const rootUri = pathToFileURL(dir).href;
  await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'bench' }], capabilities: {}, initializationOptions: { debounceMs: 0 } });
  await connection.sendNotification('initialized', {});

  const file = files[Math.floor(files.length / 2)];
  const uri = pathToFileURL(file).href;
  const text = readFileSync(file, 'utf8');
  let started = performance.now();
  let done = published(uri, 1);
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  await done;
  const firstMs = performance.now() - started;

  // Type `x` after the first Service selector's value, then delete it, again and again.
  const at = text.indexOf('selector: {app: ') + 'selector: {app: '.length;
  const value = text.slice(at, text.indexOf('}', at));
  const line = text.slice(0, at).split('\n').length - 1;
  const character = at - text.lastIndexOf('\n', at - 1) - 1 + value.length;
  const latencies = [];
  let problems = 0;
  for (let version = 2; version < KEYSTROKES + 2; version++) {
    const typing = version % 2 === 0;
    const range = typing ? { start: { line, character }, end: { line, character } } : { start: { line, character }, end: { line, character: character + 1 } };
    done = published(uri, version);
    started = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: typing ? 'x' : '' }] });
    const params = await done;
    latencies.push(performance.now() - started);
    if (typing) problems += params.diagnostics.length;
  }
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();

  const texts = files.map((f) => readFileSync(f, 'utf8'));
  const parses = [];
  for (let i = 0; i < 15; i++) {
    started = performance.now();
    for (const t of texts) jsyaml.loadAll(t);
    parses.push(performance.now() - started);
  }
  const keystroke = median(latencies);
  const parse = median(parses);
  console.log(`k8s-lint --lsp, ${objects} objects in ${files.length} files, ${KEYSTROKES} keystrokes in one file:`);
  console.log(`  first diagnostics after open (reads and parses the workspace): ${firstMs.toFixed(0)} ms`);
  console.log(`  per keystroke: median ${keystroke.toFixed(1)} ms, p90 ${percentile(latencies, 0.9).toFixed(1)} ms (didChange -> diagnostics, over JSON-RPC)`);
  console.log(`  plain js-yaml parse of the same ${files.length} files: median ${parse.toFixed(1)} ms`);
  console.log(`  ratio keystroke / full parse: ${(keystroke / parse).toFixed(2)}  (the typo was reported ${problems} times of ${KEYSTROKES / 2})`);
}
