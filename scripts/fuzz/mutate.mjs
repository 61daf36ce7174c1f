// A seeded mutation fuzzer for k8s-lint: turns the fixtures into hostile and odd manifests (line
// and byte edits, kind swaps, list/map/scalar swaps, odd keys and values, truncation) and checks
// that the engine survives each one. Shared by test/fuzz.test.ts (a bounded budget in `npm test`)
// and scripts/fuzz.mjs (`npm run fuzz`, a long run). Mutant `i` of seed `s` is always the same
// text, so a failure reproduces with `npm run fuzz -- --seed s --only i`.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import jsyaml from 'js-yaml';

/** Every property name of Object.prototype (`__proto__`, `constructor`, `toString`, ...). */
export const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);
/** Words that are members of common objects: never to be read as a key's value by accident. */
export const MEMBER_NAMES = [...PROTOTYPE_NAMES, 'then', 'length', 'prototype', 'call', 'size', 'get', 'has'];

const KINDS = [
  'Deployment', 'Service', 'Ingress', 'StatefulSet', 'CronJob', 'Pod', 'ConfigMap', 'Job', 'HorizontalPodAutoscaler', 'DaemonSet',
  'ResourceQuota', 'Secret', 'PersistentVolumeClaim', 'LimitRange', 'PodDisruptionBudget', 'RoleBinding', 'ServiceAccount',
  'Namespace', 'CustomResourceDefinition', 'NetworkPolicy', 'ClusterRoleBinding', 'ReplicationController', 'List', 'IngressClass',
  'ClusterRole', 'Role', 'ReplicaSet', 'Endpoints', 'PersistentVolume', 'SealedSecret', 'ExternalSecret', 'Certificate', 'Rollout',
  'ConfigMapList', 'PodTemplate', 'Event', 'Widget', '', 'kind', 'deployment', 'Deployment ', '123',
];
const API_VERSIONS = [
  'v1', 'apps/v1', 'batch/v1', 'networking.k8s.io/v1', 'extensions/v1beta1', 'policy/v1', 'autoscaling/v2', 'rbac.authorization.k8s.io/v1',
  'apiextensions.k8s.io/v1', 'example.com/v1', 'bitnami.com/v1alpha1', 'v2', '', '/', 'apps/', '/v1', 'a/b/c', 'apps/v1beta1', 'batch/v1beta1',
];
const ODD_SCALARS = [
  "''", '~', 'null', '0', '-1', '65536', '1e309', '-1e309', '.nan', '.inf', '0x10', '0777', '1_000', 'true', 'yes', 'on', 'no', '"quoted"',
  '2024-01-01', '12:30', '"${VAR}"', '"{{ .Values.x }}"', '!!str 1', '!custom x', '!!binary aGk=', '[]', '{}', '[a, b]', '{a: b}',
  '"\\u2028"', 'é', '"😀"', '"\\u0000"', '"\\ud800"', '"a\\nb"', 'http', '8080', '"8080"', 'TCP', 'tcp', 'None', 'Always', '/', '..', '"a/b/c"',
  'cpu', '500m', '1Gi', '-1Gi', '1e3', '0.0001m', 'foo.bar/baz', 'default', 'kube-system', '"-"', '"--"', '"*"', '"* * * * *"', '"@every 1x"',
  'In', 'Exists', 'NotIn', 'ReadWriteOnce', 'ClusterIP', 'ExternalName', '"10.0.0.1"', 'latest', 'nginx:latest', '"registry:5000/a@sha256:00"',
  '9007199254740993', '-0', '0.5', '1.5', '"1.5"', '99999999999999999999999', '"x".repeat', '"?"', '"%2F"', '"a b"', '"\\t"',
  ...MEMBER_NAMES.map((name) => `'${name}'`),
];
const ODD_KEYS = [
  ...MEMBER_NAMES, '', '"a.b/c"', '"a b"', '"1"', '0', 'null', 'true', '"{{ x }}"', '"${X}"', 'metadata', 'spec', 'kind', 'apiVersion',
  'name', 'namespace', 'labels', 'selector', 'containers', 'ports', 'items', 'data', 'resources', 'limits', 'requests', 'volumes', 'env',
  'template', 'matchLabels', 'matchExpressions', 'targetPort', 'port', 'type', 'rules', 'http', 'paths', 'backend', 'service',
];
const ODD_CHARS = [':', '-', '{', '}', '[', ']', "'", '"', '#', '&', '*', '!', '|', '>', '\t', '\n', '\r', '\0', '%', '@', '`', ',', '?',
  ' ', '  ', '\\', '\u2028', '\ufeff', 'é', '😀', '\ud800', '---\n', '...\n', '<<: *a\n', '&a ', '*a'];

