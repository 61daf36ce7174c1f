// `npm run bench [-- --sizes 1000,10000,100000]`: generates valid manifests (Deployments,
// Services, Ingresses, ConfigMaps, Secrets, PVCs across namespaces), lints them in a fresh
// process per size, and prints objects/second, peak memory, time per stage and per rule, plus
// the cold-start time of the CLI on a two-object file. It never fails the build. With `--lsp`:
// the language server's latency per keystroke on 1,000 objects instead.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

if (args[0] === '--child') {
  // One measurement in a fresh process: lint the folder in-process and report.
  const { lint } = await import(path.join(root, 'dist/src/engine.js'));
  const started = performance.now();
  const output = await lint([{ path: args[1] }], { profile: true });
  const ms = performance.now() - started;
  const problems = output.results.reduce((n, r) => n + r.messages.length, 0);
  console.log(JSON.stringify({ ms, maxRssMb: process.resourceUsage().maxRSS / 1024, problems, timings: output.timings }));
  process.exit(0);
}

if (args[0] === '--lsp') {
  // `npm run bench -- --lsp`: the language server's latency per keystroke (scripts/bench-lsp.mjs).
  const { benchLsp } = await import('./bench-lsp.mjs');
  const { dir, objects } = generate(1000);
  await benchLsp(root, dir, objects);
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

const sizes = (args[args.indexOf('--sizes') + 1] && args.includes('--sizes') ? args[args.indexOf('--sizes') + 1] : '1000,10000,100000')
  .split(',')
  .map(Number);

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

/** `findings`: every Deployment lacks its memory limit (one warning per app, in every file). */
function generate(objects, findings = false) {
  const dir = mkdtempSync(path.join(tmpdir(), `k8s-lint-bench-${objects}-`));
  const apps = Math.ceil(objects / 6);
  const perFile = 10;
  for (let f = 0; f * perFile < apps; f++) {
    const docs = [];
    for (let i = f * perFile; i < Math.min(apps, (f + 1) * perFile); i++) {
      docs.push(findings ? app(i).replace('limits: {memory: 256Mi}', 'limits: {}') : app(i));
    }
    mkdirSync(path.join(dir, `team-${f % 25}`), { recursive: true });
    writeFileSync(path.join(dir, `team-${f % 25}`, `apps-${f}.yaml`), docs.join('---\n'));
  }
  return { dir, objects: apps * 6 };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

console.log(`k8s-lint bench on ${process.version}, ${(await import('node:os')).cpus().length} cores\n`);
let perObject10k;
const runs = sizes.map((size) => ({ size, findings: false }));
if (sizes.includes(10000)) runs.push({ size: 10000, findings: true });
for (const { size, findings } of runs) {
  const { dir, objects } = generate(size, findings);
  const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', dir], { encoding: 'utf8', maxBuffer: 1 << 26 });
  rmSync(dir, { recursive: true, force: true });
  if (child.status !== 0) {
    console.log(`${objects} objects: failed\n${child.stderr}`);
    continue;
  }
  const m = JSON.parse(child.stdout);
  const perObject = (m.ms * 1000) / objects;
  if (size === 10000 && !findings) perObject10k = perObject;
  console.log(
    `${String(objects).padStart(6)} objects${findings ? ' (a finding per app)' : ''}: ${m.ms.toFixed(0).padStart(6)} ms  ` +
      `${Math.round(objects / (m.ms / 1000)).toLocaleString('en').padStart(9)} objects/s  ` +
      `${perObject.toFixed(1).padStart(6)} µs/object  peak RSS ${m.maxRssMb.toFixed(0)} MB  problems ${m.problems}` +
      (perObject10k && size > 10000 ? `  (${((perObject / perObject10k - 1) * 100).toFixed(0)}% vs 10k per object)` : ''),
  );
  const entries = Object.entries(m.timings).sort((a, b) => b[1] - a[1]);
  console.log(`        ${entries.filter(([k]) => k.startsWith('stage:')).map(([k, v]) => `${k.slice(6)} ${v.toFixed(0)}`).join('  ')}`);
  console.log(`        rules: ${entries.filter(([k]) => !k.startsWith('stage:')).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`).join('  ')}`);
}

// Cold start: the whole CLI on a two-object file (a Deployment and its Service), median of 7
// runs: once clean, once with a finding (which also loads `yaml` for positions and the formatter).
const TWO_OBJECTS = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports: [{name: http, containerPort: 8080}]
          resources: {requests: {cpu: 100m, memory: 128Mi}, limits: {memory: 256Mi}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
`;
const small = mkdtempSync(path.join(tmpdir(), 'k8s-lint-cold-'));
writeFileSync(path.join(small, 'clean.yaml'), TWO_OBJECTS);
writeFileSync(path.join(small, 'finding.yaml'), TWO_OBJECTS.replace('targetPort: http', 'targetPort: htp'));
for (const name of ['clean.yaml', 'finding.yaml']) {
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const started = performance.now();
    spawnSync(process.execPath, [path.join(root, 'bin/k8s-lint.js'), path.join(small, name)], { encoding: 'utf8' });
    runs.push(performance.now() - started);
  }
  console.log(`cold start, two-object file end to end (${name}): ${median(runs).toFixed(0)} ms (median of ${runs.length})`);
}
const bare = [];
for (let i = 0; i < 7; i++) {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0']);
  bare.push(performance.now() - started);
}
console.log(`for reference, \`node -e 0\`: ${median(bare).toFixed(0)} ms`);
rmSync(small, { recursive: true, force: true });
