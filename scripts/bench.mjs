// `npm run bench [-- --sizes 1000,10000,100000 --rounds 5]`: k8s-lint against floors measured in
// the same run, because these machines drift by 2x from one day to the next and only ratios mean
// anything. For each corpus it interleaves, round by round:
//   - the whole CLI, `node bin/k8s-lint.js --format json <dir>` (what users run, no npx);
//   - the js-yaml floor: a process that only reads the same files and parses them with js-yaml's
//     `loadAll` (no positions, no checks);
//   - for the two-object file, the cold-start floor `node -e 0`.
// It prints medians, k8s-lint's ratio to the floor, and peak RSS; then one in-process profile per
// corpus (time per stage and per rule). Corpora: realistic apps with a finding in about 1 object
// in 70, and at 10k+ also a finding in every app. It never fails the build. With `--lsp`: the
// language server's latency per keystroke on 1,000 objects instead. With `--baseline DIR` (another
// built checkout, e.g. the main branch): its CLI runs in the same rounds, for a before/after.
// The closing table says, row by row, whether issue 14's target was met in this run.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const flag = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);

if (args[0] === '--child') {
  // One profile in a fresh process: lint the folder in-process and report stages and rules.
  const { lint } = await import(path.join(root, 'dist/engine.js'));
  const started = performance.now();
  const output = await lint([{ path: args[1] }], { profile: true });
  const ms = performance.now() - started;
  const problems = output.results.reduce((n, r) => n + r.messages.length, 0);
  console.log(JSON.stringify({ ms, problems, timings: output.timings }));
  process.exit(0);
}

if (args[0] === '--floor') {
  // The js-yaml floor: read every file of the folder and parse it, nothing else.
  const { readdirSync } = await import('node:fs');
  const { loadAll } = (await import('js-yaml')).default;
  let documents = 0;
  for (const entry of readdirSync(args[1], { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.ya?ml$/.test(entry.name)) continue;
    const text = readFileSync(path.join(entry.parentPath ?? entry.path, entry.name), 'utf8');
    loadAll(text, () => documents++);
  }
  if (documents === 0) process.exit(3);
  process.exit(0);
}

const sizes = flag('--sizes', '1000,10000,100000').split(',').map(Number);
const ROUNDS = Number(flag('--rounds', '5'));
const RSS_HOOK = path.join(root, 'scripts', 'bench-rss.cjs');

if (args[0] === '--lsp') {
  // `npm run bench -- --lsp`: the language server's latency per keystroke (scripts/bench-lsp.mjs).
  const { benchLsp } = await import('./bench-lsp.mjs');
  const { dir, objects } = generate(1000);
  await benchLsp(root, dir, objects);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

/** Six objects per app, all consistent with each other: a clean run finds nothing. */
function app(i) {
  const ns = `team-${i % 25}`;
  const name = `app-${i}`;
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {app: ${name}}
spec:
  replicas: 2
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}, tier: web}
    spec:
      containers:
        - name: web
          image: registry.example.com/${ns}/${name}:1.${i % 10}.0
          ports:
            - {name: http, containerPort: 8080}
          envFrom:
            - configMapRef: {name: ${name}-config}
          env:
            - name: DB_PASSWORD
              valueFrom:
                secretKeyRef: {name: ${name}-secret, key: password}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
          volumeMounts:
            - {name: data, mountPath: /data}
      volumes:
        - name: data
          persistentVolumeClaim: {claimName: ${name}-data}
---
apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  selector: {app: ${name}}
  ports:
    - {name: http, port: 80, targetPort: http}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  rules:
    - host: ${name}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${name}
                port: {number: 80}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}-config
  namespace: ${ns}
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: Secret
metadata:
  name: ${name}-secret
  namespace: ${ns}
type: Opaque
stringData:
  password: not-a-real-password
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}-data
  namespace: ${ns}
spec:
  accessModes: [ReadWriteMany]
  resources:
    requests: {storage: 1Gi}