/** mulberry32: a small, fast, seedable PRNG. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/** Every YAML and JSON file of fixtures/ (the fuzzer's seeds), sorted for determinism. */
export function fixtureSeeds(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(ya?ml|json)$/.test(entry.name)) out.push({ path: path.relative(root, full), text: readFileSync(full, 'utf8') });
    }
  };
  walk(path.join(root, 'fixtures'));
  return out;
}

// ------------------------------------------------------------------------------ text mutations

const lines = (text) => text.split('\n');

function lineEdit(r, text, seeds) {
  const ls = lines(text);
  const i = r.int(ls.length);
  switch (r.int(6)) {
    case 0: ls.splice(i, 1); break;
    case 1: ls.splice(i, 0, ls[i]); break;
    case 2: { const j = r.int(ls.length); [ls[i], ls[j]] = [ls[j], ls[i]]; break; }
    case 3: { const other = lines(r.pick(seeds).text); ls.splice(i, 0, r.pick(other)); break; }
    case 4: ls[i] = r.chance(0.5) ? `  ${ls[i]}` : ls[i].replace(/^ {1,2}/, ''); break;
    default: ls[i] = ls[i].slice(0, r.int(ls[i].length + 1)); break;
  }
  return { text: ls.join('\n'), what: 'line edit' };
}

function byteEdit(r, text) {
  const at = r.int(text.length + 1);
  const char = r.chance(0.8) ? r.pick(ODD_CHARS) : String.fromCodePoint(r.int(0x3000));
  switch (r.int(3)) {
    case 0: return { text: text.slice(0, at) + char + text.slice(at), what: `insert ${JSON.stringify(char)}` };
    case 1: return { text: text.slice(0, at) + text.slice(at + 1 + r.int(4)), what: 'delete bytes' };
    default: return { text: text.slice(0, at) + char + text.slice(at + 1), what: `replace with ${JSON.stringify(char)}` };
  }
}

function kindSwap(r, text) {
  const field = r.chance(0.7) ? 'kind' : 'apiVersion';
  const matches = [...text.matchAll(new RegExp(`^(\\s*(?:- )?${field}:[ \\t]*)(\\S.*)?$`, 'gm'))];
  if (matches.length === 0) return byteEdit(r, text);
  const m = r.pick(matches);
  const pool = field === 'kind' ? [...KINDS, ...MEMBER_NAMES] : [...API_VERSIONS, ...MEMBER_NAMES, ...MEMBER_NAMES.map((n) => `${n}/v1`), ...MEMBER_NAMES.map((n) => `apps/${n}`)];
  const value = r.pick(pool);
  const replaced = `${m[1]}${JSON.stringify(value)}`;
  return { text: text.slice(0, m.index) + replaced + text.slice(m.index + m[0].length), what: `${field} -> ${JSON.stringify(value)}` };
}

function truncate(r, text) {
  const at = r.int(text.length + 1);
  return { text: text.slice(0, at), what: `truncate at ${at}` };
}

function splice(r, text, seeds) {
  const other = r.pick(seeds).text;
  const docs = other.split(/^---$/m);
  const doc = r.pick(docs);
  return r.chance(0.5)
    ? { text: `${text}\n---\n${doc}`, what: 'append a document' }
    : { text: `${doc}\n---\n${text}`, what: 'prepend a document' };
}

