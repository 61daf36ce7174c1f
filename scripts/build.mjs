// `npm run build`: the bundle that ships (esbuild), then the type declarations of `k8s-lint/rule-api`.
//
// Every entry lands in dist/ beside its chunks (one folder, so `new URL('./x.js', import.meta.url)`
// in any chunk finds a sibling entry, and package-info finds package.json one level up). What a
// plain run does not need sits behind a dynamic `import()` in src/ and becomes a lazy chunk here.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, transform } from 'esbuild';
import { layeredBundle } from './bundle-layout.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/**
 * The entry points, in one place. Shipped: the CLI, the plugin API (`k8s-lint/rule-api`) and each
 * module started by file name (a worker thread, should one return). Internal (left out of the package by `files`): the
 * engine and the rule list, for scripts (bench, fuzz, stress, docs) and tests that call them in
 * process; they share the CLI's chunks, so those tests run the code that ships.
 */
export const SHIPPED_ENTRIES = { cli: 'src/cli.ts', 'rule-api': 'src/rule-api.ts', 'lint-worker': 'src/parallel/worker.ts' };
export const INTERNAL_ENTRIES = { engine: 'src/engine.ts', rules: 'rules/index.ts' };

/** CommonJS dependencies bundled into ESM call `require` for Node built-ins: give each chunk one. */
const REQUIRE_SHIM = "import { createRequire as __k8sLintCreateRequire } from 'node:module';\nconst require = __k8sLintCreateRequire(import.meta.url);";

/**
 * `await import('yaml')` in src/ takes named exports, which Node finds in a CommonJS package by
 * lexing it; a bundler gives a CommonJS module's dynamic import a `default` only. This ESM face
 * names each export (read from the package itself), as Node would.
 */
const NAMED_COMMONJS = ['yaml'];
const namedCommonJs = {
  name: 'named-commonjs',
  setup(build) {
    const filter = new RegExp(`^(${NAMED_COMMONJS.join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'named-commonjs' }));
    build.onLoad({ filter: /.*/, namespace: 'named-commonjs' }, (args) => {
      const require = createRequire(path.join(root, 'package.json'));
      const file = require.resolve(args.path);
      const names = Object.keys(require(args.path)).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
      const contents = `import m from ${JSON.stringify(file)};\nexport default m;\nexport const { ${names.join(', ')} } = m;\n`;
      return { contents, resolveDir: root, loader: 'js' };
    });
  },
};

/** Bundles `entries` (name -> source) into `outdir` (emptied first), as the package's bundle is built. */
/**
 * eslint-formatter-pretty falls back to eslint-rule-docs for a rule without a docs URL: 196 KB of
 * data on ESLint plugins, evaluated each time the stylish formatter loads, that links any unknown
 * id to eslint.org. Every k8s-lint rule brings its URL, so the bundle answers "no docs known" (the
 * package's own answer for an id it does not know), and a finding of an id outside the rule set
 * (an internal error) gets no link instead of a wrong one.
 */
const noEslintRuleDocs = {
  name: 'no-eslint-rule-docs',
  setup(build) {
    build.onResolve({ filter: /^eslint-rule-docs$/ }, () => ({ path: 'eslint-rule-docs', namespace: 'no-eslint-rule-docs' }));
    build.onLoad({ filter: /.*/, namespace: 'no-eslint-rule-docs' }, () => ({
      contents: "export default function ruleDocs() {\n  throw new Error('No documentation found for rule');\n}\n",
      loader: 'js',
    }));
  },
};

/**
 * Work a dependency does at import time that most runs never use, deferred to first use (same
 * behaviour). string-width builds an Intl.Segmenter (ICU data: about 25 ms) as it loads, though
 * it segments only text that is not printable ASCII, which findings rarely are.
 */
const DEFERRED = [
  {
    file: /node_modules[\\/]string-width[\\/]index\.js$/,
    find: 'const segmenter = new Intl.Segmenter();',
    replace: 'let intlSegmenter;\nconst segmenter = { segment: (text) => (intlSegmenter ??= new Intl.Segmenter()).segment(text) };',
  },
];
const deferImportWork = {
  name: 'defer-import-work',
  setup(build) {
    for (const { file, find, replace } of DEFERRED) {
      build.onLoad({ filter: file }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!text.includes(find)) return { warnings: [{ text: `${path.relative(root, args.path)} no longer has \`${find}\`: update DEFERRED in scripts/build.mjs` }] };
        return { contents: text.replace(find, replace), loader: 'js' };
      });
    }
  },
};

