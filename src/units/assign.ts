/**
 * Objects -> units, and the objects each unit sees. Rendered objects belong to their chart or
 * kustomization; plain files to a unit the configuration names, else to their folder tree
 * (partition.ts). CustomResourceDefinitions and Namespaces are known to every unit, and
 * `--context` objects to every rendered unit.
 */
import path from 'node:path';
import { matchesPath } from '../glob.js';
import type { Resource } from '../resource.js';
import type { FileUnitConfig, RenderedFile } from './index.js';
import { commonFolder, partition, type PlainFile, type PlainObject } from './partition.js';

export interface UnitGroup {
  readonly name: string;
  /** The unit's own objects (checked). */
  readonly resources: Resource[];
  /** What its cross references may resolve to: its objects plus the shared ones. */
  readonly indexed: readonly Resource[];
}

export const keyOf = (r: Resource) => `${r.group}/${r.kind}|${r.namespace ?? ''}|${r.name}`;

function isRendered(file: Resource['file']): file is RenderedFile {
  return typeof (file as Partial<RenderedFile>).unit === 'string';
}

/**
 * Units of `resources` (context objects excluded); `explicit` files, named one by one, form one unit.
 * `redefined`, when known (ResourceIndex#redefined), holds every object that shares its identity
 * with another: only those can make folders collide, so only those are compared.
 */
export function assignUnits(
  resources: readonly Resource[],
  cwd: string,
  fileUnits: readonly FileUnitConfig[] = [],
  explicit: ReadonlySet<string> = new Set(),
  redefined?: ReadonlySet<Resource>,
): UnitGroup[] {
  // Objects go to units file by file (a run of one file's objects at a time), joined at the end.
  const byUnit = new Map<string, Resource[][]>();
  const add = (unit: string, run: Resource[]) => {
    const runs = byUnit.get(unit);
    if (runs) runs.push(run);
    else byUnit.set(unit, [run]);
  };
  const plain = new Map<string, Resource[]>();
  for (let start = 0; start < resources.length; ) {
    // Everything below depends on the file only: its objects are decided together.
    const source = resources[start].file;
    let end = start + 1;
    while (end < resources.length && resources[end].file === source) end++;
    const run = resources.slice(start, end);
    start = end;
    if (isRendered(source)) {
      add(source.unit, run);
      continue;
    }
    if (explicit.has(source.path)) {
      add(explicitName(explicit, cwd), run);
      continue;
    }
    const file = path.resolve(cwd, source.path);
    const configured = fileUnits.find((u) => u.files.some((glob) => matchesPath(path.relative(u.base, file), glob)));
    if (configured) add(configured.name, run);
    else {
      const list = plain.get(file);
      if (list) for (const resource of run) list.push(resource);
      else plain.set(file, run);
    }
  }
  const files: PlainFile[] = [...plain].map(([file, list]) => ({ path: file, objects: comparable(list, redefined) }));
  const units = partition(files);
  for (const unit of units) {
    const name = units.length === 1 && byUnit.size === 0 ? unit.name : displayName(unit.name, files, cwd);
    for (const file of unit.files) add(name, plain.get(file)!);
  }
  const shared = new Map<string, Resource>();
  for (const resource of resources) {
    if ((resource.kind === 'CustomResourceDefinition' || resource.kind === 'Namespace') && !shared.has(keyOf(resource))) shared.set(keyOf(resource), resource);
  }
  const context = resources.filter((r) => r.file.contextOnly);
  return [...byUnit].map(([name, runs]) => {
    const own = joined(runs);
    const rendered = runs.some((run) => isRendered(run[0].file));
    return { name, resources: own, indexed: withMissing(own, [...shared.values(), ...(rendered ? context : [])]) };
  });
}

/** The runs as one new array (a shared folder's runs go to several units). */
function joined(runs: readonly Resource[][]): Resource[] {
  let length = 0;
  for (const run of runs) length += run.length;
  const out = new Array<Resource>(length);
  let i = 0;
  for (const run of runs) for (const resource of run) out[i++] = resource;
  return out;
}

/**
 * What partition compares of a file's objects: all of them, or only those that may share a key with
 * another object. An object defined once collides with nothing, unless a `|` in its kind, namespace
 * or name lets its key equal that of another identity (`keyOf` joins them with `|`).
 */
function comparable(list: readonly Resource[], redefined: ReadonlySet<Resource> | undefined): PlainObject[] {
  const out: PlainObject[] = [];
  const some = redefined === undefined || redefined.size > 0;
  for (const r of list) {
    if (redefined === undefined || (some && redefined.has(r)) || r.kind.includes('|') || r.name.includes('|') || r.namespace?.includes('|')) {
      out.push({ key: keyOf(r), value: r.value });
    }
  }
  return out;
}

/**
 * `own` plus the `candidates` whose identity none of `own` (nor an earlier candidate) has. Only the
 * candidates' keys are kept in a set: a unit may hold a million objects.
 */
export function withMissing(own: readonly Resource[], candidates: readonly Resource[]): readonly Resource[] {
  if (candidates.length === 0) return own;
  const wanted = new Map<string, Resource>();
  const kinds = new Set<string>();
  for (const r of candidates) {
    kinds.add(r.kind);
    if (!wanted.has(keyOf(r))) wanted.set(keyOf(r), r);
  }
  // A key names the kind: only objects of the candidates' kinds can have one of their keys.
  for (const r of own) if (kinds.has(r.kind)) wanted.delete(keyOf(r));
  return wanted.size > 0 ? [...own, ...wanted.values()] : own;
}

function explicitName(explicit: ReadonlySet<string>, cwd: string): string {
  if (explicit.size > 1) return 'files named on the command line';
  const [file] = explicit;
  return path.isAbsolute(file) ? path.relative(cwd, file) : file;
}

/** A plain unit's folder names, relative to `cwd` rather than to the files' common folder. */
function displayName(name: string, files: readonly PlainFile[], cwd: string): string {
  const common = commonFolder(files.map((f) => path.dirname(f.path)));
  return name.split(' + ').map((part) => path.relative(cwd, path.join(common, part === '.' ? '' : part)) || '.').join(' + ');
}
