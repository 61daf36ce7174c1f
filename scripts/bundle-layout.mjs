// The bundle's layout (scripts/build.mjs): one file for what every run loads, lazy files for the rest.
//
// esbuild's code splitting puts a module reached by the CLI and by a lazily imported module in a
// chunk of its own, since it cannot know that the lazy one only loads after the CLI: the start-up
// path was 24 files, and on Node 20 each file costs a resolution, a read, a compile and a link.
// So the bundle is built in two layers:
// - the core, `cli.cjs`: everything the CLI imports statically (plus `eager`: modules it imports
//   dynamically on every run), in one CommonJS file (bin/code-cache.js runs it with V8's code cache
//   on Node 20). It also exports, as namespaces `__k0`, `__k1`..., each of its modules that lazy
//   code imports; `cli.js` is its ES module face;
// - the lazy layer (ES modules): every module the core imports dynamically, and the other entries
//   (rule-api, engine, rules...), split among themselves as usual; an import of a core module
//   becomes its namespace from `./cli.js`, so the process holds one instance of every module.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The core's file: CommonJS, so that bin/ can compile it with V8's code cache on Node 20 (bin/code-cache.js). */
export const CORE_OUTPUT = 'cli.cjs';
/**
 * The core's own `import.meta.url`, and its dynamic imports: through the loader's function when
 * bin/code-cache.js runs it in a vm.Script (whose own `import()` needs an experimental flag on Node
 * 20), else Node's `import()`.
 */
const CORE_BANNER = [
  "const __k8sLintUrl = require('node:url').pathToFileURL(__filename).href;",
  "const __k8sImport = typeof __k8sLintImport === 'function' ? __k8sLintImport : (specifier) => import(specifier);",
].join('\n');
const CORE_ENTRY = 'k8s-lint:core';
const CORE_FILE = 'k8s-lint:core-file';

/** The metafile's name of a resolved module: its path from `root`, or `namespace:path`. */
function keyOf(root, resolved) {
  return resolved.namespace === 'file' ? path.relative(root, resolved.path).split(path.sep).join('/') : `${resolved.namespace}:${resolved.path}`;
}

/** `src/formatters/json.ts` -> `lazy-formatters-json`; node_modules/ajv/dist/ajv.js -> `lazy-ajv`. */
function lazyName(key, taken) {
  const packageName = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(key)?.[1];
  const base = `lazy-${(packageName ?? key.replace(/^[\w-]+:/, '').replace(/^src\//, '').replace(/\.[cm]?[jt]s$/, '')).replace(/[^\w]+/g, '-')}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  taken.add(name);
  return name;
}

/**
 * Resolves every import of `kinds` as esbuild would, then lets `decide(key, specifier, resolved)`
 * replace the result (or return undefined to keep it).
 */
function boundary(root, kinds, decide) {
  return {
    name: 'layer-boundary',
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (!kinds.includes(args.kind) || args.pluginData?.layerBoundary) return undefined;
        if (args.path === CORE_ENTRY || args.path === CORE_FILE) return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { layerBoundary: true } });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (resolved.external) return { path: resolved.path, external: true, sideEffects: resolved.sideEffects };
        return decide(keyOf(root, resolved), args.path, resolved) ?? { ...resolved, pluginData: undefined };
      });
    },
  };
}

/** The core's entry: the CLI's exports, plus a namespace per module lazy code imports. */
function coreEntry(cli, exported) {
  return {
    name: 'core-entry',
    setup(b) {
      b.onResolve({ filter: /^k8s-lint:core$/ }, () => ({ path: CORE_ENTRY, namespace: 'core-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'core-entry' }, () => ({
        contents: [`export * from ${JSON.stringify(cli)};`, ...exported.map((specifier, i) => `export * as __k${i} from ${JSON.stringify(specifier)};`)].join('\n'),
        resolveDir: path.dirname(cli),
        loader: 'js',
      }));
    },
  };
}

/**
 * Lazy code's import of a core module: its namespace from the core (through `./cli.js`). `names(key)` gives the
 * module's export names, or undefined while analysing (any name then passes).
 */
function coreReference(hits, names) {
  return {
    name: 'core-reference',
    setup(b) {
      b.onResolve({ filter: /^k8s-lint:core-file$/ }, () => ({ path: './cli.js', external: true }));
      b.onLoad({ filter: /.*/, namespace: 'core-reference' }, (args) => {
        const key = args.path.slice(0, -' (core)'.length);
        const index = [...hits.keys()].indexOf(key);
        const exported = names(key);
        if (exported === undefined) return { contents: 'module.exports = {};', loader: 'js' };
        const named = exported.filter((name) => name !== 'default');
        const lines = [`import core from '${CORE_FILE}';`, `const m = core.__k${index};`];
        if (named.length > 0) lines.push(`export const { ${named.join(', ')} } = m;`);
        if (exported.includes('default')) lines.push('export default m.default;');
        return { contents: lines.join('\n'), loader: 'js' };
      });
    },
  };
}

/**
 * Every `import(` of the core's (minified) output becomes a call of `__k8sImport`. Only if each is
 * one of the dynamic imports the metafile lists, with its literal specifier (so none is text in a
 * string): a computed specifier in the core would need a look here.
 */
function routeDynamicImports(text, output) {
  const listed = output.imports.filter((entry) => entry.kind === 'dynamic-import').map((entry) => entry.path).sort();
  const found = text.split('import(').length - 1;
  const literal = Array.from(text.matchAll(/import\("([^"\\]*)"\)/g), (m) => m[1]).sort();
  if (found !== literal.length || JSON.stringify(literal) !== JSON.stringify(listed)) {
    throw new Error(`bundle-layout: the core's import( calls (${found}: ${literal.join(', ')}) are not the dynamic imports its metafile lists (${listed.join(', ')})`);
  }
  return `'use strict';\n${CORE_BANNER}\n${text.replaceAll('import(', '__k8sImport(')}`;
}

