/**
 * The places users run k8s-lint from, checked without a network: the GitHub Action (action.yml,
 * including its run step executed the way GitHub runs it), the pre-commit hook, the README's
 * promises (quick start, exit codes, configuration keys, suppression syntax, formats, flags,
 * snippets), the CI workflow that dogfoods the action, and what the npm package needs to run once
 * installed. The slow end-to-end packaging test is test/e2e/pack.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { HELP } from '../src/cli-args.js';
import { FORMAT_NAMES } from '../src/formatters/index.js';
import { ROOT } from './helpers/test-rule.js';

const read = (file: string): string => readFileSync(path.join(ROOT, file), 'utf8');

interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
}

interface ActionStep {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  'working-directory'?: string;
  'continue-on-error'?: boolean;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const actionText = read('action.yml');
const action = parse(actionText) as Action;
const README = read('README.md');
const PACKAGE = JSON.parse(read('package.json')) as {
  name: string;
  bin: Record<string, string>;
  files: string[];
  engines?: { node?: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** The README section under `## title`, up to the next `## `. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  if (start === -1) throw new Error(`README.md has no "## ${title}" section`);
  const end = README.indexOf('\n## ', start + 1);
  return README.slice(start, end === -1 ? undefined : end);
}

/** Fenced code blocks of a language, with their common indentation removed. */
function codeBlocks(text: string, language: string): string[] {
  const blocks: string[] = [];
  const fence = new RegExp('^```' + language + '\\n([\\s\\S]*?)^```', 'gm');
  for (const match of text.matchAll(fence)) {
    const lines = match[1].split('\n');
    const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
    blocks.push(lines.map((l) => l.slice(indent)).join('\n'));
  }
  return blocks;
}

/** GitHub's heading anchor. */
const slug = (heading: string): string => heading.trim().toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-');

