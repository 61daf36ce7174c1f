/**
 * Deploy units: the engine asks "which units, with which documents?" here. Charts render with
 * helm (one unit per values set), root kustomizations with kustomize or kubectl; plain files
 * split into folder trees (partition.ts). A rendered document keeps a way back to the line a
 * person edits (source-map.ts).
 */
import path from 'node:path';
import type { SourceFile } from '../model.js';
import { projectSkips, type ProjectSkip } from '../projects.js';
import { discoverProjects, under, type ChartProject, type KustomizationProject } from './discover.js';
import { findTools, type KustomizeCommand, type Tools } from './tools.js';

export type RenderMode = 'auto' | 'require' | 'off';

/** A chart unit the configuration asks for (`units: [{ chart, values, release, namespace }]`). */
export interface ChartUnitConfig {
  /** Chart folder, absolute. */
  readonly chart: string;
  /** Values files after the chart's `values.yaml`, relative to the chart folder. */
  readonly values?: readonly string[];
  readonly release?: string;
  readonly namespace?: string;
}

/** Plain files grouped by the configuration (`units: [{ name, files }]`). */
export interface FileUnitConfig {
  readonly name: string;
  /** Globs relative to `base`. */
  readonly files: readonly string[];
  readonly base: string;
}

export interface RenderSettings {
  readonly mode: RenderMode;
  /** The PATH to look for helm, kustomize and kubectl in. */
  readonly searchPath: string;
  readonly kustomizeCommand?: KustomizeCommand;
  readonly enableHelm?: boolean;
  readonly charts?: readonly ChartUnitConfig[];
  readonly fileUnits?: readonly FileUnitConfig[];
}

/** Projects found while expanding folders: the ones to render, and the old skips for the rest. */
export interface FoundProjects {
  readonly charts: ChartProject[];
  readonly kustomizations: KustomizationProject[];
  /** Every kustomization of the tree by folder (patch lookup). */
  readonly allKustomizations: Map<string, KustomizationProject>;
  readonly skips: ProjectSkip[];
}

export function renderTools(settings: RenderSettings | undefined): Tools {
  if (!settings || settings.mode === 'off') return {};
  return findTools(settings.searchPath, settings.kustomizeCommand);
}

/** The projects among the files found in one folder; `covers` says which files are theirs. */
export async function findProjects(files: readonly string[], tools: Tools): Promise<FoundProjects & { covers(file: string): boolean }> {
  const old = await projectSkips(files);
  if (!tools.helm && !tools.kustomize) return { charts: [], kustomizations: [], allKustomizations: new Map(), skips: old, covers: (f) => old.some((s) => s.covers(f)) };
  const found = await discoverProjects(files);
  const charts = tools.helm ? found.charts : [];
  const kustomizations = tools.kustomize ? found.roots : [];
  const skips = old.filter((skip) => (skip.kind === 'chart' ? !tools.helm : !tools.kustomize));
  const covers = (file: string) =>
    skips.some((s) => s.covers(file)) ||
    (tools.helm !== undefined && found.charts.some((c) => under(c.dir, file) && found.covers(file))) ||
    (tools.kustomize !== undefined && !found.charts.some((c) => under(c.dir, file)) && found.covers(file));
  return { charts, kustomizations, allKustomizations: new Map(found.all), skips, covers };
}

/** `helm`/`kustomize` missing where a unit needs it: one notice per kind, or a usage error under `require`. */
export function missingTools(projects: FoundProjects, tools: Tools, mode: RenderMode, cwd: string): { notices: string[]; errors: string[] } {
  const notices: string[] = [];
  const errors: string[] = [];
  const chartSkips = projects.skips.filter((s) => s.kind === 'chart');
  const kustomizeSkips = projects.skips.filter((s) => s.kind === 'kustomization');
  const say = (skips: ProjectSkip[], what: string, tool: string) => {
    if (skips.length === 0) return;
    if (mode === 'require' && !tools[tool === 'helm' ? 'helm' : 'kustomize']) {
      errors.push(`--render=require: ${tool} is not on PATH, and ${skips.length} ${what} need it to render (${skips.map((s) => s.notice(cwd).split(':')[0].replace(/^\S+ \S+ /, '')).slice(0, 3).join(', ')})`);
    } else if (mode !== 'off' && skips.length > 1) {
      notices.push(`${skips.length} ${what} skipped: ${tool} is not on PATH (install it to render them, or pipe the rendered output to \`k8s-lint -\`); ${skips[0].notice(cwd)}`);
    } else {
      notices.push(...skips.map((s) => s.notice(cwd)));
    }
  };
  say(chartSkips, 'Helm charts', 'helm');
  say(kustomizeSkips, 'Kustomize folders', 'kustomize (or kubectl)');
  return { notices, errors };
}

/** The display name of a folder relative to `cwd`. */
export function relativeName(cwd: string, target: string): string {
  return path.relative(cwd, target) || '.';
}

/** A rendered file keeps its unit; only the engine's bookkeeping sees it. */
export interface RenderedFile extends SourceFile {
  readonly unit: string;
}