/**
 * Builds `cli` (a source path) as the core and `others` (name -> source) as the lazy layer into
 * `outdir`, with esbuild `options` and `plugins`; returns one metafile for both layers.
 */
export async function layeredBundle({ root, outdir, cli, eager, others, options, plugins }) {
  const eagerFiles = eager.map((file) => path.join(root, file));
  const eagerKeys = new Set(eager);
  const dynamic = new Map();
  const taken = new Set(Object.keys(others));
  const toLazy = (inCore) =>
    boundary(root, ['dynamic-import'], (key, specifier, resolved) => {
      if (inCore(key)) return undefined;
      if (!dynamic.has(key)) dynamic.set(key, { name: lazyName(key, taken), entry: resolved.namespace === 'file' ? resolved.path : specifier });
      return { path: `./${dynamic.get(key).name}.js`, external: true };
    });
  const coreBuild = (exported, inCore, write) =>
    build({
      ...options,
      entryPoints: { cli: CORE_ENTRY },
      outdir,
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      supported: { 'dynamic-import': true },
      define: { 'import.meta.url': '__k8sLintUrl' },
      banner: {},
      splitting: false,
      write,
      plugins: [toLazy(inCore), coreEntry(path.join(root, cli), [...eagerFiles, ...exported]), ...plugins],
    });

  // 1. What the core holds, and which modules it imports dynamically.
  const analysed = await coreBuild([], (key) => eagerKeys.has(key), false);
  const coreKeys = new Set(Object.keys(analysed.metafile.inputs));
  for (const key of dynamic.keys()) if (coreKeys.has(key)) dynamic.delete(key);

  // 2. Which core modules lazy code imports.
  const hits = new Map(eager.map((key) => [key, path.join(root, key)]));
  const lazyBuild = (names, write) => {
    const reference = boundary(root, ['import-statement', 'dynamic-import', 'entry-point'], (key, specifier, resolved) => {
      if (!coreKeys.has(key)) return undefined;
      if (!hits.has(key)) hits.set(key, resolved.namespace === 'file' ? resolved.path : specifier);
      // The suffix: a path ending in `.mjs` would make the analysis's stand-in an ES module.
      return { path: `${key} (core)`, namespace: 'core-reference' };
    });
    const entryPoints = { ...Object.fromEntries([...dynamic.values()].map(({ name, entry }) => [name, entry])), ...others };
    return build({ ...options, entryPoints, outdir, splitting: true, write, plugins: [reference, coreReference(hits, names), ...plugins] });
  };
  await lazyBuild(() => undefined, false);

  // 3. The core, exporting those modules; 4. their export names, from the built core itself.
  const core = await coreBuild([...hits.values()].slice(eager.length), (key) => coreKeys.has(key), true);
  const coreFile = path.join(outdir, CORE_OUTPUT);
  const relative = (file) => path.relative(root, path.join(outdir, file)).split(path.sep).join('/');
  writeFileSync(coreFile, routeDynamicImports(readFileSync(coreFile, 'utf8'), core.metafile.outputs[relative(CORE_OUTPUT)]));
  const built = createRequire(import.meta.url)(coreFile);
  // `dist/cli.js`: the core as an ES module, for lazy files and scripts. Through `require`, which
  // finds the instance bin/code-cache.js ran (an `import` of the .cjs would have Node lex its source).
  const own = Object.keys(built).filter((name) => !/^__k\d+$/.test(name));
  const face = `import { createRequire } from 'node:module';\nconst core = createRequire(import.meta.url)('./${CORE_OUTPUT}');\nexport const { ${own.join(', ')} } = core;\nexport default core;\n`;
  writeFileSync(path.join(outdir, 'cli.js'), face);
  const faceMeta = { [relative('cli.js')]: { bytes: face.length, inputs: {}, imports: [{ path: relative(CORE_OUTPUT), kind: 'require-call' }], exports: [...own, 'default'] } };
  const keys = [...hits.keys()];
  const names = (key) => Object.keys(built[`__k${keys.indexOf(key)}`]);

  // 5. The lazy layer.
  const lazy = await lazyBuild(names, true);
  return {
    metafile: { inputs: { ...core.metafile.inputs, ...lazy.metafile.inputs }, outputs: { ...core.metafile.outputs, ...faceMeta, ...lazy.metafile.outputs } },
  };
}