/** esbuild options of every build of the bundle. */
const OPTIONS = {
  absWorkingDir: root,
  chunkNames: 'chunk-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: REQUIRE_SHIM },
  // Less to parse at every start (two-object file: about a tenth of k8s-lint's time over `node -e 0`).
  // Names are kept only where they are read (celKeepsNames): keepNames here would define `name` on
  // every closure as it is created (a defineProperty per call of a function that makes one: 1.5% of
  // a run of 100k objects).
  minify: true,
  legalComments: 'eof',
  logLevel: 'warning',
  metafile: true,
};
/**
 * cel-js dispatches on constructor names (`value.constructor.name`), which minifying would change:
 * its modules alone are compiled with keepNames, so their classes and functions keep their `.name`.
 */
const celKeepsNames = {
  name: 'cel-keeps-names',
  setup(build) {
    build.onLoad({ filter: /node_modules[\\/]@marcbachmann[\\/]cel-js[\\/].*\.js$/ }, async (args) => {
      const { code } = await transform(await readFile(args.path, 'utf8'), { keepNames: true, loader: 'js', sourcefile: args.path });
      return { contents: code, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};
const PLUGINS = [namedCommonJs, noEslintRuleDocs, deferImportWork, celKeepsNames];

/**
 * Modules the CLI imports dynamically but every run loads (positions: every run with a finding;
 * 10 KB): they go in the start-up file (scripts/bundle-layout.mjs). One missing (moved by a
 * refactoring) only costs that file a load. Also the JSON formatter (one line) and the fix text of
 * findings from the light scan (4 KB), which every run with findings in JSON (or SARIF) loads: each
 * ES module a run imports costs it a resolve, a read and, on Node 20, a compile without cache, and
 * with these a JSON run loads no file but the start-up file (1,000 objects: 0.93-0.97x the time).
 */
const EAGER = ['src/units/index.ts', 'src/units/check.ts', 'src/positions.ts', 'src/formatters/json.ts', 'src/fix/fixes.ts'];

/**
 * Bundles `entries` (name -> source) into `outdir` (emptied first). With a `cli` entry, in two
 * layers (scripts/bundle-layout.mjs): `cli.cjs` holds all a run loads at start, the other entries
 * and every lazy import share the lazy layer's chunks.
 */
export async function bundle(entries = { ...SHIPPED_ENTRIES, ...INTERNAL_ENTRIES }, outdir = dist) {
  rmSync(outdir, { recursive: true, force: true });
  const { cli, ...others } = entries;
  if (cli !== undefined) {
    const eager = EAGER.filter((file) => existsSync(path.join(root, file)));
    return layeredBundle({ root, outdir, cli, eager, others, options: OPTIONS, plugins: PLUGINS });
  }
  return build({ ...OPTIONS, entryPoints: entries, outdir, splitting: true, plugins: PLUGINS });
}

function declarations() {
  const tsc = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsc.cmd' : 'tsc');
  const result = spawnSync(tsc, ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await bundle();
  // Which sources each output holds (test/e2e/lazy-load.test.ts reads it); not packed (`files` takes dist/*.js).
  writeFileSync(path.join(dist, 'meta.json'), JSON.stringify(result.metafile));
  declarations();
  if (process.argv.includes('--analyze')) {
    const { analyzeMetafile } = await import('esbuild');
    console.log(await analyzeMetafile(result.metafile));
  }
  const files = readdirSync(dist).filter((f) => f.endsWith('.js'));
  if (!process.argv.includes('--quiet')) console.log(`dist/: ${files.length} files`);
}
