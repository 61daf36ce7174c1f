// Loads the bundle's core (dist/cli.cjs, everything a run needs at start) with V8's code cache.
//
// Node >= 22.1 keeps a compile cache of its own (`module.enableCompileCache`, in k8s-lint.js): there
// the core is required as usual. Node 20 has none, so a start compiled the core's half megabyte
// and then each function the run calls; here the core runs in a vm.Script whose code cache, made
// after the first run (so it holds the functions that run compiled), spares later runs that work.
//
// The cache lives in `$NODE_COMPILE_CACHE` when set, else in a folder of the user's own under the
// temporary folder (never in the package or the user's files). It is named after the Node version
// and the core's size and time, written atomically (concurrent runs), and V8 checks it against the
// source and flags before using it. Any failure to read or write it only costs the speed-up.
const { lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { createRequire } = Module;
const { tmpdir } = require('node:os');
const path = require('node:path');
const { fileURLToPath, pathToFileURL } = require('node:url');
const vm = require('node:vm');

/** A folder only this user can write (a planted cache would be code run by k8s-lint), or undefined. */
function cacheFolder(env) {
  if (env.NODE_COMPILE_CACHE) return env.NODE_COMPILE_CACHE;
  const uid = process.getuid?.();
  const folder = path.join(tmpdir(), `k8s-lint-compile-cache${uid === undefined ? '' : `-${uid}`}`);
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = lstatSync(folder);
    if (!stat.isDirectory() || (uid !== undefined && (stat.uid !== uid || (stat.mode & 0o022) !== 0))) return undefined;
    return folder;
  } catch {
    return undefined;
  }
}

function cacheFile(file, env) {
  if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const folder = cacheFolder(env);
  if (folder === undefined) return undefined;
  const { size, mtimeMs } = statSync(file);
  return path.join(folder, `k8s-lint-cli-${process.version}-${process.arch}-${size}-${Math.trunc(mtimeMs)}.cache`);
}

/** Caches of other builds or Node versions not written for a day (an install that is still used rewrites its own). */
const STALE_MS = 24 * 60 * 60 * 1000;

function save(cache, script) {
  try {
    const folder = path.dirname(cache);
    mkdirSync(folder, { recursive: true });
    const temporary = `${cache}.${process.pid}.tmp`;
    writeFileSync(temporary, script.createCachedData(), { mode: 0o600 });
    renameSync(temporary, cache);
    for (const name of readdirSync(folder)) {
      const other = path.join(folder, name);
      if (/^k8s-lint-cli-.+\.cache$/.test(name) && other !== cache && Date.now() - statSync(other).mtimeMs > STALE_MS) rmSync(other, { force: true });
    }
  } catch {
    // A read-only or full disk: the next run compiles again.
  }
}

/** The exports of the CommonJS module `url` (the core), from the code cache when there is one. */
function loadCore(url, env = process.env) {
  const file = realpathSync(fileURLToPath(url));
  const require = createRequire(file);
  if (typeof Module.enableCompileCache === 'function') return require(file);
  const cache = cacheFile(file, env);
  let cachedData;
  try {
    if (cache !== undefined) cachedData = readFileSync(cache);
  } catch {
    // No cache yet.
  }
  const source = readFileSync(file, 'utf8');
  // The wrapper of a CommonJS module (on one line: positions in stack traces stay right), plus the
  // core's dynamic imports: a vm.Script's own `import()` needs --experimental-vm-modules on Node 20.
  const wrapper = `(function (exports, require, module, __filename, __dirname, __k8sLintImport) {${source}\n})`;
  const script = new vm.Script(wrapper, { filename: file, cachedData });
  const core = new Module(file, undefined);
  core.filename = file;
  core.paths = Module._nodeModulePaths(path.dirname(file));
  // Lazy files import the core (`./cli.cjs`): Node's loader finds this instance in the cache.
  Module._cache[file] = core;
  const base = pathToFileURL(file);
  const dynamicImport = (specifier) => import(specifier.startsWith('.') ? new URL(specifier, base).href : specifier);
  try {
    script.runInThisContext()(core.exports, require, core, file, path.dirname(file), dynamicImport);
  } catch (error) {
    delete Module._cache[file];
    throw error;
  }
  core.loaded = true;
  if (cache !== undefined && (cachedData === undefined || script.cachedDataRejected)) process.once('exit', () => save(cache, script));
  return core.exports;
}

module.exports = { loadCore };
