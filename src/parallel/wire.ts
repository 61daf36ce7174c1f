/**
 * Findings between threads: plain data keyed by an object's place in its file, with node refs
 * stripped of their SourceFile (`file: undefined`, key kept in place) and given back the main
 * thread's. Decoded findings have the keys, in the order, that src/runner.ts gives them.
 */
import type { NodeRef, SourceFile } from '../model.js';
import type { Resource } from '../resource.js';
import type { Finding } from '../runner.js';
import type { RuleSettings } from '../rule-api.js';
import type { WorkerTest } from './plan.js';

/** A finding without its file and object (the receiver knows both). */
export type WireFinding = Omit<Finding, 'file' | 'resource' | 'target'>;

/**
 * What the worker found on one object: 0 when every local rule ran and found nothing; else the
 * findings by rule id, and the rules that reached past the object (`here`: run them on the main thread).
 */
export type ObjectAnswer = 0 | { readonly findings?: Record<string, WireFinding[]>; readonly here?: readonly string[] };

export interface WorkerJob {
  /** Files to check, in run order: a path the worker reads, or the text (stdin, editors' overlays). */
  readonly files: ReadonlyArray<{ readonly path: string; readonly text?: string }>;
  /**
   * One Int32 per file: 0 unclaimed, 1 the worker's, 2 the main thread's. The worker claims files
   * from the first, the main thread (once it has nothing else to do) from the last, so that neither
   * waits for the other and each file is checked once.
   */
  readonly claims: SharedArrayBuffer;
  readonly rules: ReadonlyArray<{ readonly id: string; readonly severity: 1 | 2; readonly configured?: boolean }>;
  readonly kubernetesVersion: string;
  readonly settings: RuleSettings;
  readonly defaultNamespace: string;
  readonly profile: boolean;
  /** Tests: make the worker fail, or start late (src/parallel/plan.ts). */
  readonly test?: WorkerTest;
}

export const UNCLAIMED = 0;
export const WORKER = 1;
export const MAIN = 2;

export type WorkerMessage =
  /** Answers for consecutive files from `first`: per file, per object in file order (null: not checked). */
  | { readonly first: number; readonly files: ReadonlyArray<ReadonlyArray<ObjectAnswer | null> | null> }
  /** `at`: when the worker finished (performance.timeOrigin + now, comparable across threads). */
  | { readonly done: true; readonly at: number; readonly timings?: Record<string, number> };

function strip<T extends { readonly file?: SourceFile }>(ref: T): T {
  return { ...ref, file: undefined };
}

function restore<T extends { readonly file?: SourceFile }>(ref: T, file: SourceFile): T {
  return { ...ref, file };
}

type Edits = Finding['fix'];

function mapEdits(edits: Edits, ref: (node: NodeRef) => NodeRef): Edits {
  return edits?.map((edit) => ({ ...edit, at: ref(edit.at) }));
}

function mapRefs(finding: Finding | WireFinding, ref: (node: NodeRef) => NodeRef): Partial<Finding> {
  const { node, related, fix, suggestions } = finding;
  return {
    ...(node ? { node: ref(node) } : {}),
    ...(related ? { related: related.map((r) => ({ ...r, node: ref(r.node) })) } : {}),
    ...(fix ? { fix: mapEdits(fix, ref) } : {}),
    ...(suggestions ? { suggestions: suggestions.map((s) => ({ ...s, fix: mapEdits(s.fix, ref)! })) } : {}),
  };
}

export function encodeFinding(finding: Finding): WireFinding {
  const { file: _file, resource: _resource, target: _target, ...rest } = finding;
  return { ...rest, ...mapRefs(finding, strip) };
}

/** `finding` on `resource`, as the main thread's runner would have made it. */
export function decodeFinding(finding: WireFinding, resource: Resource): Finding {
  const { ruleId, severity, message, node: _node, ...rest } = finding;
  const file = resource.file;
  const refs = mapRefs(finding, (ref) => restore(ref, file));
  return { ruleId, severity, message, file, node: refs.node, resource: resource.id, target: resource, ...rest, ...refs };
}
