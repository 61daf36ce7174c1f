/**
 * Helm charts and kustomizations found while expanding folders. Their templates and patches are
 * not complete objects: linting them raw reports noise, so they are skipped with a one-line hint
 * naming the pipe that renders them. A kustomization that only lists complete objects
 * (`resources`, labels, annotations) is linted as it is.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import jsyaml from 'js-yaml';
import { parseExternal, type ExternalObject } from './resource-index.js';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml'];
/** Keys of a kustomization that leave its resources as written. */
const PLAIN_KEYS = new Set(['apiVersion', 'kind', 'metadata', 'resources', 'commonLabels', 'commonAnnotations', 'labels', 'sortOptions', 'buildMetadata']);

export interface ProjectSkip {
  readonly kind: 'chart' | 'kustomization';
  /** Whether `file` (absolute) is skipped. */
  covers(file: string): boolean;
  /** The hint for stderr, with paths relative to `cwd`. */
  notice(cwd: string): string;
}

export async function readYaml(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const value = jsyaml.load(await fs.readFile(file, 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return undefined;
  }
}

function shellPath(cwd: string, dir: string): string {
  const relative = path.relative(cwd, dir) || '.';
  return /^[\w./-]+$/.test(relative) ? relative : `'${relative.replace(/'/g, `'\\''`)}'`;
}

function under(dir: string): (file: string) => boolean {
  const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
  return (file) => file.startsWith(prefix);
}

/** Charts (`Chart.yaml`: skip `templates/`) and kustomizations that transform (skip the folder). */
export async function projectSkips(files: readonly string[]): Promise<ProjectSkip[]> {
  const skips: ProjectSkip[] = [];
  const kustomized: string[] = [];
  for (const file of files) {
    const base = path.basename(file);
    const dir = path.dirname(file);
    if (base === 'Chart.yaml') {
      const chart = await readYaml(file);
      const release = typeof chart?.name === 'string' && /^[a-z0-9-]+$/.test(chart.name) ? chart.name : path.basename(dir);
      skips.push({
        kind: 'chart',
        covers: under(path.join(dir, 'templates')),
        notice: (cwd) => `Helm chart ${shellPath(cwd, dir)}: its templates are skipped; lint the rendered chart with \`helm template ${release} ${shellPath(cwd, dir)} | k8s-lint -\``,
      });
    } else if (KUSTOMIZATION_FILES.includes(base)) {
      kustomized.push(dir);
    }
  }
  // Outer folders first: a kustomization inside a skipped folder needs no hint of its own.
  for (const dir of kustomized.sort((a, b) => a.length - b.length)) {
    if (skips.some((skip) => skip.covers(path.join(dir, 'kustomization.yaml')))) continue;
    const kustomization = await readYaml(path.join(dir, KUSTOMIZATION_FILES.find((f) => files.includes(path.join(dir, f)))!));
    if (kustomization && kustomization.kind !== 'Component' && Object.keys(kustomization).every((key) => PLAIN_KEYS.has(key))) continue;
    skips.push({
      kind: 'kustomization',
      covers: under(dir),
      notice: (cwd) => `Kustomize folder ${shellPath(cwd, dir)}: its resources and patches are skipped; lint the rendered output with \`kubectl kustomize ${shellPath(cwd, dir)} | k8s-lint -\``,
    });
  }
  return skips;
}

interface Generator {
  readonly name?: unknown;
  readonly namespace?: unknown;
}

/**
 * ConfigMaps and Secrets that the kustomizations next to explicitly named files generate: they
 * count as existing when a user lints a kustomization's raw files anyway.
 */
export async function generatedObjects(explicitFiles: readonly string[]): Promise<ExternalObject[]> {
  const out: ExternalObject[] = [];
  for (const dir of new Set(explicitFiles.map((file) => path.dirname(file)))) {
    for (const name of KUSTOMIZATION_FILES) {
      const file = path.join(dir, name);
      const kustomization = await readYaml(file);
      if (!kustomization) continue;
      const namespace = typeof kustomization.namespace === 'string' ? kustomization.namespace : '*';
      for (const [key, kind] of [['configMapGenerator', 'ConfigMap'], ['secretGenerator', 'Secret']] as const) {
        const generators = Array.isArray(kustomization[key]) ? (kustomization[key] as Generator[]) : [];
        for (const generator of generators) {
          if (typeof generator?.name !== 'string') continue;
          const ns = typeof generator.namespace === 'string' ? generator.namespace : namespace;
          const parsed = parseExternal(`${kind}/${ns}/${generator.name}`, `\`${key}\` of ${name}`);
          if (typeof parsed !== 'string') out.push(parsed);
        }
      }
      break;
    }
  }
  return out;
}