function oddLine(r, text) {
  const ls = lines(text);
  const i = r.int(ls.length + 1);
  const indent = ' '.repeat(r.int(4) * 2);
  const line = r.chance(0.5) ? `${indent}${r.pick(ODD_KEYS)}: ${r.pick(ODD_SCALARS)}` : `${indent}- ${r.pick(ODD_SCALARS)}`;
  ls.splice(i, 0, line);
  return { text: ls.join('\n'), what: `odd line ${JSON.stringify(line)}` };
}

function deepOrLarge(r, text) {
  const ls = lines(text);
  const i = r.int(ls.length + 1);
  const depth = r.pick([10, 100, 999, 1001, 1500, 3000]);
  const variants = [
    () => `deep: ${'['.repeat(depth)}${']'.repeat(depth)}`,
    () => `deep: ${'{a: '.repeat(depth)}1${'}'.repeat(depth)}`,
    () => `long: ${'x'.repeat(r.pick([300, 5000, 70000]))}`,
    () => `many: [${Array.from({ length: r.pick([100, 5000]) }, (_, k) => k).join(',')}]`,
    () => `anchors: &a [${'x,'.repeat(50)}]\nalias: [*a, *a, *a, *a]`,
  ];
  ls.splice(i, 0, r.pick(variants)());
  return { text: ls.join('\n'), what: 'deep or large value' };
}

// ------------------------------------------------------------------------ structure mutations

/** Sets `key` as an own property even when it is `__proto__`. */
function setOwn(object, key, value) {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function oddValue(r) {
  const text = r.pick(ODD_SCALARS);
  try {
    return jsyaml.load(text);
  } catch {
    return text;
  }
}

function oddKey(r) {
  const key = r.pick(ODD_KEYS);
  return key.startsWith('"') ? JSON.parse(key) : key;
}

/** Every map and list of a value with the path to it (iterative). */
function containers(root) {
  const out = [];
  const stack = [root];
  while (stack.length > 0 && out.length < 5000) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object' || !(Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)) continue;
    out.push(value);
    for (const item of Object.values(value)) stack.push(item);
  }
  return out;
}

function shapeOf(r, value) {
  if (Array.isArray(value)) return r.pick([{ a: value }, 'x', value.length, {}]);
  if (value !== null && typeof value === 'object') return r.pick([Object.values(value), 'x', 0, [value], null]);
  return r.pick([[value], { [String(value)]: value }, { value }, []]);
}

function structural(r, text, seeds) {
  let docs;
  try {
    docs = jsyaml.loadAll(text, undefined, { json: true });
  } catch {
    return lineEdit(r, text, seeds);
  }
  const all = containers(docs);
  if (all.length === 0) return oddLine(r, text);
  const target = r.pick(all);
  const keys = Object.keys(target);
  let what;
  if (Array.isArray(target) && target.length > 0 && r.chance(0.3)) {
    const i = r.int(target.length);
    switch (r.int(3)) {
      case 0: target[i] = shapeOf(r, target[i]); what = 'list item changes shape'; break;
      case 1: target.push(target[i]); what = 'list item repeated'; break;
      default: target[i] = oddValue(r); what = 'odd list item'; break;
    }
  } else if (!Array.isArray(target) && keys.length > 0 && r.chance(0.6)) {
    const key = r.pick(keys);
    switch (r.int(4)) {
      case 0: target[key] = shapeOf(r, target[key]); what = `\`${key}\` changes shape`; break;
      case 1: target[key] = oddValue(r); what = `\`${key}\` gets an odd value`; break;
      case 2: { const value = target[key]; delete target[key]; setOwn(target, oddKey(r), value); what = `\`${key}\` renamed`; break; }
      default: delete target[key]; what = `\`${key}\` removed`; break;
    }
  } else if (Array.isArray(target)) {
    target.push(r.chance(0.5) ? oddValue(r) : { [oddKey(r)]: oddValue(r) });
    what = 'odd list item added';
  } else {
    const key = oddKey(r);
    setOwn(target, key, r.chance(0.5) ? oddValue(r) : shapeOf(r, oddValue(r)));
    what = `key ${JSON.stringify(key)} added`;
  }
  try {
    // Shared nodes stay anchors and aliases: expanding them (an alias-bomb fixture) would not fit in memory.
    const dumped = docs.map((doc) => jsyaml.dump(doc, { lineWidth: -1, skipInvalid: true })).join('---\n');
    return { text: dumped, what };
  } catch {
    return oddLine(r, text);
  }
}

