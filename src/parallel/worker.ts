/**
 * The worker thread's entry (dist/lint-worker.js): for each file of its share, in order, parses it
 * as the main thread does, runs the local rules on its built-in objects, posts the findings and
 * drops the objects, so it holds one file's objects at a time.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { allRules } from '../../rules/index.js';
import { decode } from '../files.js';
import { readDocuments } from '../load.js';
import type { SourceFile } from '../model.js';
import { addResources, settleNamespaces, type Resource } from '../resource.js';
import { checkOne, reporter, rulesByKind, type Finding } from '../runner.js';
import { isBuiltInKind, localIndex, NotLocal } from './local.js';
import { encodeFinding, UNCLAIMED, WORKER, type ObjectAnswer, type WireFinding, type WorkerJob, type WorkerMessage } from './wire.js';

/** Files per message: few messages, yet the main thread gets answers as they come. */
const BATCH = 64;

function post(message: WorkerMessage): void {
  parentPort!.postMessage(message);
}

function sourceFile({ path, text }: WorkerJob['files'][number]): SourceFile {
  // Without `release`: the loader then keeps the parsed values as they are (the main thread, which
  // keeps them, rebuilds those of files read from disk compactly: the same values).
  return { path, text: text ?? decode(readFileSync(path)) };
}

function run(job: WorkerJob): void {
  const byId = new Map(allRules.map((rule) => [rule.id, rule]));
  const rulesFor = rulesByKind(job.rules.map(({ id, severity, configured }) => ({ rule: byId.get(id)!, severity, configured })));
  const timings: Record<string, number> | undefined = job.profile ? {} : undefined;
  let reached = false;
  const index = localIndex(() => (reached = true));
  const { state, report } = reporter({ unreadableDocuments: 0 });
  const context = {
    resource: undefined! as Resource, index, kubernetesVersion: job.kubernetesVersion, settings: job.settings, report,
    get admission(): never {
      reached = true;
      throw new NotLocal('admission');
    },
  };
  const answersFor = (input: WorkerJob['files'][number]): Array<ObjectAnswer | null> | null => {
    try {
      const file = sourceFile(input);
      const resources: Resource[] = [];
      readDocuments(file, (doc) => {
        try {
          addResources(resources, doc);
        } catch {
          // The main thread reports it; the objects read before the failure are checked as there.
        }
      });
      settleNamespaces(resources, job.defaultNamespace);
      return resources.map((resource) => (isBuiltInKind(resource) ? answerFor(resource) : null));
    } catch {
      return null; // the main thread checks this file itself
    }
  };
  const answerFor = (resource: Resource): ObjectAnswer => {
    context.resource = resource;
    let findings: Record<string, WireFinding[]> | undefined;
    let here: string[] | undefined;
    for (const each of rulesFor(resource)) {
      reached = false;
      const out: Finding[] = (state.out = []);
      checkOne(state, each, context, timings);
      if (reached) (here ??= []).push(each.rule.id);
      else if (out.length > 0) (findings ??= {})[each.rule.id] = out.map(encodeFinding);
    }
    return findings || here ? { ...(findings ? { findings } : {}), ...(here ? { here } : {}) } : 0;
  };
  const claims = new Int32Array(job.claims);
  let batch: Array<Array<ObjectAnswer | null> | null> = [];
  const flush = (end: number) => {
    post({ first: end - batch.length, files: batch });
    batch = [];
    if (job.test === 'crash') throw new Error('K8S_LINT_WORKER_TEST asked the worker to crash');
  };
  // Tests: let the main thread take the last file first (it wakes this one), so that both check some.
  if (job.test === 'late') Atomics.wait(claims, job.files.length - 1, UNCLAIMED, 10_000);
  let i = 0;
  // The main thread takes files from the end once it is idle: stop at the first it took.
  for (; i < job.files.length && Atomics.compareExchange(claims, i, UNCLAIMED, WORKER) === UNCLAIMED; i++) {
    batch.push(answersFor(job.files[i]));
    if (batch.length === BATCH) flush(i + 1);
  }
  if (batch.length > 0) flush(i);
  post({ done: true, timings, at: performance.timeOrigin + performance.now() });
}

if (parentPort && workerData) {
  const job = workerData as WorkerJob;
  if (job.test === 'fail-start') throw new Error('K8S_LINT_WORKER_TEST asked the worker to fail at start');
  run(job);
}