describe('action.yml', () => {
  it('is a composite action that sets up Node.js and declares the documented inputs and outputs', () => {
    expect(action.name).toBe('k8s-lint');
    expect(action.description).toBeTruthy();
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps.some((step) => step.uses?.startsWith('actions/setup-node@'))).toBe(true);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['path', 'format', 'kubernetes-version', 'config', 'args', 'output-file', 'working-directory', 'version', 'node-version']));
    expect(action.inputs.path.default).toBe('.');
    expect(action.inputs.format.default).toBe('stylish');
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, `input ${name}`).toBeTruthy();
      expect(input.required ?? false, `input ${name} is optional`).toBe(false);
    }
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['exit-code', 'report-file', 'sarif-file']));
    for (const [name, output] of Object.entries(action.outputs)) expect(output.value).toBe(`\${{ steps.lint.outputs.${name} }}`);
    for (const format of FORMAT_NAMES) expect(action.inputs.format.description).toContain(format);
  });

  it('uses every input it declares, declares every input it uses, and never splices one into a script', () => {
    const used = new Set([...actionText.matchAll(/\binputs\.([a-z-]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    for (const step of action.runs.steps) {
      if (step.run) {
        expect(step.run, `step ${step.name}`).not.toContain('${{');
        expect(step.shell).toBe('bash');
      }
    }
  });
});

const HAS_BASH = spawnSync('bash', ['-c', 'command -v xargs'], { encoding: 'utf8' }).status === 0;
const BUILT = existsSync(path.join(ROOT, 'dist', 'cli.js'));

describe.skipIf(!HAS_BASH || !BUILT)("action.yml's run step, executed as GitHub runs it (bash -e -o pipefail)", () => {
  const lintStep = action.runs.steps.find((step) => step.id === 'lint')!;

  function runStep(inputs: Record<string, string>, env: Record<string, string> = {}) {
    const temp = mkdtempSync(path.join(tmpdir(), 'k8s-lint-action-'));
    const outputFile = path.join(temp, 'github-output');
    const stepEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries(lintStep.env ?? {})) {
      const input = /^\$\{\{ inputs\.([a-z-]+) \}\}$/.exec(value)?.[1];
      stepEnv[key] = input ? (inputs[input] ?? action.inputs[input].default ?? '') : value;
    }
    const result = spawnSync('bash', ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', lintStep.run!], {
      cwd: ROOT,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_ACTION_PATH: ROOT,
        GITHUB_OUTPUT: outputFile,
        RUNNER_TEMP: temp,
        GITHUB_ACTIONS: 'true',
        ...stepEnv,
        ...env,
      },
    });
    const outputs = existsSync(outputFile)
      ? Object.fromEntries(readFileSync(outputFile, 'utf8').trim().split('\n').filter(Boolean).map((line) => line.split(/=(.*)/s).slice(0, 2)))
      : {};
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, outputs: outputs as Record<string, string> };
  }

  it('passes the sound example with exit code 0', () => {
    const result = runStep({ path: 'fixtures/examples/guestbook' });
    // Only the note that the cert-manager Certificate (no CRD in the example) was not schema-checked.
    expect(result.stderr).toMatch(/^(k8s-lint: 1 object\(s\) of custom kinds were not schema-checked[^\n]*\n)?$/);
    expect(result.code).toBe(0);
    expect(result.outputs).toEqual({ 'exit-code': '0' });
  });

  it('fails the broken example with annotations in the default format', () => {
    const result = runStep({ path: 'fixtures/examples/shop' });
    expect(result.code).toBe(1);
    expect(result.outputs['exit-code']).toBe('1');
    expect(result.stdout).toMatch(/^::error file=fixtures\/examples\/shop\/[\w.-]+\.yaml,line=\d+/m);
  });

  it('writes SARIF to a file named in its outputs, logs readably without repeating the findings as annotations, and passes quoted args', () => {
    const result = runStep({ path: 'fixtures/examples/shop', format: 'sarif', args: `--rule 'missing-pvc:warn' --ignore-pattern "report-*.yaml"` });
    expect(result.code).toBe(1);
    expect(result.outputs['sarif-file']).toBe(result.outputs['report-file']);
    const sarif = JSON.parse(readFileSync(result.outputs['sarif-file'], 'utf8')) as { version: string; runs: Array<{ results: Array<{ ruleId: string; level: string; locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
    expect(sarif.version).toBe('2.1.0');
    const results = sarif.runs[0].results;
    expect(results.find((r) => r.ruleId === 'missing-pvc')?.level).toBe('warning');
    expect(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)).not.toContain('fixtures/examples/shop/report-cronjob.yaml');
    expect(results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri)).toContain('fixtures/examples/shop/frontend.yaml');
    expect(result.stdout).toMatch(/service-selector-mismatch/);
    expect(result.stdout).not.toMatch(/^::(error|warning) /m);
  });

  it('turns bad input into exit code 2 with an error annotation', () => {
    const quotes = runStep({ path: 'fixtures/examples/shop', args: `--rule 'missing-pvc:warn` });
    expect(quotes.code).toBe(2);
    expect(quotes.stdout).toMatch(/^::error title=k8s-lint::the ARGS input has unbalanced quotes/m);
    const flag = runStep({ path: 'fixtures/examples/guestbook', format: 'sarif', args: '--no-such-flag' });
    expect(flag.code).toBe(2);
    expect(flag.outputs['exit-code']).toBe('2');
    expect(flag.outputs['sarif-file']).toBeUndefined();
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(read('.pre-commit-hooks.yaml')) as Array<Record<string, unknown>>;

  it('declares a node hook that runs the package bin once on whole folders', () => {
    expect(hooks.map((hook) => hook.id)).toEqual(['k8s-lint']);
    const [hook] = hooks;
    expect(hook).toMatchObject({ id: 'k8s-lint', name: 'k8s-lint', language: 'node', pass_filenames: false, require_serial: true });
    expect(Object.keys(PACKAGE.bin)).toContain(hook.entry);
    expect(hook.args).toEqual(expect.arrayContaining([expect.any(String)]));
    const files = new RegExp(hook.files as string);
    for (const file of ['k8s/app.yaml', 'app.yml', 'list.json']) expect(files.test(file), file).toBe(true);
    for (const file of ['README.md', 'app.yaml.bak', 'Chart.lock']) expect(files.test(file), file).toBe(false);
  });
});

describe('README.md', () => {
  it('opens with what it is, the command, a sample, the Action, the pre-commit hook and the exit codes', () => {
    const firstScreen = README.slice(0, README.indexOf('\n## '));
    expect(firstScreen).toMatch(/npx k8s-lint manifests\//);
    expect(firstScreen).toMatch(/✖ +\d+:\d+ +\S/);
    expect(firstScreen).toMatch(/uses: k8s-lint\/k8s-lint@v\d+\.\d+\.\d+/);
    expect(firstScreen).toMatch(/- id: k8s-lint/);
    expect(firstScreen).toMatch(/\| Code \| Meaning \|/);
  });

  it('has the two quick-start commands', () => {
    const quickStart = section('Quick start');
    expect(quickStart).toContain('npm ci && npx k8s-lint fixtures/examples/shop');
    expect(quickStart).toMatch(/^npm test\b/m);
  });

  it('has the exit-code table', () => {
    const table = section('Exit codes');
    expect(table).toMatch(/\| Code \| Meaning \|/);
    expect(table).toMatch(/^\| 0 \| No errors/m);
    expect(table).toMatch(/^\| 1 \| Errors found/m);
    expect(table).toMatch(/^\| 2 \| Usage error/m);
  });

  it('documents every configuration key of the shipped schema', () => {
    const schema = JSON.parse(read('k8s-lint.schema.json')) as { properties: Record<string, unknown>; definitions: unknown };
    const reference = section('Configuration file');
    expect(reference).toContain('.k8s-lint.yaml');
    const keys = Object.keys(schema.properties).filter((key) => key !== '$schema');
    expect(keys.length).toBeGreaterThan(5);
    for (const key of keys) expect(reference, key).toContain(`| \`${key}\` |`);
    for (const override of ['files', 'kinds', 'namespaces', 'names']) expect(reference).toContain(`\`${override}\``);
    // The example is a valid configuration: only schema keys.
    const example = parse(codeBlocks(reference, 'yaml')[0]) as Record<string, unknown>;
    expect(Object.keys(example).every((key) => keys.includes(key))).toBe(true);
    expect(Object.keys(example).sort()).toEqual([...keys].sort());
  });

  it('shows every suppression form', () => {
    const suppressions = section('Suppressions');
    for (const form of ['# k8s-lint-disable-next-line ', '# k8s-lint-disable-line ', '# k8s-lint-disable ', '# k8s-lint-enable ', 'k8s-lint/ignore: "', ' -- ', '--no-inline-config', '--report-unused-disable-directives']) {
      expect(suppressions, form).toContain(form);
    }
  });

  it('describes every output format and lists every flag of --help', () => {
    const formats = section('Output formats');
    for (const format of FORMAT_NAMES) expect(formats, format).toContain(`**\`${format}\`**`);
    const usage = section('Usage');
    const flags = new Set([...HELP.matchAll(/(?<![\w-])(--?[a-z][a-z-]*)/g)].map((m) => m[1]).filter((flag) => flag !== '-'));
    expect(flags.size).toBeGreaterThan(15);
    for (const flag of flags) expect(usage, flag).toMatch(new RegExp(`\`${flag}\\b|, ${flag}\\b`));
  });

  it('shows the repository units, the Helm and Kustomize pipes and the lint-staged and lefthook snippets with the whole folder', () => {
    const pipes = section('Lint a repository');
    expect(pipes).toMatch(/helm template .+ \| npx k8s-lint -/);
    expect(pipes).toMatch(/kubectl kustomize .+ \| npx k8s-lint -/);
    expect(pipes).toContain('# Source:');
    const hooks = section('pre-commit, lint-staged, lefthook');
    expect(hooks).toContain('k8s-lint --context manifests/');
    expect(hooks).toContain('lint-staged');
    expect(hooks).toContain('lefthook');
  });

  it("passes only the action's inputs in its workflow snippets, and names hooks that exist", () => {
    const steps = codeBlocks(README, 'yaml').flatMap((block) => {
      const value = parse(block) as unknown;
      const found: ActionStep[] = [];
      const visit = (node: unknown): void => {
        if (Array.isArray(node)) node.forEach(visit);
        else if (node && typeof node === 'object') {
          const step = node as ActionStep;
          if (typeof step.uses === 'string' && step.uses.startsWith('k8s-lint/k8s-lint@')) found.push(step);
          Object.values(node).forEach(visit);
        }
      };
      visit(value);
      return found;
    });
    expect(steps.length).toBeGreaterThanOrEqual(3);
    for (const step of steps) for (const key of Object.keys(step.with ?? {})) expect(Object.keys(action.inputs)).toContain(key);
    const hookIds = (parse(read('.pre-commit-hooks.yaml')) as Array<{ id: string }>).map((hook) => hook.id);
    // Hook ids are the `- id:` right under `hooks:` (customRules entries have ids too).
    const used = [...README.matchAll(/^\s*hooks:\s*\n\s*- id: ([\w-]+)/gm)].map((m) => m[1]);
    expect(used.length).toBeGreaterThanOrEqual(2);
    for (const id of used) expect(hookIds).toContain(id);
  });

  it('links only to headings that exist and keeps the generated rule table block', () => {
    const anchors = new Set([...README.matchAll(/^#+ (.+)$/gm)].map((m) => slug(m[1])));
    const links = [...README.matchAll(/\]\(#([\w-]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(anchors, link).toContain(link);
    expect(README.match(/<!-- rules:start/g)).toHaveLength(1);
    expect(README.match(/<!-- rules:end -->/g)).toHaveLength(1);
  });
});

describe('.github/workflows/ci.yml', () => {
  const workflow = parse(read('.github/workflows/ci.yml')) as { jobs: Record<string, { permissions?: Record<string, string>; steps: ActionStep[] }> };
  const localActionSteps = Object.values(workflow.jobs).flatMap((job) => job.steps.filter((step) => step.uses === './').map((step) => ({ job, step })));

  it('dogfoods the action: the sound example must pass, the broken one fails', () => {
    const gate = localActionSteps.find(({ step }) => step.with?.path === 'fixtures/examples/guestbook');
    expect(gate).toBeDefined();
    expect(gate!.step['continue-on-error']).toBeUndefined();
    const shop = localActionSteps.filter(({ step }) => step.with?.path === 'fixtures/examples/shop');
    expect(shop.length).toBeGreaterThan(0);
    for (const { step } of shop) expect(step['continue-on-error']).toBe(true);
  });

  it('runs .ci/run without ../shared on Node 20, 22 and 24, then npx k8s-lint from the packed tarball', () => {
    const test = workflow.jobs.test as unknown as { strategy: { matrix: { node: number[] } }; steps: ActionStep[] };
    expect(test.strategy.matrix.node).toEqual([20, 22, 24]);
    const ci = test.steps.find((step) => step.run === 'bash .ci/run');
    expect(ci?.env?.K8S_LINT_NO_SHARED).toBe(1);
    const tarball = test.steps.slice(test.steps.indexOf(ci!)).find((step) => step.run?.includes('npm pack'));
    expect(tarball?.run).toMatch(/npx --yes "\$RUNNER_TEMP"\/k8s-lint-\*\.tgz /);
    // The CRD staleness check needs ../shared too: skipped only under the same variable.
    expect(read('.ci/run')).toMatch(/if \[ ! -d \.\.\/shared \] && \[ "\$\{K8S_LINT_NO_SHARED:-\}" = 1 \]; then[\s\S]*generate-crds\.mjs/);
  });

  it('uploads the SARIF demo without ever failing the build', () => {
    const sarif = localActionSteps.find(({ step }) => step.with?.format === 'sarif');
    expect(sarif).toBeDefined();
    expect(sarif!.job.permissions?.['security-events']).toBe('write');
    const upload = sarif!.job.steps.find((step) => step.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.['continue-on-error']).toBe(true);
    expect(upload?.with?.sarif_file).toBe(`\${{ steps.${sarif!.step.id}.outputs.sarif-file }}`);
  });
});

/** Bare module specifiers a bundled (minified) file imports at run time. */
function runtimeImports(js: string): string[] {
  const specifiers = [
    // import/export ... from "x", import "x"
    ...js.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["']([^"']+)["']/g),
    ...js.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    // require("x") of bundled CommonJS (not inside a string: ajv's code-generation templates hold some)
    ...js.matchAll(/(?<![\w'"`$.])(?:__)?require\(\s*["']([^"']+)["']\s*\)/g),
    // createRequire(import.meta.url)("x") (the name minified): a package loaded on demand by path
    // (in the CommonJS core, dist/cli.cjs: `(0, x.createRequire)(__k8sLintUrl)("x")`)
    ...js.matchAll(/(?:[\w$]+|\))\((?:import\.meta\.url|__k8sLintUrl)\)\(\s*["']([^"']+)["']\s*\)/g),
  ].map((m) => m[1]);
  return specifiers.filter((s) => !s.startsWith('.') && !s.startsWith('/'));
}

function jsFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.c?js$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

describe('the npm package', () => {
  it('lists what the installed CLI reads in `files`, and declares its bin and Node.js version', () => {
    for (const needed of ['bin/', 'dist/*.js', 'schemas/', 'k8s-lint.schema.json', 'README.md', 'RULES.md']) expect(PACKAGE.files).toContain(needed);
    expect(PACKAGE.engines?.node).toMatch(/^>=\s*20\b/);
    for (const bin of Object.values(PACKAGE.bin)) expect(read(bin).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it.skipIf(!BUILT)('imports at run time only Node.js built-ins and its dependencies (devDependencies are not installed for users)', () => {
    const builtins = new Set(builtinModules);
    const missing = new Set<string>();
    const seen = new Set<string>();
    for (const file of [...jsFiles(path.join(ROOT, 'dist')), path.join(ROOT, 'bin', 'k8s-lint.js')]) {
      for (const specifier of runtimeImports(readFileSync(file, 'utf8'))) {
        seen.add(specifier);
        if (specifier.startsWith('node:') || builtins.has(specifier)) continue;
        const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
        if (!(name in PACKAGE.dependencies)) missing.add(`${name} (imported by ${path.relative(ROOT, file)})`);
      }
    }
    // The scan sees the bundle's imports (so an empty result means something).
    for (const known of ['node:fs', 'node:module', 'yaml']) expect(seen).toContain(known);
    expect([...missing], 'move these to "dependencies" in package.json, or let the build bundle them').toEqual([]);
  });

  it('packs without printing build output on stdout, which pre-commit reads as the tarball name', () => {
    // pre-commit's node hooks run `npm pack` and take its whole stdout as the file name; since
    // npm 10.5 the banner of a `prepare`/`prepack` script lands there unless scripts run in the
    // background (`foreground-scripts=false` in the project's .npmrc).
    const packScripts = ['prepare', 'prepack', 'postpack'].filter((script) => script in PACKAGE.scripts);
    if (packScripts.length === 0) return;
    const npmrc = existsSync(path.join(ROOT, '.npmrc')) ? read('.npmrc') : '';
    expect(npmrc, `${packScripts.join(', ')} script(s) print on \`npm pack\`: add foreground-scripts=false to .npmrc`).toMatch(/^\s*foreground-scripts\s*=\s*false\s*$/m);
  });
});
