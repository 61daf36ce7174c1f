/**
 * Positions the light locator finds need no `yaml`: a run whose findings need no fix text does not
 * load it, and a document the locator declines loads it for that document only, with the same answer.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/test-rule.js';

const SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: nothing
  ports:
    - port: 80
`;

/**
 * Reports every module the process resolves on stderr (registered from a data: URL, no files).
 * Written synchronously: on Node 22 and later the hooks run on a thread of their own, whose
 * buffered writes may be lost when the process exits.
 */
const HOOKS = `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  writeSync(2, 'LOADED ' + result.url + '\\n');
  return result;
}`;

/**
 * The sources behind the files a run loaded: the bundle's metafile (dist/meta.json) says which
 * sources each chunk holds, since `yaml` is bundled into a lazy chunk of its own.
 */
function loadedSources(stderr: string): string[] {
  const meta = JSON.parse(readFileSync(path.join(ROOT, 'dist', 'meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> };
  const chunks = new Map(Object.entries(meta.outputs).map(([output, { inputs }]) => [path.join(ROOT, output), Object.keys(inputs)]));
  const urls = [...stderr.matchAll(/^LOADED (file:\S+)$/gm)].map((m) => m[1]);
  return urls.flatMap((url) => chunks.get(fileURLToPath(url)) ?? [fileURLToPath(url)]);
}

describe('positions without yaml', { timeout: 30_000 }, () => {
  /** Lints `text` with the built engine in a fresh process: the findings' positions, and whether yaml was loaded. */
  function run(text: string, options = "{ resolveFixes: false, only: ['service-selector-mismatch'] }"): { positions: string[]; yaml: boolean } {
    const engine = pathToFileURL(path.join(ROOT, 'dist', 'engine.js')).href;
    const script = `import { register } from 'node:module';
register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});
const { lint } = await import(${JSON.stringify(engine)});
const out = await lint([{ path: 'web.yaml', text: ${JSON.stringify(text)} }], ${options});
console.log(JSON.stringify(out.results.flatMap((r) => r.messages.map((m) => m.line + ':' + m.column + '-' + m.endLine + ':' + m.endColumn + (m.fix ? ' ' + JSON.stringify(m.fix) : '')))));`;
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    return { positions: JSON.parse(result.stdout), yaml: loadedSources(result.stderr).some((source) => /node_modules\/yaml\//.test(source)) };
  }

  it('does not load yaml when the light locator finds every position', () => {
    expect(run(SERVICE)).toEqual({ positions: ['7:5-7:17'], yaml: false });
  });

  it('loads yaml for a document the light locator declines, and finds the same place', () => {
    expect(run(SERVICE.replace('name: web', 'name: &n web'))).toEqual({ positions: ['7:5-7:17'], yaml: true });
  });

  const TARGET = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: htp
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
`;
  const FIXING = "{ resolveFixes: true, only: ['service-target-port-mismatch'] }";

  it('makes the fix text of a node the light locator reads without loading yaml', () => {
    expect(run(TARGET, FIXING)).toEqual({ positions: ['10:19-10:22 {"range":[124,127],"text":"http"}'], yaml: false });
  });

  it('composes the document with yaml for a fix the light locator declines, with the same text', () => {
    const anchored = TARGET.replace('name: web\nspec:\n  selector:\n    app', 'name: &n web\nspec:\n  selector:\n    app');
    expect(run(anchored, FIXING)).toEqual({ positions: ['10:19-10:22 {"range":[127,130],"text":"http"}'], yaml: true });
  });
});
