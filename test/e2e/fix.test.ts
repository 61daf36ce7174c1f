/** `--fix` and `--fix-dry-run` through the built CLI, on copies in a temporary folder. */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

const BIN = path.join(ROOT, 'bin', 'k8s-lint.js');

function run(args: string[], input = '') {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Result { filePath: string; output?: string; messages: Array<{ ruleId: string; line: number; fix?: unknown }> }

function shopCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-fix-'));
  cpSync(path.join(ROOT, 'fixtures', 'examples', 'shop'), dir, { recursive: true });
  return dir;
}

function snapshot(dir: string): Record<string, { text: string; mtime: number }> {
  return Object.fromEntries(readdirSync(dir).map((f) => [f, { text: readFileSync(path.join(dir, f), 'utf8'), mtime: statSync(path.join(dir, f)).mtimeMs }]));
}

describe('--fix', { timeout: 30_000 }, () => {
  it('fixes the shop example, touching only files with a fixable finding; a second --fix changes nothing', () => {
    const dir = shopCopy();
    const before = snapshot(dir);
    expect(run([dir]).stderr).toBe('k8s-lint: 2 problem(s) potentially fixable with the --fix option\n');
    const fixable = (JSON.parse(run(['-f', 'json', dir]).stdout) as Result[]).filter((r) => r.messages.some((m) => m.fix)).map((r) => path.basename(r.filePath));
    expect(fixable.sort()).toEqual(['api.yaml', 'frontend.yaml']);

    const first = run(['--fix', '-f', 'json', dir]);
    expect(first.code).toBe(1);
    const results = JSON.parse(first.stdout) as Result[];
    expect(results.flatMap((r) => r.messages.filter((m) => m.fix))).toEqual([]);
    expect(results.flatMap((r) => r.messages.map((m) => m.ruleId))).not.toContain('service-target-port-mismatch');
    const after = snapshot(dir);
    for (const file of Object.keys(before)) {
      if (fixable.includes(file)) expect(after[file].text, file).not.toBe(before[file].text);
      else expect(after[file], file).toEqual(before[file]);
    }
    expect(after['api.yaml'].text).toBe(before['api.yaml'].text.replace('targetPort: 9000', 'targetPort: 8000'));
    expect(after['frontend.yaml'].text).toBe(before['frontend.yaml'].text.replace('acme/Storefront:', 'acme/storefront:'));

    const second = JSON.parse(run(['--fix', '-f', 'json', dir]).stdout) as Result[];
    expect(second).toEqual(results.map(({ output, ...rest }) => rest));
    expect(snapshot(dir)).toEqual(after);
  });

  it('--fix-dry-run writes nothing and carries the fixed text as `output` of the files it would change', () => {
    const dir = shopCopy();
    const before = snapshot(dir);
    const results = JSON.parse(run(['--fix-dry-run', '-f', 'json', dir]).stdout) as Result[];
    expect(snapshot(dir)).toEqual(before);
    const outputs = results.filter((r) => r.output !== undefined);
    expect(outputs.map((r) => path.basename(r.filePath)).sort()).toEqual(['api.yaml', 'frontend.yaml']);
    expect(outputs.find((r) => r.filePath.endsWith('api.yaml'))!.output).toBe(before['api.yaml'].text.replace('targetPort: 9000', 'targetPort: 8000'));
  });

  it('refuses --fix on stdin, and fixes stdin with --fix-dry-run', () => {
    const input = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: flags}\ndata:\n  ENABLED: yes\n';
    const refused = run(['--fix', '-'], input);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--fix cannot write to stdin; use --fix-dry-run/);
    const dry = run(['--fix-dry-run', '-f', 'json', '-'], input);
    expect(dry.code).toBe(0);
    expect((JSON.parse(dry.stdout) as Result[])[0].output).toBe(input.replace('yes', '"yes"'));
  });

  it('keeps line endings, a UTF-8 byte-order mark and UTF-16 encoding', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-fix-'));
    const text = 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: flags\r\ndata:\r\n  ENABLED: on\r\n';
    writeFileSync(path.join(dir, 'crlf.yaml'), `\uFEFF${text}`);
    const utf16 = text.replace('flags', 'flags-16');
    writeFileSync(path.join(dir, 'utf16.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(utf16, 'utf16le')]));
    expect(run(['--fix', dir]).code).toBe(0);
    const quoted = (t: string) => t.replace('ENABLED: on', 'ENABLED: "on"');
    expect(readFileSync(path.join(dir, 'crlf.yaml'), 'utf8')).toBe(`\uFEFF${quoted(text)}`);
    expect(readFileSync(path.join(dir, 'utf16.yaml'))).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(quoted(utf16), 'utf16le')]));
  });
});