const OPERATORS = [
  [lineEdit, 3], [byteEdit, 3], [kindSwap, 2], [structural, 5], [truncate, 1], [splice, 1], [oddLine, 2], [deepOrLarge, 0.5],
];
const TOTAL = OPERATORS.reduce((sum, [, weight]) => sum + weight, 0);

function operator(r) {
  let x = r.next() * TOTAL;
  for (const [op, weight] of OPERATORS) if ((x -= weight) < 0) return op;
  return OPERATORS[0][0];
}

/** Mutant `index` of `seed`: one to four mutations of one fixture (sometimes with a neighbour). */
export function mutant(seeds, seed, index) {
  const r = prng((Math.imul(seed, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const base = r.pick(seeds);
  let text = base.text;
  const steps = [];
  for (let n = 1 + r.int(4); n > 0; n--) {
    const result = operator(r)(r, text, seeds);
    text = result.text;
    steps.push(result.what);
  }
  const neighbour = r.chance(0.15) ? r.pick(seeds) : undefined;
  return { index, base: base.path, steps, text, neighbour };
}

// --------------------------------------------------------------------------------- the checks

/**
 * Lints one mutant in-process; returns why it failed, or undefined. Exit codes are derived as the
 * CLI derives them: 2 only for usage errors and internal errors.
 */
export async function checkMutant(lint, m, { timeLimitMs = 10_000 } = {}) {
  const inputs = [{ path: `mutant-${m.index}.yaml`, text: m.text }];
  if (m.neighbour) inputs.push({ path: m.neighbour.path, text: m.neighbour.text });
  const started = performance.now();
  let output;
  try {
    output = await lint(inputs);
  } catch (error) {
    return `lint() threw: ${error instanceof Error ? error.stack : String(error)}`;
  }
  const ms = performance.now() - started;
  if (output.errors.length > 0) return `usage errors (exit 2): ${output.errors.join('; ')}`;
  const internal = output.results.flatMap((r) => r.messages).filter((msg) => msg.ruleId === 'internal-error');
  if (internal.length > 0 || output.internalError) return `internal-error: ${internal.map((msg) => msg.message).join(' | ')}`;
  let json;
  try {
    json = JSON.parse(JSON.stringify(output.results));
  } catch (error) {
    return `results are not JSON: ${error}`;
  }
  for (const result of json) {
    for (const msg of result.messages) {
      if (!(msg.line >= 1 && msg.column >= 1 && msg.endLine >= msg.line && typeof msg.message === 'string' && typeof msg.ruleId === 'string')) {
        return `malformed message ${JSON.stringify(msg)}`;
      }
    }
  }
  if (ms > timeLimitMs) return `took ${Math.round(ms)} ms (limit ${timeLimitMs} ms)`;
  return undefined;
}

/** Runs mutants `from` to `to - 1` of `seed`; calls `onFailure` for each failing one. */
export async function campaign(lint, seeds, { seed, from = 0, to, timeLimitMs, onFailure, onProgress }) {
  let failures = 0;
  for (let i = from; i < to; i++) {
    const m = mutant(seeds, seed, i);
    const reason = await checkMutant(lint, m, { timeLimitMs });
    if (reason !== undefined) {
      failures++;
      onFailure?.(m, reason);
    }
    if (onProgress && (i + 1) % 1000 === 0) onProgress(i + 1);
  }
  return failures;
}
