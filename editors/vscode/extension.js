// The whole extension: start `k8s-lint --lsp` for the first workspace folder and let
// vscode-languageclient do the rest (diagnostics, code actions, file watching).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

/** The project's own (pinned) k8s-lint first, else npx with the configured version. */
function serverCommand(settings, folder) {
  const windows = process.platform === 'win32';
  if (settings.get('path')) return { command: settings.get('path'), args: [] };
  const local = folder && path.join(folder.uri.fsPath, 'node_modules', '.bin', windows ? 'k8s-lint.cmd' : 'k8s-lint');
  if (local && fs.existsSync(local)) return { command: local, args: [] };
  return { command: windows ? 'npx.cmd' : 'npx', args: ['--yes', `k8s-lint@${settings.get('version')}`] };
}

async function activate() {
  const settings = vscode.workspace.getConfiguration('k8s-lint');
  const folder = vscode.workspace.workspaceFolders?.[0];
  const { command, args } = serverCommand(settings, folder);
  const executable = {
    command,
    args: [...args, '--lsp', ...settings.get('args')],
    options: { cwd: folder?.uri.fsPath, shell: process.platform === 'win32' },
  };
  client = new LanguageClient('k8s-lint', 'k8s-lint', { run: executable, debug: executable }, {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'file', language: 'json' },
    ],
    initializationOptions: { debounceMs: settings.get('debounceMs') },
  });
  await client.start();
}

function deactivate() {
  return client?.stop();
}

module.exports = { activate, deactivate };
