/**
 * `helm template` for one chart and one values set. A dependency missing from `charts/` is taken
 * from the linted tree when a chart of that name and a matching version is there (rendered from a
 * temporary copy, the user's folder is never written); otherwise the chart gets one diagnostic at
 * its `Chart.yaml`. Template errors become diagnostics at the template line helm names.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chartAt, type ChartProject } from './discover.js';
import { satisfies } from './semver.js';
import { run } from './tools.js';

export interface HelmJob {
  readonly chart: ChartProject;
  /** Values files after `values.yaml`, absolute, in precedence order. */
  readonly values: readonly string[];
  readonly release: string;
  readonly namespace: string;
  readonly kubeVersion: string;
  readonly apiVersions: readonly string[];
}

/** A problem to report at a line of a real file. */
export interface RenderProblem {
  readonly file: string;
  readonly line: number;
  /** 1-based column of what helm names (it counts from 0), if any. */
  readonly column?: number;
  readonly messageId: 'template' | 'dependency' | 'render';
  readonly data: Record<string, string>;
  /** Text to point at on that line (a key), if any. */
  readonly needle?: string;
}

export type HelmResult =
  | { readonly ok: true; readonly text: string; /** `chart/templates/x.yaml` prefixes -> folders. */ readonly chartDirs: ReadonlyMap<string, string> }
  | { readonly ok: false; readonly problem: RenderProblem };

async function exists(file: string): Promise<boolean> {
  return (await fs.stat(file).catch(() => undefined)) !== undefined;
}

/** Where each dependency comes from: already in `charts/`, a folder of the tree, or nowhere. */
async function resolveDependencies(chart: ChartProject, tree: readonly ChartProject[]): Promise<{ borrowed: Map<string, ChartProject>; missing?: ChartProject['dependencies'][number] }> {
  const borrowed = new Map<string, ChartProject>();
  const vendored = await fs.readdir(path.join(chart.dir, 'charts')).catch(() => [] as string[]);
  for (const dep of chart.dependencies) {
    if (vendored.some((entry) => entry === dep.name || (entry.startsWith(`${dep.name}-`) && entry.endsWith('.tgz')))) continue;
    const local = dep.repository.startsWith('file://') ? path.resolve(chart.dir, dep.repository.slice('file://'.length)) : undefined;
    const fits = (c: ChartProject | undefined) => c !== undefined && c.dir !== chart.dir && c.name === dep.name && (local === undefined || c.dir === local) && satisfies(c.version, dep.version);
    // In the linted tree, else beside the chart (`charts/common` next to `charts/app`) or at its `file://` path.
    let found = tree.find(fits);
    for (const dir of [local, path.join(path.dirname(chart.dir), dep.name)]) {
      if (found || dir === undefined) continue;
      const candidate = await chartAt(path.join(dir, 'Chart.yaml'));
      if (fits(candidate)) found = candidate;
    }
    if (!found) return { borrowed, missing: dep };
    borrowed.set(dep.name, found);
  }
  return { borrowed };
}

/** `parse error at (podinfo/templates/x.yaml:18): ...` and its kin -> file, line and reason. */
export function templateError(stderr: string, chartDirs: ReadonlyMap<string, string>): { file: string; line: number; column?: number; reason: string } | undefined {
  const at = /(?:execution|parse) error at \(([^:()]+):(\d+)(?::(\d+))?\): (.*)/.exec(stderr);
  const yaml = /YAML parse error on ([^:\s]+): (?:error converting YAML to JSON: )?(?:yaml: )?(?:line (\d+): )?(.*)/.exec(stderr);
  const found = at ? { source: at[1], line: Number(at[2]), column: at[3] ? Number(at[3]) + 1 : undefined, reason: at[4] } : yaml ? { source: yaml[1], line: 1, reason: `${yaml[3]}${yaml[2] ? ` (line ${yaml[2]} of its rendered output)` : ''}` } : undefined;
  const file = found && sourceFile(found.source, chartDirs);
  return file && found ? { file, line: found.line, ...('column' in found && found.column ? { column: found.column } : {}), reason: found.reason.trim() } : undefined;
}

/** `podinfo/charts/common/templates/_x.tpl` -> the file in the chart's (or a borrowed chart's) folder. */
export function sourceFile(source: string, chartDirs: ReadonlyMap<string, string>): string | undefined {
  let best: string | undefined;
  for (const prefix of chartDirs.keys()) if (source.startsWith(`${prefix}/`) && (!best || prefix.length > best.length)) best = prefix;
  return best === undefined ? undefined : path.join(chartDirs.get(best)!, source.slice(best.length + 1));
}

export async function renderChart(helm: string, job: HelmJob, tree: readonly ChartProject[]): Promise<HelmResult> {
  const { chart } = job;
  const chartFile = path.join(chart.dir, 'Chart.yaml');
  const { borrowed, missing } = await resolveDependencies(chart, tree);
  if (missing) {
    return {
      ok: false,
      problem: { file: chartFile, line: 1, needle: missing.name, messageId: 'dependency', data: { dependency: missing.name, version: missing.version || 'any', chart: chart.name } },
    };
  }
  const chartDirs = new Map<string, string>([[chart.name, chart.dir]]);
  for (const dep of chart.dependencies) if (!borrowed.has(dep.name)) chartDirs.set(`${chart.name}/charts/${dep.name}`, path.join(chart.dir, 'charts', dep.name));
  let scratch: string | undefined;
  let target = chart.dir;
  if (borrowed.size > 0) {
    scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'k8s-lint-chart-'));
    target = path.join(scratch, chart.name);
    await fs.cp(chart.dir, target, { recursive: true });
    for (const [name, dep] of borrowed) {
      await fs.cp(dep.dir, path.join(target, 'charts', name), { recursive: true });
      chartDirs.set(`${chart.name}/charts/${name}`, dep.dir);
    }
  }
  try {
    const args = ['template', job.release, target, '--namespace', job.namespace, '--kube-version', `${job.kubeVersion}.0`, '--include-crds'];
    for (const values of job.values) args.push('--values', values);
    for (const apiVersion of job.apiVersions) args.push('--api-versions', apiVersion);
    const result = await run(helm, args, { cwd: chart.dir });
    if (result.ok) return { ok: true, text: result.stdout, chartDirs };
    const error = templateError(result.stderr, chartDirs);
    if (error && (await exists(error.file))) return { ok: false, problem: { file: error.file, line: error.line, column: error.column, messageId: 'template', data: { reason: error.reason } } };
    return { ok: false, problem: { file: chartFile, line: 1, messageId: 'render', data: { tool: 'helm template', reason: firstLine(result.stderr) } } };
  } finally {
    if (scratch) await fs.rm(scratch, { recursive: true, force: true });
  }
}

export function firstLine(stderr: string): string {
  const line = stderr.split('\n').map((l) => l.trim()).find((l) => l !== '' && !l.startsWith('level=')) ?? 'failed';
  return line.replace(/^Error: /, '');
}
