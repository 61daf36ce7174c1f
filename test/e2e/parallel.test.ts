/**
 * The worker thread (src/parallel/) changes nothing but time: forced on small inputs, a run's
 * results equal the serial run's, through the built engine and the built CLI, and a worker that
 * fails to start or crashes midway leaves the work to the main thread.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { hasShared, SHARED_ROOT } from '../helpers/shared.js';
import { ROOT } from '../helpers/test-rule.js';

const CLI = path.join(ROOT, 'bin', 'k8s-lint.js');

/** A corpus shaped like `npm run bench`'s: apps of six objects, ten apps a file; a finding in `every` app, or in one app of twelve. */
function corpus(apps: number, every: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-parallel-'));
  for (let f = 0; f * 10 < apps; f++) {
    const docs: string[] = [];
    for (let i = f * 10; i < Math.min(apps, f * 10 + 10); i++) {
      const port = every || i % 12 === 5 ? 'htp' : 'http';
      const limits = every ? '{}' : '{memory: 256Mi}';
      docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}, namespace: team-${i % 7}, labels: {app: app-${i}}}
spec:
  replicas: 2
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
        - name: app
          image: registry.example.com/app:1.${i}
          ports: [{name: http, containerPort: 8080}]
          envFrom: [{configMapRef: {name: app-${i}-config}}]
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: ${limits}}
          livenessProbe: {httpGet: {path: /healthz, port: http}}
          volumeMounts: [{name: data, mountPath: /data}]
      volumes: [{name: data, persistentVolumeClaim: {claimName: app-${i}-data}}]
---
apiVersion: v1
kind: Service
metadata: {name: app-${i}, namespace: team-${i % 7}}
spec:
  selector: {app: app-${i}}
  ports: [{name: http, port: 80, targetPort: ${port}}]
---
apiVersion: v1
kind: ConfigMap
metadata: {name: app-${i}-config, namespace: team-${i % 7}}
data: {LOG_LEVEL: info}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: app-${i}-data, namespace: team-${i % 7}}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: app-${i}, namespace: team-${i % 7}}
spec: {minAvailable: 1, selector: {matchLabels: {app: app-${i}}}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: app-${i}, namespace: team-${i % 7}}
spec: {size: 3}
`);
    }
    mkdirSync(path.join(dir, `team-${f % 3}`), { recursive: true });
    writeFileSync(path.join(dir, `team-${f % 3}`, `apps-${f}.yaml`), docs.join('---\n'));
  }
  return dir;
}

const few = corpus(60, false);
const every = corpus(60, true);
afterAll(() => {
  rmSync(few, { recursive: true, force: true });
  rmSync(every, { recursive: true, force: true });
});

/**
 * Lints each target in one process with the built engine: serially, then with a worker forced in
 * each mode (K8S_LINT_WORKER_TEST); prints per target whether each parallel run's results equal
 * the serial run's and whether the worker answered.
 */
const COMPARE = `
const { lint } = await import(process.argv[1]);
const [targets, modes] = JSON.parse(process.argv[2]);
const out = {};
for (const target of targets) {
  const options = { cwd: target, related: true };
  delete process.env.K8S_LINT_WORKER_TEST;
  const serial = JSON.stringify((await lint([{ path: target }], { ...options, threads: 1 })).results);
  out[target] = [];
  for (const mode of modes) {
    process.env.K8S_LINT_WORKER_TEST = mode;
    const run = await lint([{ path: target }], { ...options, profile: true });
    out[target].push({ mode, same: JSON.stringify(run.results) === serial, worker: run.timings['thread:worker'] !== undefined, findings: run.results.reduce((n, r) => n + r.messages.length, 0) });
  }
}
console.log(JSON.stringify(out));
`;

function compare(targets: string[], modes: string[]) {
  const engine = pathToFileURL(path.join(ROOT, 'dist', 'engine.js')).href;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', COMPARE, engine, JSON.stringify([targets, modes])], { encoding: 'utf8', maxBuffer: 1 << 26 });
  expect(child.stderr).toBe('');
  return JSON.parse(child.stdout) as Record<string, Array<{ mode: string; same: boolean; worker: boolean; findings: number }>>;
}

const folders = (dir: string) => readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => path.join(dir, d.name));

describe('a run with a worker thread', () => {
  it('finds what a serial run finds, in the same order, on every fixture folder and bench-shaped corpora', () => {
    const targets = [
      ...folders(path.join(ROOT, 'fixtures', 'examples')),
      ...folders(path.join(ROOT, 'fixtures', 'e2e')),
      path.join(ROOT, 'fixtures', 'rules'),
      path.join(ROOT, 'fixtures', 'robustness'),
      ...(hasShared('real-repos') ? folders(path.join(SHARED_ROOT, 'real-repos')) : []),
      few,
      every,
    ];
    // Half the files to the worker; all of them; all, with this thread taking files back from the end.
    const results = compare(targets, ['force,share=0.5', 'force', 'force,late']);
    for (const target of targets) {
      for (const run of results[target]) {
        expect(run, `${target} with K8S_LINT_WORKER_TEST=${run.mode}`).toMatchObject({ same: true });
      }
    }
    // The worker really answered (and there were findings for it to find) on the rule fixtures and corpora.
    for (const target of [path.join(ROOT, 'fixtures', 'rules'), few, every]) {
      for (const run of results[target]) expect(run, target).toMatchObject({ worker: true, findings: expect.any(Number) });
      expect(Math.min(...results[target].map((run) => run.findings)), target).toBeGreaterThan(0);
    }
  });
});

describe('the CLI with a worker thread', () => {
  const run = (env: Record<string, string>, args: string[]) => {
    const child = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
    return { status: child.status, stdout: child.stdout, stderr: child.stderr };
  };

  it('prints the same bytes and exits the same, also when the worker fails to start or crashes', () => {
    for (const args of [['--format', 'json', every], ['--format', 'stylish', few]]) {
      const serial = run({ K8S_LINT_THREADS: '1' }, args);
      expect(serial.status).toBe(1);
      for (const test of ['force', 'force,late', 'force,fail-start', 'force,crash']) {
        const parallel = run({ K8S_LINT_WORKER_TEST: test }, args);
        expect({ ...parallel, test }).toEqual({ ...serial, test });
      }
    }
  });
});
