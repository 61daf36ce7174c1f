/**
 * Runs the rules once per unit, each with an index of what that unit deploys (plus the objects
 * every unit knows), so cross references, duplicates and quotas stay inside a unit. An object
 * shared by several units is reported once per distinct finding.
 */
import type { Resource } from '../resource.js';
import { ResourceIndex, type ExternalObject } from '../resource-index.js';
import { runRules, type Finding, type Pending, type RunOptions } from '../runner.js';
import type { Parallel } from '../parallel/index.js';
import { assignUnits, withMissing } from './assign.js';
import type { FileUnitConfig } from './index.js';

export interface UnitRun {
  readonly findings: Finding[];
  /** Unit names, in order. */
  readonly units: string[];
}

export async function checkUnits(
  resources: readonly Resource[],
  options: RunOptions & {
    readonly cwd: string;
    readonly explicit: ReadonlySet<string>;
    readonly fileUnits?: readonly FileUnitConfig[];
    readonly external: readonly ExternalObject[];
    /** Kinds (`Kind` or `group/Kind`) whose objects are indexed but not checked. */
    readonly skipKinds?: readonly string[];
    /** Called with each unit's index before its rules run (e.g. to attach `--crds` definitions). */
    readonly prepareIndex?: (index: ResourceIndex) => void;
    /** An object a unit's index could not take (a bug; see ResourceIndex). */
    readonly onIndexError?: (resource: Resource, error: unknown) => void;
    /** The index of every object of the run, used as is when one unit holds them all. */
    readonly runIndex?: ResourceIndex;
    /** A worker thread checking some objects' local rules (src/parallel/). */
    readonly parallel?: Parallel;
  },
): Promise<UnitRun> {
  const context = resources.filter((r) => r.file.contextOnly);
  const own = resources.filter((r) => !r.file.contextOnly);
  // The run's index knows which objects are defined more than once: only those are compared.
  const redefined = options.runIndex?.resources === resources ? options.runIndex.redefined() : undefined;
  const groups = assignUnits(own, options.cwd, options.fileUnits, options.explicit, redefined);
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  const ids = new Map<Resource, number>();
  const total = own.length;
  let done = 0;
  const runs: Array<Array<Finding | Pending>> = [];
  for (const group of groups) {
    const indexed = withMissing(group.indexed, context);
    // One unit of every object: the run's index is the unit's.
    const reuse = options.runIndex !== undefined && indexed.length === resources.length;
    const index = reuse ? options.runIndex! : new ResourceIndex(indexed, options.unreadableDocuments, options.external, options.onIndexError);
    if (!reuse) options.prepareIndex?.(index);
    const offset = done;
    const runOptions = { ...options, onProgress: options.onProgress && ((n: number) => options.onProgress!(offset + n, total)) };
    const checked = withoutSkipped(group.resources, options.skipKinds);
    runs.push(options.parallel ? runRules(checked, index, runOptions, options.parallel) : runRules(checked, index, runOptions));
    done += group.resources.length;
  }
  // What the worker found goes where the serial run would have found it, before de-duplication.
  const settled = options.parallel ? await options.parallel.settle(runs, options.timings) : (runs as Finding[][]);
  groups.forEach((group, i) => {
    for (const finding of settled[i]) {
      const target = finding.target;
      if (target && !ids.has(target)) ids.set(target, ids.size);
      const key = `${target ? ids.get(target) : ''}|${finding.ruleId}|${finding.message}|${JSON.stringify(finding.node?.path ?? [])}`;
      const first = seen.get(key);
      if (first !== undefined) {
        // An object several units share: one finding, naming them all.
        findings[first] = { ...findings[first], unit: `${findings[first].unit}, ${group.name}` };
        continue;
      }
      seen.set(key, findings.length);
      findings.push({ ...finding, unit: group.name });
    }
  });
  return { findings, units: groups.map((g) => g.name) };
}

/** The objects rules check: all but `skipKinds` (which stay in the index). */
function withoutSkipped(resources: Resource[], skipKinds: readonly string[] | undefined): Resource[] {
  if (!skipKinds?.length) return resources;
  const skip = new Set(skipKinds);
  return resources.filter((r) => !skip.has(r.kind) && !skip.has(`${r.group}/${r.kind}`));
}
