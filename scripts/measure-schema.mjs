// `node scripts/measure-schema.mjs`: what schema validation costs, to
// justify the design of src/schema-validate.ts. Each cold number comes from a fresh process.
//   1. ajv 8 (the alternative): import time, compile time per kind cold (Kubernetes 1.35
//      Deployment, Service, ConfigMap, Ingress) under several option sets, validate time warm.
//   2. src/schema-validate.ts (the interpreter we ship): first call per kind cold, validate warm.
//   3. The schema-violation rule in a whole run: 10,000 objects with every registered rule plus
//      schema-violation, and a two-object file end to end (node start included), with and without it.
// `--skip-ajv` leaves out part 1. It never fails the build.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The modules it measures, bundled as the package is (scripts/build.mjs), once, by the parent process.
const MODULES = ['src/schemas', 'src/schema-validate', 'src/resource-index', 'src/resource', 'src/engine', 'rules/index', 'rules/schema-violation'];
const bundled = path.join(root, 'node_modules', '.cache', 'k8s-lint-measure-schema');
const dist = (file) => path.join(bundled, `${file.replace(/\.js$/, '').replace('/', '-')}.js`);
if (process.argv[2] !== '--child') {
  const { bundle } = await import('./build.mjs');
  await bundle(Object.fromEntries(MODULES.map((m) => [m.replace('/', '-'), `${m}.ts`])), bundled);
}
const self = fileURLToPath(import.meta.url);

const KINDS = {
  Deployment: ['apps/v1', {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } },
      template: {
        metadata: { labels: { app: 'web', tier: 'web' } },
        spec: {
          containers: [{
            name: 'web', image: 'registry.example.com/shop/web:1.2.0',
            ports: [{ name: 'http', containerPort: 8080 }],
            envFrom: [{ configMapRef: { name: 'web-config' } }],
            env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'web-secret', key: 'password' } } }],
            resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '256Mi' } },
            readinessProbe: { httpGet: { path: '/healthz', port: 'http' } },
            volumeMounts: [{ name: 'data', mountPath: '/data' }],
          }],
          volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'web-data' } }],
        },
      },
    },
  }],
  Service: ['v1', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'shop' },
    spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
  }],
  ConfigMap: ['v1', {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'web-config', namespace: 'shop' }, data: { LOG_LEVEL: 'info' },
  }],
  Ingress: ['networking.k8s.io/v1', {
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web', namespace: 'shop' },
    spec: {
      rules: [{
        host: 'web.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] },
      }],
    },
  }],
};

const AJV_OPTIONS = {
  default: {},
  'inlineRefs:false': { inlineRefs: false },
  'optimize:false': { code: { optimize: false } },
  'both': { inlineRefs: false, code: { optimize: false } },
  'allErrors': { allErrors: true },
  'allErrors+both': { allErrors: true, inlineRefs: false, code: { optimize: false } },
};

function warm(fn, object) {
  for (let i = 0; i < 2000; i++) fn(object);
  const n = 20000;
  const started = performance.now();
  for (let i = 0; i < n; i++) fn(object);
  return ((performance.now() - started) * 1000) / n;
}

async function childAjv(kind, optionsName) {
  const [apiVersion, object] = KINDS[kind];
  let t = performance.now();
  const { Ajv } = await import('ajv');
  const importMs = performance.now() - t;
  const { lookupKind, KUBERNETES_KEYWORDS } = await import(dist('src/schemas.js'));
  t = performance.now();
  const schema = lookupKind('1.35', apiVersion, kind).schema;
  const lookupMs = performance.now() - t;
  t = performance.now();
  const ajv = new Ajv({ strict: true, ...AJV_OPTIONS[optionsName] });
  ajv.addVocabulary([...KUBERNETES_KEYWORDS]);
  const validate = ajv.compile(schema);
  const compileMs = performance.now() - t;
  if (!validate(object)) throw new Error(`${kind} sample is invalid: ${JSON.stringify(validate.errors)}`);
  return { importMs, lookupMs, compileMs, validateUs: warm(validate, object) };
}

async function childInterpreter(kind) {
  const [, object] = KINDS[kind];
  let t = performance.now();
  const { validateObject, objectSchema } = await import(dist('src/schema-validate.js'));
  const { ResourceIndex } = await import(dist('src/resource-index.js'));
  const { toResources } = await import(dist('src/resource.js'));
  const importMs = performance.now() - t;
  const file = { path: 'x.yaml', text: '' };
  const [resource] = toResources([{ file, docIndex: 0, value: object }], 'default');
  const index = new ResourceIndex([resource]);
  t = performance.now();
  const schema = objectSchema(resource, index, '1.35');
  const lookupMs = performance.now() - t;
  t = performance.now();
  const issues = validateObject(object, schema);
  const firstMs = performance.now() - t;
  if (issues.length > 0) throw new Error(`${kind} sample is invalid: ${JSON.stringify(issues)}`);
  return { importMs, lookupMs, firstMs, validateUs: warm((o) => validateObject(o, schema), object) };
}

