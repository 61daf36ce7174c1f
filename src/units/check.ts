/**
 * Runs the rules once per unit, each with an index of what that unit deploys (plus the objects
 * every unit knows), so cross references, duplicates and quotas stay inside a unit. An object
 * shared by several units is reported once per distinct finding.
 */
import type { Resource } from '../resource.js';
import { ResourceIndex, type ExternalObject } from '../resource-index.js';
import { runRules, type Finding, type RunOptions } from '../runner.js';
import { assignUnits, withMissing } from './assign.js';
import type { FileUnitConfig } from './index.js';

export interface UnitRun {
  readonly findings: Finding[];
  /** Unit names, in order. */
  readonly units: string[];
}

export function checkUnits(
  resources: readonly Resource[],
  options: RunOptions & {
    readonly cwd: string;
    readonly explicit: ReadonlySet<string>;
    readonly fileUnits?: readonly FileUnitConfig[];
    readonly external: readonly ExternalObject[];
    readonly checked: (resources: Resource[]) => Resource[];
    /** Called with each unit's index before its rules run (e.g. to attach `--crds` definitions). */
    readonly prepareIndex?: (index: ResourceIndex) => void;
    /** An object a unit's index could not take (a bug; see ResourceIndex). */
    readonly onIndexError?: (resource: Resource, error: unknown) => void;
    /** The index of every object of the run, used as is when one unit holds them all. */
    readonly runIndex?: ResourceIndex;
  },
): UnitRun {
  const context = resources.filter((r) => r.file.contextOnly);
  const own = resources.filter((r) => !r.file.contextOnly);
  const groups = assignUnits(own, options.cwd, options.fileUnits, options.explicit);
  const findings: Finding[] = [];
  const seen = new Map<string, number>();
  const ids = new Map<Resource, number>();
  const total = own.length;
  let done = 0;
  for (const group of groups) {
    const indexed = withMissing(group.indexed, context);
    // One unit of every object: the run's index is the unit's.
    const reuse = options.runIndex !== undefined && indexed.length === resources.length;
    const index = reuse ? options.runIndex! : new ResourceIndex(indexed, options.unreadableDocuments, options.external, options.onIndexError);
    if (!reuse) options.prepareIndex?.(index);
    const offset = done;
    const found = runRules(options.checked(group.resources), index, {
      ...options,
      onProgress: options.onProgress && ((n) => options.onProgress!(offset + n, total)),
    });
    done += group.resources.length;
    for (const finding of found) {
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
  }
  return { findings, units: groups.map((g) => g.name) };
}