`;
}

/**
 * `findings`: 'few' gives one app in twelve (about one object in 70) a Service whose targetPort
 * names no container port; 'every' drops the memory limit of every app's container.
 */
function generate(objects, findings) {
  const dir = mkdtempSync(path.join(tmpdir(), `k8s-lint-bench-${objects}-`));
  const apps = Math.ceil(objects / 6);
  const perFile = 10;
  for (let f = 0; f * perFile < apps; f++) {
    const docs = [];
    for (let i = f * perFile; i < Math.min(apps, (f + 1) * perFile); i++) {
      let text = app(i);
      if (findings === 'every') text = text.replace('limits: {memory: 256Mi}', 'limits: {}');
      else if (i % 12 === 5) text = text.replace('targetPort: http}', 'targetPort: htp}');
      docs.push(text);
    }
    mkdirSync(path.join(dir, `team-${f % 25}`), { recursive: true });
    writeFileSync(path.join(dir, `team-${f % 25}`, `apps-${f}.yaml`), docs.join('---\n'));
  }
  return { dir, objects: apps * 6 };
}

/** Runs a command once; returns wall milliseconds and peak RSS (MB) from the preloaded hook. */
function timed(argv) {
  const rssFile = path.join(tmpdir(), `k8s-lint-bench-rss-${process.pid}`);
  const started = performance.now();
  const child = spawnSync(process.execPath, ['--require', RSS_HOOK, ...argv], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, K8S_LINT_BENCH_RSS: rssFile },
    maxBuffer: 1 << 26,
  });
  const ms = performance.now() - started;
  if (child.status !== 0 && child.status !== 1) throw new Error(`${argv.join(' ')} exited ${child.status}: ${child.stderr}`);
  const rss = Number(readFileSync(rssFile, 'utf8')) / 1024;
  rmSync(rssFile, { force: true });
  return { ms, rss };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const CLI = path.join(root, 'bin', 'k8s-lint.js');
const cliArgs = (target, cli = CLI) => [cli, '--format', 'json', target];
const BASELINE = flag('--baseline', undefined) && path.join(path.resolve(flag('--baseline')), 'bin', 'k8s-lint.js');

/** Interleaved rounds of k8s-lint and its floor; medians and the ratio. */
function compare(label, target, floorArgv, rounds) {
  const lint = [];
  const floor = [];
  const baseline = [];
  for (let round = 0; round < rounds; round++) {
    floor.push(timed(floorArgv));
    lint.push(timed(cliArgs(target)));
    if (BASELINE) baseline.push(timed(cliArgs(target, BASELINE)));
  }
  const lintMs = median(lint.map((r) => r.ms));
  const floorMs = median(floor.map((r) => r.ms));
  const rss = Math.max(...lint.map((r) => r.rss));
  const before = BASELINE ? { ms: median(baseline.map((r) => r.ms)), rss: Math.max(...baseline.map((r) => r.rss)) } : undefined;
  return { label, lintMs, floorMs, ratio: lintMs / floorMs, rss, rounds, before };
}

// Also the clean file of test/e2e/lazy-load.test.ts.
const TWO_OBJECTS = readFileSync(path.join(root, 'fixtures', 'e2e', 'cold-start', 'deployment-and-service.yaml'), 'utf8');
const rows = [];
const print = (row, floorName) =>
  console.log(
    `${row.label.padEnd(34)} k8s-lint ${row.lintMs.toFixed(0).padStart(6)} ms   ${floorName} ${row.floorMs.toFixed(0).padStart(6)} ms   ` +
      `ratio ${row.ratio.toFixed(2).padStart(5)}x   peak RSS ${row.rss.toFixed(0)} MB   (median of ${row.rounds})` +
      (row.before ? `\n${''.padEnd(34)} baseline ${row.before.ms.toFixed(0).padStart(6)} ms   ratio ${(row.before.ms / row.floorMs).toFixed(2).padStart(5)}x   peak RSS ${row.before.rss.toFixed(0)} MB` : ''),
  );

console.log(`k8s-lint bench on ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);

