/**
 * Which projects a set of found files holds: Helm charts (a folder with `Chart.yaml`, not inside
 * another chart) and kustomizations, with the files each one consumes. A kustomization no other
 * kustomization of the tree consumes is a root: it is rendered, and every file it consumes
 * (resources, patches, components, bases, transitively) is not linted raw.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readYaml } from '../projects.js';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export interface ChartProject {
  readonly kind: 'chart';
  /** Absolute folder of the chart. */
  readonly dir: string;
  readonly name: string;
  readonly version: string;
  /** `type: library`: helpers for other charts, nothing to render on its own. */
  readonly library: boolean;
  readonly dependencies: ReadonlyArray<{ name: string; version: string; repository: string }>;
}

export interface KustomizationProject {
  readonly kind: 'kustomization';
  readonly dir: string;
  /** Absolute path of its kustomization file. */
  readonly file: string;
  /** Local files it names directly (resources, patches, transformers, ...), absolute. */
  readonly files: readonly string[];
  /** Local kustomization folders it names (resources, bases, components), absolute. */
  readonly folders: readonly string[];
  /** Patch files with their targets, for pointing at the patch that set a field. */
  readonly patches: readonly string[];
  /** Why it cannot render offline or as configured: remote resources, `helmCharts`. */
  readonly needs: { remote: boolean; helm: boolean };
}

export interface Projects {
  readonly charts: ChartProject[];
  /** Kustomizations no other one consumes. */
  readonly roots: KustomizationProject[];
  /** Every kustomization by folder. */
  readonly all: ReadonlyMap<string, KustomizationProject>;
  /** Whether a found file belongs to a project (rendered or skipped, never linted raw). */
  covers(file: string): boolean;
}

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const isRemote = (ref: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(ref) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(ref) || ref.startsWith('git@');

export function under(dir: string, file: string): boolean {
  return file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

export async function chartAt(chartFile: string): Promise<ChartProject | undefined> {
  const chart = await readYaml(chartFile);
  if (!chart) return undefined;
  const dependencies = (Array.isArray(chart.dependencies) ? chart.dependencies : [])
    .filter((d): d is Record<string, unknown> => typeof d === 'object' && d !== null && typeof (d as { name?: unknown }).name === 'string')
    .map((d) => ({ name: String(d.name), version: typeof d.version === 'string' ? d.version : '', repository: typeof d.repository === 'string' ? d.repository : '' }));
  const dir = path.dirname(chartFile);
  const name = typeof chart.name === 'string' ? chart.name : path.basename(dir);
  return { kind: 'chart', dir, name, version: String(chart.version ?? ''), library: chart.type === 'library', dependencies };
}

async function kustomizationAt(file: string): Promise<KustomizationProject> {
  const k = (await readYaml(file)) ?? {};
  const dir = path.dirname(file);
  const all = [...strings(k.resources), ...strings(k.bases), ...strings(k.components)];
  const refs = all.filter((r) => !isRemote(r));
  const patchList = Array.isArray(k.patches) ? k.patches : [];
  const patches = [
    ...patchList.map((p) => (typeof p === 'string' ? p : (p as { path?: unknown })?.path)).filter((p): p is string => typeof p === 'string'),
    ...strings(k.patchesStrategicMerge).filter((p) => !p.includes('\n')),
    ...(Array.isArray(k.patchesJson6902) ? k.patchesJson6902 : []).map((p) => (p as { path?: unknown })?.path).filter((p): p is string => typeof p === 'string'),
  ];
  const other = [...strings(k.transformers), ...strings(k.generators), ...strings(k.validators), ...strings(k.crds), ...strings(k.configurations), ...strings(k.replacements)];
  const files: string[] = [];
  const folders: string[] = [];
  for (const ref of [...refs, ...patches, ...other]) {
    const absolute = path.resolve(dir, ref);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (stat?.isDirectory()) folders.push(absolute);
    else if (stat) files.push(absolute);
  }
  const needs = { remote: refs.length < all.length, helm: Array.isArray(k.helmCharts) && k.helmCharts.length > 0 };
  return { kind: 'kustomization', dir, file, files, folders, patches: patches.map((p) => path.resolve(dir, p)), needs };
}

/** The projects among `files` (absolute, sorted); `only` limits what kinds are looked for. */
export async function discoverProjects(files: readonly string[]): Promise<Projects> {
  const charts: ChartProject[] = [];
  for (const file of files) {
    if (path.basename(file) !== 'Chart.yaml') continue;
    const dir = path.dirname(file);
    // A subchart (`charts/x/` of another chart) renders with its parent.
    if (charts.some((c) => under(c.dir, dir))) continue;
    const chart = await chartAt(file);
    if (chart) charts.push(chart);
  }
  const chartDirs = charts.map((c) => c.dir);
  const inChart = (file: string) => chartDirs.some((dir) => under(path.join(dir, 'templates'), file) || under(path.join(dir, 'charts'), file) || under(path.join(dir, 'crds'), file));
  const all = new Map<string, KustomizationProject>();
  for (const file of files) {
    if (!KUSTOMIZATION_FILES.includes(path.basename(file)) || inChart(file)) continue;
    if (!all.has(path.dirname(file))) all.set(path.dirname(file), await kustomizationAt(file));
  }
  const consumedDirs = new Set<string>();
  const consumedFiles = new Set<string>();
  const visit = (k: KustomizationProject, seen: Set<string>) => {
    for (const f of k.files) consumedFiles.add(f);
    for (const folder of k.folders) {
      consumedDirs.add(folder);
      const inner = all.get(folder);
      if (inner && !seen.has(folder)) visit(inner, new Set([...seen, folder]));
    }
  };
  for (const k of all.values()) visit(k, new Set([k.dir]));
  const needsOf = (k: KustomizationProject, seen: Set<string>): { remote: boolean; helm: boolean } =>
    k.folders.reduce((acc, folder) => {
      const inner = all.get(folder);
      if (!inner || seen.has(folder)) return acc;
      const n = needsOf(inner, new Set([...seen, folder]));
      return { remote: acc.remote || n.remote, helm: acc.helm || n.helm };
    }, k.needs);
  const roots = [...all.values()].filter((k) => !consumedDirs.has(k.dir)).map((k) => ({ ...k, needs: needsOf(k, new Set([k.dir])) }));
  const kustomizationDirs = [...all.keys()];
  return {
    charts,
    roots,
    all,
    covers: (file) =>
      inChart(file) || consumedFiles.has(file) || kustomizationDirs.includes(path.dirname(file)) ||
      [...consumedDirs].some((dir) => path.dirname(file) === dir),
  };
}
