/**
 * A worker thread for large runs. The main thread reads, parses and indexes every file and runs
 * every cross-resource rule, as in a serial run; a worker parses the files again, one at a time, and
 * runs the local rules (./local.ts) on their built-in objects. Where runRules would have run local
 * rules on one of those objects it leaves a Pending; `settle` puts the worker's findings there (or
 * runs the checks here: files the worker has not reached when this thread is done, a failed worker),
 * so findings, their order, units, overrides, suppressions and positions are exactly a serial run's.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { LintOptions } from '../engine.js';
import type { Severity, SourceFile } from '../model.js';
import { crdScopes, type Resource } from '../resource.js';
import type { Rule, RuleSettings } from '../rule-api.js';
import { Pending, type Delegate, type Finding } from '../runner.js';
import { isBuiltInKind, LOCAL_RULES } from './local.js';
import { planWorker } from './plan.js';
import { decodeFinding, MAIN, UNCLAIMED, type ObjectAnswer, type WorkerJob, type WorkerMessage } from './wire.js';

export interface Parallel extends Delegate {
  /** Takes the run's objects once parsed and namespaced: the worker checks those of its files. */
  adopt(resources: readonly Resource[]): void;
  /** Each list of findings with each Pending replaced by what it found; stops the worker. */
  settle(lists: ReadonlyArray<ReadonlyArray<Finding | Pending>>, timings?: Record<string, number>): Promise<Finding[][]>;
}

export interface RunFacts {
  /** Every built-in rule (the registry): only those are sent to the worker, which has them too. */
  readonly builtIn: readonly Rule[];
  readonly rules: ReadonlyArray<{ readonly rule: Rule; readonly severity: Severity; readonly configured?: boolean }>;
  readonly kubernetesVersion: string;
  readonly settings: RuleSettings;
  /** Total bytes of the run's files. */
  readonly bytes: number;
  /** The run renders charts or kustomizations (their documents come later). */
  readonly rendering: boolean;
}

type Answers = Map<number, ReadonlyArray<ObjectAnswer | null> | null>;