// Cold start: a Deployment and its Service, clean and with a finding, against `node -e 0`.
const small = mkdtempSync(path.join(tmpdir(), 'k8s-lint-cold-'));
writeFileSync(path.join(small, 'clean.yaml'), TWO_OBJECTS);
writeFileSync(path.join(small, 'finding.yaml'), TWO_OBJECTS.replace('targetPort: http', 'targetPort: htp'));
for (const name of ['clean.yaml', 'finding.yaml']) {
  const row = compare(`two-object file (${name})`, path.join(small, name), ['-e', '0'], Math.max(ROUNDS, 7));
  print(row, 'node -e 0');
  console.log(`${''.padEnd(34)} k8s-lint - node -e 0 = ${(row.lintMs - row.floorMs).toFixed(0)} ms${row.before ? ` (baseline: ${(row.before.ms - row.floorMs).toFixed(0)} ms)` : ''}`);
  rows.push({ ...row, target: { plus: 100 } });
}
rmSync(small, { recursive: true, force: true });

const corpora = sizes.map((size) => ({ size, findings: 'few' }));
for (const size of sizes.filter((s) => s >= 10000)) corpora.push({ size, findings: 'every' });
for (const { size, findings } of corpora) {
  const { dir, objects } = generate(size, findings);
  const rounds = size >= 100000 ? Math.min(ROUNDS, 3) : size >= 10000 ? Math.min(ROUNDS, 5) : ROUNDS;
  const label = `${objects} objects${findings === 'every' ? ', finding in every app' : ''}`;
  const row = compare(label, dir, [fileURLToPath(import.meta.url), '--floor', dir], rounds);
  print(row, 'js-yaml floor');
  // The issue's targets: 1.6x at 1k, 2.5x from 10k, 3.5x with a finding in every app; 600 MB peak.
  rows.push({ ...row, target: { ratio: findings === 'every' ? 3.5 : size >= 10000 ? 2.5 : 1.6, rss: 600 } });
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  rmSync(dir, { recursive: true, force: true });
  if (child.status !== 0) {
    console.log(`        profile failed\n${child.stderr}`);
    continue;
  }
  const m = JSON.parse(child.stdout);
  const entries = Object.entries(m.timings).sort((a, b) => b[1] - a[1]);
  console.log(`        in process: ${m.ms.toFixed(0)} ms, ${m.problems} problems; stages ${entries.filter(([k]) => k.startsWith('stage:')).map(([k, v]) => `${k.slice(6)} ${v.toFixed(0)}`).join('  ')}`);
  console.log(`        rules: ${entries.filter(([k]) => !k.startsWith('stage:')).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`).join('  ')}`);
}

/** The row's target and whether this run met it: `+N ms` over `node -e 0`, or a ratio to the js-yaml floor. */
function verdict(row) {
  const { plus, ratio, rss } = row.target;
  const met = plus !== undefined ? row.lintMs - row.floorMs <= plus : row.ratio <= ratio && row.rss <= rss;
  const goal = plus !== undefined ? `≤ +${plus} ms` : `≤ ${ratio}x, ≤ ${rss} MB`;
  return `${goal} | ${met ? 'met' : 'missed'} |`;
}

const measured = (row) => (row.target.plus !== undefined ? `+${(row.lintMs - row.floorMs).toFixed(0)} ms` : `${row.ratio.toFixed(2)}x`);
console.log(`\n| corpus | k8s-lint | floor | measured | peak RSS | target | |${BASELINE ? ' baseline | baseline measured |' : ''}\n|---|---|---|---|---|---|---|${BASELINE ? '---|---|' : ''}`);
for (const row of rows) {
  const before = row.before ? ` ${row.before.ms.toFixed(0)} ms | ${measured({ ...row, lintMs: row.before.ms, ratio: row.before.ms / row.floorMs })} |` : '';
  console.log(`| ${row.label} | ${row.lintMs.toFixed(0)} ms | ${row.floorMs.toFixed(0)} ms | ${measured(row)} | ${row.rss.toFixed(0)} MB | ${verdict(row)}${before}`);
}
