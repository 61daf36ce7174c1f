/**
 * Renders every chart unit (one per values set) and root kustomization, a few at a time, and
 * keeps for each rendered file the way back from a rendered node to its source line.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChartProject } from './discover.js';
import { renderChart, sourceFile, type RenderProblem } from './helm.js';
import type { ChartUnitConfig, FoundProjects, RenderedFile } from './index.js';
import { renderKustomization } from './kustomize.js';
import { mapHelm, mapKustomize, TextCache, type Mapped, type RenderedNode } from './source-map.js';
import { inParallel, type Tools } from './tools.js';

export interface RenderRequest {
  readonly projects: FoundProjects;
  readonly tools: Tools;
  readonly cwd: string;
  readonly kubeVersion: string;
  readonly defaultNamespace: string;
  /** `group/version` and `group/version/Kind` of the CRDs in the run (`--api-versions`). */
  readonly apiVersions: readonly string[];
  readonly charts?: readonly ChartUnitConfig[];
  readonly enableHelm?: boolean;
}

export interface Rendered {
  readonly files: RenderedFile[];
  /** Kustomizations not rendered, and why (remote resources, `helmCharts` without `kustomizeEnableHelm`). */
  readonly notices: string[];
  readonly problems: Array<RenderProblem & { unit: string }>;
  /** Maps a node of a rendered document back to its source. */
  map(file: RenderedFile, docIndex: number, node: RenderedNode): Promise<Mapped>;
}

interface ChartUnit {
  readonly chart: ChartProject;
  readonly name: string;
  readonly values: string[];
  readonly release: string;
  readonly namespace: string;
}

async function chartUnits(chart: ChartProject, request: RenderRequest): Promise<ChartUnit[]> {
  const display = path.relative(request.cwd, chart.dir) || '.';
  const configured = (request.charts ?? []).filter((c) => path.resolve(c.chart) === chart.dir);
  const defaults = configured.find((c) => !c.values?.length);
  const base = { chart, release: defaults?.release ?? chart.name, namespace: defaults?.namespace ?? request.defaultNamespace };
  const units: ChartUnit[] = [{ ...base, name: display, values: [] }];
  const ci = (await fs.readdir(path.join(chart.dir, 'ci')).catch(() => [] as string[])).filter((f) => /-values\.ya?ml$/.test(f)).sort();
  for (const file of ci) units.push({ ...base, name: `${display} (ci/${file})`, values: [path.join(chart.dir, 'ci', file)] });
  for (const entry of configured) {
    if (!entry.values?.length) continue;
    units.push({
      chart,
      name: `${display} (${entry.values.join(', ')})`,
      values: entry.values.map((v) => path.resolve(chart.dir, v)),
      release: entry.release ?? base.release,
      namespace: entry.namespace ?? base.namespace,
    });
  }
  return units;
}

/** `# Source:` of each document of helm's output, by document index. */
async function helmSources(text: string): Promise<string[]> {
  const { documentStarts } = await import('../positions.js');
  const starts = documentStarts(text);
  return starts.map((start, i) => /^#\s*Source:\s*(\S.*?)\s*$/m.exec(text.slice(start, starts[i + 1] ?? text.length))?.[1] ?? '');
}

export async function renderAll(request: RenderRequest): Promise<Rendered> {
  const { projects, tools } = request;
  const installable = projects.charts.filter((chart) => !chart.library);
  const units = (await Promise.all(installable.map((chart) => chartUnits(chart, request)))).flat();
  const files: RenderedFile[] = [];
  const problems: Rendered['problems'] = [];
  const mappers = new Map<RenderedFile, (docIndex: number, node: RenderedNode) => Promise<Mapped>>();
  const cache = new TextCache();
  const limit = Math.max(2, Math.min(8, os.availableParallelism?.() ?? 2));
  const notices: string[] = [];
  const renderable = projects.kustomizations.filter((k) => {
    const shown = path.relative(request.cwd, k.dir) || '.';
    const why = k.needs.remote ? 'uses remote resources, and k8s-lint works offline' : k.needs.helm && !request.enableHelm ? 'inflates Helm charts (`helmCharts`): set `kustomizeEnableHelm: true` to render it' : undefined;
    if (why) notices.push(`Kustomize folder ${shown} ${why}; lint the rendered output with \`kubectl kustomize ${shown} | k8s-lint -\``);
    return why === undefined;
  });
  const jobs = [
    ...units.map((unit) => ({ chart: unit })),
    ...renderable.map((k) => ({ kustomization: k })),
  ];
  await inParallel(jobs, limit, async (job) => {
    if ('chart' in job) {
      const unit = job.chart;
      const result = await renderChart(tools.helm!, { ...unit, kubeVersion: request.kubeVersion, apiVersions: request.apiVersions }, projects.charts);
      if (!result.ok) return void problems.push({ ...result.problem, unit: unit.name });
      const file: RenderedFile = { path: path.join(unit.chart.dir, `(rendered ${unit.name})`), text: result.text, unit: unit.name };
      const sources = await helmSources(result.text);
      const values = [path.join(unit.chart.dir, 'values.yaml'), ...unit.values];
      const chartFile = path.join(unit.chart.dir, 'Chart.yaml');
      mappers.set(file, (docIndex, node) => mapHelm(cache, sourceFile(sources[docIndex] ?? '', result.chartDirs) ?? chartFile, values, node, chartFile));
      files.push(file);
      return;
    }
    const k = job.kustomization;
    const name = path.relative(request.cwd, k.dir) || '.';
    const result = await renderKustomization({ kustomization: k, command: tools.kustomize!, enableHelm: request.enableHelm === true });
    if (!result.ok) return void problems.push({ ...result.problem, unit: name });
    const file: RenderedFile = { path: path.join(k.dir, `(rendered ${name})`), text: result.text, unit: name };
    mappers.set(file, (docIndex, node) => {
      const origin = result.origins[docIndex];
      const patches = (origin?.changedBy ?? []).flatMap((by) => projects.allKustomizations.get(path.dirname(by))?.patches ?? []);
      return mapKustomize(cache, origin?.file, [...new Set(patches)], node, k.file, origin?.changedBy ?? []);
    });
    files.push(file);
  });
  // Rendering finishes in any order: keep the output deterministic.
  files.sort((a, b) => a.unit.localeCompare(b.unit));
  problems.sort((a, b) => a.unit.localeCompare(b.unit));
  return { files, problems, notices, map: (file, docIndex, node) => mappers.get(file)!(docIndex, node) };
}
