import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import invalidImageReference from '../rules/invalid-image-reference.js';
import yamlSyntax from '../rules/yaml-syntax.js';
import { lint, type LintOptions } from '../src/engine.js';
import { readInputs } from '../src/files.js';
import { LintCache } from '../src/lint-cache.js';
import { ROOT } from './helpers/test-rule.js';

// Small files on disk are read when parsed, released after, and read again only for files with
// findings (positions, comments, fixes): a run does not hold the texts of all its files.
const root = mkdtempSync(path.join(tmpdir(), 'k8s-lint-read-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const BAD = readFileSync(path.join(ROOT, 'fixtures/fix/invalid-image-reference/uppercase-repository.before.yaml'), 'utf8');
const FIXED = readFileSync(path.join(ROOT, 'fixtures/fix/invalid-image-reference/uppercase-repository.after.yaml'), 'utf8');
const CLEAN = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: clean}\ndata: {a: b}\n';

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(root, 'run-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const options = (extra: LintOptions = {}): LintOptions => ({ ruleSet: [invalidImageReference, yamlSyntax], ...extra });
const positions = (messages: readonly { ruleId: string | null; line: number; column: number; endLine?: number; endColumn?: number }[]) =>
  messages.map((m) => [m.ruleId, m.line, m.column, m.endLine, m.endColumn]);

describe('texts of files on disk, read on demand', () => {
  it('reads a small file when its text is needed, and again after release', async () => {
    const dir = folder({ 'a.yaml': CLEAN });
    const { files } = await readInputs([{ path: dir }], { cwd: dir, ignorePatterns: [], maxFileSize: 1024 * 1024 });
    const [file] = files;
    expect([file.size, typeof file.release]).toEqual([CLEAN.length, 'function']);
    writeFileSync(path.join(dir, 'a.yaml'), BAD); // not read yet: the text is what is on disk when needed
    expect(file.text).toBe(BAD);
    writeFileSync(path.join(dir, 'a.yaml'), CLEAN);
    expect(file.text).toBe(BAD); // kept until released
    file.release!();
    expect(file.text).toBe(CLEAN);
  });

  it('reads UTF-16 files with a byte-order mark, and UTF-8 files that begin with U+FFFD, as when read at once', async () => {
    const utf16 = Buffer.from(`\ufeff${BAD}`, 'utf16le');
    const dir = folder({});
    writeFileSync(path.join(dir, 'le.yaml'), utf16);
    writeFileSync(path.join(dir, 'be.yaml'), Buffer.from(utf16).swap16());
    writeFileSync(path.join(dir, 'replacement.yaml'), `\ufffd: x\n---\n${CLEAN}`);
    const output = await lint([{ path: dir }], options());
    const inline = await lint([{ path: 'x.yaml', text: BAD }], options());
    expect(output.files!.map((f) => f.text)).toEqual([BAD, BAD, `\ufffd: x\n---\n${CLEAN}`]);
    expect(output.results.map((r) => positions(r.messages))).toEqual([positions(inline.results[0].messages), positions(inline.results[0].messages), []]);
  });

  it('gives the positions of findings in a file read again as of the same text given inline', async () => {
    const dir = folder({ 'a.yaml': CLEAN, 'b.yaml': BAD });
    const fromDisk = await lint([{ path: dir }], options());
    const inline = await lint([{ path: path.join(dir, 'b.yaml'), text: BAD }], options());
    expect(fromDisk.results.map((r) => path.basename(r.filePath))).toEqual(['a.yaml', 'b.yaml']);
    expect(fromDisk.results[1].messages.length).toBeGreaterThan(0);
    expect(positions(fromDisk.results[1].messages)).toEqual(positions(inline.results[0].messages));
    expect(fromDisk.files!.map((f) => f.text)).toEqual([CLEAN, BAD]);
  });

  it('keeps inline texts, overlaid texts and the language server cache as given', async () => {
    const dir = folder({ 'a.yaml': CLEAN });
    const file = path.join(dir, 'a.yaml');
    const overlay = new Map([[file, BAD]]);
    const read = await readInputs([{ path: dir }, { path: '<stdin>', text: CLEAN }], { cwd: dir, ignorePatterns: [], maxFileSize: 1024 * 1024, overlay });
    expect(read.files.map((f) => [f.text, f.release])).toEqual([[BAD, undefined], [CLEAN, undefined]]);
    const cache = new LintCache();
    const first = await lint([{ path: file, text: BAD }], options({ cache }));
    rmSync(file);
    const second = await lint([{ path: file, text: BAD }], options({ cache }));
    expect(positions(second.results[0].messages)).toEqual(positions(first.results[0].messages));
  });

  it('reports a file removed after it was found and before it was parsed as unreadable', async () => {
    const dir = folder({ 'a.yaml': CLEAN, 'b.yaml': BAD });
    const output = await lint([{ path: dir }], options({
      onProgress: ({ stage, done }) => {
        if (stage === 'read' && done === 2) rmSync(path.join(dir, 'b.yaml'));
      },
    }));
    expect(output.internalError).toBe(false);
    const [message] = output.results[1].messages;
    expect([output.results[1].messages.length, message.ruleId, message.line]).toEqual([1, 'yaml-syntax', 1]);
    expect(message.message).toMatch(/^File could not be read: ENOENT/);
  });

  it('still reports the findings of a file removed after parsing, at its start, without an internal error (texts released)', async () => {
    const dir = folder({ 'a.yaml': CLEAN, 'b.yaml': BAD });
    const before = await lint([{ path: dir }], options());
    let removed = false;
    const output = await lint([{ path: dir }], options({
      keepTextsUpTo: 0,
      onProgress: ({ stage }) => {
        if (stage === 'check' && !removed) rmSync(path.join(dir, 'b.yaml'));
        removed ||= stage === 'check';
      },
    }));
    expect(output.internalError).toBe(false);
    const rules = (o: typeof output) => o.results[1].messages.map((m) => m.ruleId);
    expect(rules(output)).toEqual(rules(before));
    expect(output.results[1].messages.every((m) => m.line === 1 && m.column === 1)).toBe(true);
  });

  it('resolves the positions of a file changed after parsing in its new text, without an internal error (texts released)', async () => {
    const dir = folder({ 'b.yaml': BAD });
    let changed = false;
    const output = await lint([{ path: dir }], options({
      keepTextsUpTo: 0,
      onProgress: ({ stage }) => {
        if (stage === 'check' && !changed) writeFileSync(path.join(dir, 'b.yaml'), `# moved down\n${BAD}`);
        changed ||= stage === 'check';
      },
    }));
    const before = await lint([{ path: path.join(dir, 'b.yaml'), text: BAD }], options());
    expect(output.internalError).toBe(false);
    expect(positions(output.results[0].messages)).toEqual(positions(before.results[0].messages).map(([id, line, column, endLine, endColumn]) => [id, (line as number) + 1, column, (endLine as number) + 1, endColumn]));
  });

  it('keeps the texts of a run up to keepTextsUpTo: positions are of the text parsed, whatever the file became', async () => {
    const dir = folder({ 'a.yaml': CLEAN, 'b.yaml': BAD });
    const before = await lint([{ path: dir }], options());
    let changed = false;
    const output = await lint([{ path: dir }], options({
      keepTextsUpTo: BAD.length + CLEAN.length,
      onProgress: ({ stage }) => {
        if (stage === 'check' && !changed) {
          rmSync(path.join(dir, 'a.yaml'));
          writeFileSync(path.join(dir, 'b.yaml'), `# moved down\n${BAD}`);
        }
        changed ||= stage === 'check';
      },
    }));
    expect(output.internalError).toBe(false);
    expect(positions(output.results[1].messages)).toEqual(positions(before.results[1].messages));
    expect(output.files!.map((f) => f.text)).toEqual([CLEAN, BAD]);
  });

  it('fixes a file on disk in memory, keeping the text first read', async () => {
    const dir = folder({ 'b.yaml': BAD });
    const output = await lint([{ path: dir }], options({ fix: true }));
    expect(output.results[0].output).toBe(FIXED);
    expect(output.files!.map((f) => f.text)).toEqual([BAD]);
    expect(readFileSync(path.join(dir, 'b.yaml'), 'utf8')).toBe(BAD);
  });
});
