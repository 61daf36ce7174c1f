import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readInputs } from '../src/files.js';

const root = mkdtempSync(path.join(tmpdir(), 'k8s-lint-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(root, 'tree-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const read = (dir: string, maxFileSize = 1024 * 1024) => readInputs([{ path: dir }], { cwd: dir, ignorePatterns: [], maxFileSize });
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n';

describe('finding files in folders', () => {
  it('reads .yaml, .yml and .json files in path order, skipping hidden entries, node_modules and symbolic links', async () => {
    const dir = tree({
      'b/two.yml': CONFIG_MAP,
      'a/one.yaml': CONFIG_MAP,
      'a/deep/three.json': '{}',
      'top.yaml': CONFIG_MAP,
      'notes.txt': 'not a manifest',
      'upper.YAML': CONFIG_MAP,
      'a/.hidden.yaml': CONFIG_MAP,
      '.git/config.yaml': CONFIG_MAP,
      'node_modules/pkg/x.yaml': CONFIG_MAP,
      'a/node_modules/y.yaml': CONFIG_MAP,
      'folder.yaml/inside.yaml': CONFIG_MAP,
    });
    symlinkSync(path.join(dir, 'top.yaml'), path.join(dir, 'link.yaml'));
    symlinkSync(path.join(dir, 'b'), path.join(dir, 'linked-folder'));
    const { files, errors } = await read(dir);
    expect(errors).toEqual([]);
    expect(files.map((f) => path.relative(dir, f.path))).toEqual(['a/deep/three.json', 'a/one.yaml', 'b/two.yml', 'folder.yaml/inside.yaml', 'top.yaml']);
    expect(files[1].text).toBe(CONFIG_MAP);
  });

  it('reports files over the size limit without reading them, and names paths that do not exist', async () => {
    const dir = tree({ 'big.yaml': `${CONFIG_MAP}# ${'x'.repeat(200)}\n`, 'small.yaml': CONFIG_MAP });
    const result = await readInputs([{ path: dir }, { path: 'missing.yaml' }], { cwd: dir, ignorePatterns: [], maxFileSize: 100 });
    expect(result.errors).toEqual(['No such file or directory: missing.yaml']);
    expect(result.files.map((f) => [path.basename(f.path), f.text.length])).toEqual([['big.yaml', 0], ['small.yaml', CONFIG_MAP.length]]);
    expect(result.issues.map((i) => [path.basename(i.file.path), i.messageId, i.data])).toEqual([['big.yaml', 'tooLarge', { size: CONFIG_MAP.length + 203, limit: 100 }]]);
  });

  it('reads a file given by a path that is not a regular file (a pipe) to its end', async () => {
    const dir = tree({ 'one.yaml': CONFIG_MAP });
    const { files } = await readInputs([{ path: '/dev/null' }, { path: path.join(dir, 'one.yaml') }], { cwd: dir, ignorePatterns: [], maxFileSize: 100 });
    expect(files.map((f) => [f.path, f.text])).toEqual([['/dev/null', ''], [path.join(dir, 'one.yaml'), CONFIG_MAP]]);
  });
});
