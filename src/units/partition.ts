/**
 * Plain files -> units. A folder tree is one unit unless its parts define the same object
 * (API group, kind, namespace, name) differently: then they are alternatives that are never
 * applied together (`provider/aws/` and `provider/gcp/`; an all-in-one file beside the same
 * objects split into a folder), each its own unit. A folder's own files are applied together
 * (`kubectl apply -f folder`), so they always stay in one group. Parts that collide with nothing
 * belong to every unit.
 */
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';

export interface PlainObject {
  /** `group/Kind|namespace|name`. */
  readonly key: string;
  readonly value: unknown;
}

export interface PlainFile {
  /** Absolute path. */
  readonly path: string;
  readonly objects: readonly PlainObject[];
}

export interface PlainUnit {
  /** Folder (relative to the common root) naming the unit, `.` for the root. */
  readonly name: string;
  readonly files: readonly string[];
}

interface Group {
  readonly dirs: string[];
  readonly files: string[];
  readonly objects: Map<string, unknown[]>;
}

/**
 * The groups as one, taking over the first group's map of objects (its owner drops it); without
 * `objects` (the top of the tree, where only folders and files matter), no map at all.
 */
function merge(groups: readonly Group[], objects = true): Group {
  const out: Group = { dirs: [], files: [], objects: objects ? groups[0].objects : new Map() };
  for (const [i, group] of groups.entries()) {
    out.dirs.push(...group.dirs);
    out.files.push(...group.files);
    if (!objects || i === 0) continue;
    for (const [key, values] of group.objects) {
      const list = out.objects.get(key);
      if (list) list.push(...values);
      else out.objects.set(key, [...values]);
    }
  }
  return out;
}

/** Whether two definitions of one object (lists of its values) differ. */
function differ(values: readonly unknown[], others: readonly unknown[]): boolean {
  return others.some((other) => values.some((value) => !isDeepStrictEqual(value, other)));
}

/** Whether two groups define some object differently. */
function collide(a: Group, b: Group): boolean {
  const [small, large] = a.objects.size <= b.objects.size ? [a, b] : [b, a];
  for (const [key, values] of small.objects) {
    const others = large.objects.get(key);
    if (others && differ(values, others)) return true;
  }
  return false;
}

/**
 * For each part, whether it collides with another: only the objects several parts define are
 * compared (one pass over the keys, not one per pair of parts).
 */
function collisions(parts: readonly Group[]): boolean[] {
  const colliding = parts.map(() => false);
  const first = new Map<string, number>();
  const more = new Map<string, number[]>();
  parts.forEach((part, i) => {
    for (const key of part.objects.keys()) {
      if (!first.has(key)) first.set(key, i);
      else {
        const list = more.get(key);
        if (list) list.push(i);
        else more.set(key, [i]);
      }
    }
  });
  for (const [key, others] of more) {
    const holders = [first.get(key)!, ...others];
    for (let x = 0; x < holders.length; x++) {
      for (let y = x + 1; y < holders.length; y++) {
        const [i, j] = [holders[x], holders[y]];
        if (!(colliding[i] && colliding[j]) && differ(parts[i].objects.get(key)!, parts[j].objects.get(key)!)) colliding[i] = colliding[j] = true;
      }
    }
  }
  return colliding;
}

interface Folder {
  readonly files: PlainFile[];
  readonly children: Map<string, Folder>;
}

function groupsOf(dir: string, folder: Folder, top = false): Group[] {
  const parts: Group[] = [];
  if (folder.files.length > 0) {
    const objects = new Map<string, unknown[]>();
    for (const file of folder.files) {
      for (const o of file.objects) {
        const list = objects.get(o.key);
        if (list) list.push(o.value);
        else objects.set(o.key, [o.value]);
      }
    }
    parts.push({ dirs: [dir], files: folder.files.map((f) => f.path), objects });
  }
  // Subfolders in code-unit order: the same on every machine (localeCompare follows the user's
  // locale, and its first call costs ~8 ms loading ICU's collator).
  for (const [name, child] of [...folder.children].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) parts.push(...groupsOf(path.join(dir, name), child));
  if (parts.length <= 1) return parts;
  const colliding = collisions(parts);
  if (!colliding.includes(true)) return [{ ...merge(parts, !top), dirs: [dir] }];
  // Alternatives: each colliding part joins the first unit it does not collide with; the
  // parts that collide with nothing are shared by every unit.
  const shared = parts.filter((_, i) => !colliding[i]);
  const units: Group[] = [];
  parts.forEach((part, i) => {
    if (!colliding[i]) return;
    const j = units.findIndex((unit) => !collide(unit, part));
    if (j === -1) units.push(part);
    else units[j] = { ...merge([units[j], part]), dirs: [...units[j].dirs, ...part.dirs] };
  });
  return units.map((unit) => ({ ...merge([unit, ...shared], !top), dirs: unit.dirs }));
}

/** Units of plain files, named by folder relative to `root` (their common folder when unset). */
export function partition(files: readonly PlainFile[], root?: string): PlainUnit[] {
  if (files.length === 0) return [];
  const base = root ?? commonFolder(files.map((f) => path.dirname(f.path)));
  const top: Folder = { files: [], children: new Map() };
  for (const file of files) {
    let folder = top;
    const relative = path.relative(base, path.dirname(file.path));
    for (const segment of relative === '' ? [] : relative.split(path.sep)) {
      let child = folder.children.get(segment);
      if (!child) folder.children.set(segment, (child = { files: [], children: new Map() }));
      folder = child;
    }
    folder.files.push(file);
  }
  return groupsOf('', top, true).map((group) => ({
    name: [...new Set(group.dirs.map((d) => d || '.'))].join(' + '),
    files: [...new Set(group.files)],
  }));
}

export function commonFolder(dirs: readonly string[]): string {
  let common = dirs[0];
  for (const dir of dirs) {
    while (common !== path.dirname(common) && dir !== common && !dir.startsWith(common + path.sep)) common = path.dirname(common);
  }
  return common;
}
