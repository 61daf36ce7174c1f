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

function merge(groups: readonly Group[]): Group {
  const out: Group = { dirs: [], files: [], objects: new Map() };
  for (const group of groups) {
    out.dirs.push(...group.dirs);
    out.files.push(...group.files);
    for (const [key, values] of group.objects) out.objects.set(key, [...(out.objects.get(key) ?? []), ...values]);
  }
  return out;
}

/** Whether two groups define some object differently. */
function collide(a: Group, b: Group): boolean {
  const [small, large] = a.objects.size <= b.objects.size ? [a, b] : [b, a];
  for (const [key, values] of small.objects) {
    const others = large.objects.get(key);
    if (others && others.some((other) => values.some((value) => !isDeepStrictEqual(value, other)))) return true;
  }
  return false;
}

interface Folder {
  readonly files: PlainFile[];
  readonly children: Map<string, Folder>;
}

function groupsOf(dir: string, folder: Folder): Group[] {
  const parts: Group[] = [];
  if (folder.files.length > 0) {
    const objects = new Map<string, unknown[]>();
    for (const file of folder.files) for (const o of file.objects) objects.set(o.key, [...(objects.get(o.key) ?? []), o.value]);
    parts.push({ dirs: [dir], files: folder.files.map((f) => f.path), objects });
  }
  for (const [name, child] of [...folder.children].sort(([a], [b]) => a.localeCompare(b))) parts.push(...groupsOf(path.join(dir, name), child));
  if (parts.length <= 1) return parts;
  const colliding = parts.map((part) => parts.some((other) => other !== part && collide(part, other)));
  if (!colliding.includes(true)) return [{ ...merge(parts), dirs: [dir] }];
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
  return units.map((unit) => ({ ...merge([unit, ...shared]), dirs: unit.dirs }));
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
  return groupsOf('', top).map((group) => ({
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