/** Starts the worker when the run is large enough and the machine has a core to spare. */
export async function startParallel(files: readonly SourceFile[], options: LintOptions, facts: RunFacts): Promise<Parallel | undefined> {
  const workerUrl = new URL('./lint-worker.js', import.meta.url);
  // From sources (vitest on src/), there is no worker entry to load: the run stays serial. Built,
  // this module is in the start-up file (dist/cli.cjs) or a lazy chunk (.js).
  if (!/\.c?js$/.test(import.meta.url)) return undefined;
  const plan = planWorker({
    files,
    bytes: facts.bytes,
    cores: availableParallelism(),
    threads: options.threads !== undefined ? String(options.threads) : process.env.K8S_LINT_THREADS,
    test: process.env.K8S_LINT_WORKER_TEST,
    // Never for `--fix` passes (threads: 1), the language server's cache, frozen values (tests) or rendering.
    excluded: facts.rendering || options.cache !== undefined || options.freeze === true,
  });
  if (!plan) return undefined;
  const builtIn = new Map(facts.builtIn.map((rule) => [rule.id, rule]));
  const local = facts.rules.filter(({ rule }) => LOCAL_RULES.has(rule.id) && builtIn.get(rule.id) === rule);
  if (local.length === 0) return undefined;
  const job: WorkerJob = {
    files: plan.files.map((i) => {
      const file = files[i];
      // A file read from disk (it can `release` its text) is read again there; others travel as text.
      return file.release ? { path: file.path } : { path: file.path, text: file.text };
    }),
    claims: new SharedArrayBuffer(4 * plan.files.length),
    rules: local.map(({ rule, severity, configured }) => ({ id: rule.id, severity, configured })),
    kubernetesVersion: facts.kubernetesVersion,
    settings: facts.settings,
    defaultNamespace: options.defaultNamespace ?? 'default',
    profile: options.profile === true,
    ...(plan.test ? { test: plan.test } : {}),
  };
  let worker: Worker;
  try {
    const { Worker } = await import('node:worker_threads'); // only for runs that start one (it loads streams)
    // Not this process's Node options (`--input-type` fails a worker started from a file; `--cpu-prof` would profile it twice).
    worker = new Worker(workerUrl, { workerData: job, execArgv: [] });
  } catch {
    return undefined;
  }
  const startedAt = performance.now();
  let doneAt = startedAt;
  worker.unref(); // not what keeps the process alive, until `settle` waits for it
  const answers: Answers = new Map();
  let workerTimings: Record<string, number> | undefined;
  const finished = new Promise<boolean>((resolve) => {
    worker.on('message', (message: WorkerMessage) => {
      if ('done' in message) {
        doneAt = message.at - performance.timeOrigin;
        workerTimings = message.timings;
        resolve(true);
      } else {
        message.files.forEach((objects, i) => answers.set(plan.files[message.first + i], objects));
      }
    });
    // A worker that fails or exits early: this thread runs the local rules itself.
    worker.on('error', () => resolve(false));
    worker.on('exit', () => resolve(false));
  });
  const localRules = new Set(local.map(({ rule }) => rule));
  const delegated = new Set(plan.files);
  const places = new Map<Resource, { readonly file: number; readonly ordinal: number }>();
  const claims = new Int32Array(job.claims);
  /**
   * This thread's rules are done: rather than wait, it checks files the worker has not reached,
   * from the last, until it meets the worker. Their local rules' findings go in each Pending's `found`.
   */
  const steal = (pending: Pending[]): Set<number> => {
    const stolen = new Set<number>();
    if (pending.length === 0) return stolen;
    const byFile = new Map<number, Pending[]>();
    for (const item of pending) push(byFile, places.get(item.resource)!.file, item);
    for (let at = plan.files.length - 1; at >= 0 && Atomics.compareExchange(claims, at, UNCLAIMED, MAIN) === UNCLAIMED; at--) {
      Atomics.notify(claims, at); // a worker started `late` (tests) waits for this
      stolen.add(plan.files[at]);
      for (const item of byFile.get(plan.files[at]) ?? []) {
        item.rules.forEach(({ rule }, i) => {
          if (localRules.has(rule)) (item.found ??= [])[i] = item.run(i);
        });
      }
    }
    return stolen;
  };
  return {
    adopt(resources) {
      const fileIndex = new Map(files.map((file, i) => [file, i]));
      const scopes = crdScopes(resources);
      let current: SourceFile | undefined;
      let file = -1;
      let ordinal = 0;
      for (const resource of resources) {
        if (resource.file !== current) {
          current = resource.file;
          file = fileIndex.get(current) ?? -1;
          ordinal = 0;
        }
        if (delegated.has(file) && isBuiltInKind(resource) && !scopes.has(`${resource.group}/${resource.kind}`)) {
          places.set(resource, { file, ordinal });
        }
        ordinal++;
      }
    },
    owns: (resource) => places.has(resource),
    isLocal: (rule) => localRules.has(rule),
    async settle(lists, timings) {
      const pending = lists.flatMap((items) => items.filter((item) => item instanceof Pending));
      const waiting = performance.now();
      const stolen = steal(pending);
      const stealing = performance.now() - waiting;
      // While this thread waits for it, the worker is what keeps the process alive (else Node exits
      // with an unsettled promise); then it is stopped.
      worker.ref();
      const ok = pending.length > 0 && await finished;
      const waited = performance.now() - waiting - stealing;
      void worker.terminate();
      const settled = lists.map((items) => {
        const out: Finding[] = [];
        for (const item of items) {
          if (!(item instanceof Pending)) {
            out.push(item);
            continue;
          }
          const place = places.get(item.resource)!;
          const answer = ok ? answers.get(place.file)?.[place.ordinal] : undefined;
          item.rules.forEach(({ rule }, i) => {
            if (!localRules.has(rule) || stolen.has(place.file)) {
              for (const finding of item.found?.[i] ?? []) out.push(finding);
            } else if (answer === undefined || answer === null || (answer !== 0 && answer.here?.includes(rule.id))) {
              for (const finding of item.run(i)) out.push(finding);
            } else if (answer !== 0) {
              for (const finding of answer.findings?.[rule.id] ?? []) out.push(decodeFinding(finding, item.resource));
            }
          });
        }
        return out;
      });
      if (ok && timings) {
        for (const [id, ms] of Object.entries(workerTimings ?? {})) timings[id] = (timings[id] ?? 0) + ms;
        // The worker's time from its start to its last answer, and how long this thread then waited.
        timings['thread:worker'] = doneAt - startedAt;
        timings['thread:wait'] = waited;
        timings['thread:stolen'] = stealing;
      }
      return settled;
    },
  };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