async function childLint(dir, withSchema) {
  const started = performance.now();
  const { lint } = await import(dist('src/engine.js'));
  const { allRules } = await import(dist('rules/index.js'));
  const { default: schemaViolation } = await import(dist('rules/schema-violation.js'));
  const ruleSet = allRules.filter((r) => r.id !== schemaViolation.id);
  if (withSchema) ruleSet.push(schemaViolation);
  const t = performance.now();
  const output = await lint([{ path: dir }], { ruleSet, profile: true });
  const problems = output.results.reduce((n, r) => n + r.messages.length, 0);
  return { totalMs: performance.now() - started, lintMs: performance.now() - t, problems, schemaMs: output.timings?.['schema-violation'] };
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  const [, what, ...rest] = args;
  const result = what === 'ajv' ? await childAjv(...rest)
    : what === 'interpreter' ? await childInterpreter(...rest)
      : await childLint(rest[0], rest[1] === 'true');
  console.log(JSON.stringify(result));
  process.exit(0);
}

function child(...childArgs) {
  const started = performance.now();
  const run = spawnSync(process.execPath, [self, '--child', ...childArgs], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const wallMs = performance.now() - started;
  if (run.status !== 0) throw new Error(run.stderr);
  return { ...JSON.parse(run.stdout), wallMs };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x) => `${x.toFixed(1)} ms`;
const repeat = (n, f) => Array.from({ length: n }, f);

console.log(`schema validation cost on ${process.version}, ${cpus().length} cores (median of 3 fresh processes)\n`);
console.log('ajv 8, Kubernetes 1.35: compile cold | validate warm per valid object');
for (const kind of args.includes('--skip-ajv') ? [] : Object.keys(KINDS)) {
  for (const optionsName of Object.keys(AJV_OPTIONS)) {
    const runs = repeat(3, () => child('ajv', kind, optionsName));
    console.log(`  ${kind.padEnd(10)} ${optionsName.padEnd(15)} compile ${ms(median(runs.map((r) => r.compileMs))).padStart(9)}`
      + `  validate ${median(runs.map((r) => r.validateUs)).toFixed(2)} µs  (import ajv ${ms(median(runs.map((r) => r.importMs)))},`
      + ` schema lookup ${ms(median(runs.map((r) => r.lookupMs)))})`);
  }
}
console.log('\nsrc/schema-validate.ts, Kubernetes 1.35: first call cold | validate warm per valid object');
for (const kind of Object.keys(KINDS)) {
  const runs = repeat(3, () => child('interpreter', kind));
  console.log(`  ${kind.padEnd(10)} schema lookup ${ms(median(runs.map((r) => r.lookupMs)))}  first validate ${ms(median(runs.map((r) => r.firstMs)))}`
    + `  validate ${median(runs.map((r) => r.validateUs)).toFixed(2)} µs  (import ${ms(median(runs.map((r) => r.importMs)))})`);
}

const big = mkdtempSync(path.join(tmpdir(), 'k8s-lint-schema-'));
const two = mkdtempSync(path.join(tmpdir(), 'k8s-lint-schema-two-'));
try {
  writeManifests(big, two);
  console.log('\nwhole run, every registered rule (+ schema-violation):');
  for (const withSchema of [false, true]) {
    const runs = repeat(3, () => child('lint', big, String(withSchema)));
    const label = withSchema ? 'with schema-violation   ' : 'without schema-violation';
    console.log(`  10,000 objects ${label}: ${ms(median(runs.map((r) => r.wallMs)))} wall (node start included), lint() ${ms(median(runs.map((r) => r.lintMs)))}`
      + (withSchema ? `, schema-violation ${ms(median(runs.map((r) => r.schemaMs ?? NaN)))}` : '') + `, problems ${runs[0].problems}`);
  }
  for (const withSchema of [false, true]) {
    const runs = repeat(7, () => child('lint', two, String(withSchema)));
    console.log(`  two objects ${withSchema ? 'with' : 'without'} schema-violation: ${ms(median(runs.map((r) => r.wallMs)))} wall (median of 7)`);
  }
} finally {
  rmSync(big, { recursive: true, force: true });
  rmSync(two, { recursive: true, force: true });
}

/** 10,000 objects: the sample Deployment, Service, Ingress and ConfigMap plus a Secret and a PVC,
 * renamed per app, 10 apps per file; and a file with one Deployment and one Service. */
function writeManifests(bigDir, twoDir) {
  const extra = [
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'web-secret', namespace: 'shop' }, type: 'Opaque', stringData: { password: 'x' } },
    { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'web-data', namespace: 'shop' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  ];
  const app = (i) => [...Object.values(KINDS).map(([, o]) => o), ...extra]
    .map((o) => stringify(JSON.parse(JSON.stringify(o).replaceAll('"web', `"app${i}`).replaceAll('"shop"', `"team-${i % 25}"`))));
  const apps = Math.ceil(10000 / 6);
  for (let f = 0; f * 10 < apps; f++) {
    const docs = [];
    for (let i = f * 10; i < Math.min(apps, f * 10 + 10); i++) docs.push(...app(i));
    writeFileSync(path.join(bigDir, `apps-${f}.yaml`), docs.join('---\n'));
  }
  writeFileSync(path.join(twoDir, 'app.yaml'), app(1).slice(0, 2).join('---\n'));
}
