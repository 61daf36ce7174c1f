/**
 * `kustomize build` (or `kubectl kustomize`) of one root kustomization, through a temporary
 * kustomization outside the repository that wraps the user's and turns on origin annotations:
 * each rendered object then says which file it came from. The annotations are taken out of the
 * rendered text before linting; the user's files are never written.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { KustomizationProject } from './discover.js';
import { firstLine, type RenderProblem } from './helm.js';
import { run } from './tools.js';

const ORIGIN = 'config.kubernetes.io/origin';
const TRANSFORMATIONS = 'alpha.config.kubernetes.io/transformations';

export interface Origin {
  /** Absolute path of the file the object was written in (a resource, or the kustomization that generated it). */
  readonly file?: string;
  /** Files of the transformers and patches that changed it (absolute). */
  readonly changedBy: readonly string[];
}

export type KustomizeResult =
  | { readonly ok: true; readonly text: string; /** By rendered document. */ readonly origins: readonly Origin[] }
  | { readonly ok: false; readonly problem: RenderProblem };

export interface KustomizeJob {
  readonly kustomization: KustomizationProject;
  readonly command: readonly string[];
  readonly enableHelm: boolean;
}

export async function renderKustomization(job: KustomizeJob): Promise<KustomizeResult> {
  const { kustomization } = job;
  const scratch = await fs.mkdtemp(path.join(os.tmpdir(), 'k8s-lint-kustomize-'));
  try {
    const wrapper = [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      `  - ${JSON.stringify(path.relative(scratch, kustomization.dir))}`,
      'buildMetadata: [originAnnotations, transformerAnnotations]',
      '',
    ].join('\n');
    await fs.writeFile(path.join(scratch, 'kustomization.yaml'), wrapper);
    const [binary, ...sub] = job.command;
    const args = [...sub, scratch, '--load-restrictor', 'LoadRestrictionsNone', ...(job.enableHelm ? ['--enable-helm'] : [])];
    const result = await run(binary, args, { cwd: kustomization.dir });
    if (!result.ok) {
      const { reason, entry } = kustomizeError(firstLine(result.stderr), path.relative(scratch, kustomization.dir), kustomization.dir);
      return { ok: false, problem: { file: kustomization.file, line: 1, needle: entry, messageId: 'render', data: { tool: job.command.slice(0, 2).map((c) => path.basename(c)).join(' '), reason } } };
    }
    return { ok: true, ...(await stripOrigins(result.stdout, scratch)) };
  } finally {
    await fs.rm(scratch, { recursive: true, force: true });
  }
}

/** Takes the build annotations out of each document, keeping what they say. */
async function stripOrigins(text: string, base: string): Promise<{ text: string; origins: Origin[] }> {
  const { parseAllDocuments, isMap, isScalar } = await import('yaml');
  const docs = parseAllDocuments(text);
  const origins: Origin[] = [];
  const parts: string[] = [];
  const docList = Array.isArray(docs) ? docs : [];
  for (const doc of docList) {
    const annotations = doc.getIn(['metadata', 'annotations'], true);
    let file: string | undefined;
    const changedBy: string[] = [];
    if (isMap(annotations)) {
      const origin = annotations.get(ORIGIN, true);
      if (isScalar(origin) && typeof origin.value === 'string') {
        const found = /(?:^|\n)\s*(?:path|configuredIn):\s*(\S+)/.exec(origin.value);
        if (found && !/^[a-z]+:\/\//.test(found[1])) file = path.resolve(base, found[1]);
      }
      const changes = annotations.get(TRANSFORMATIONS, true);
      if (isScalar(changes) && typeof changes.value === 'string') {
        for (const m of changes.value.matchAll(/configuredIn:\s*(\S+)/g)) changedBy.push(path.resolve(base, m[1]));
      }
      annotations.delete(ORIGIN);
      annotations.delete(TRANSFORMATIONS);
      if (annotations.items.length === 0) doc.deleteIn(['metadata', 'annotations']);
    }
    origins.push({ file, changedBy });
    parts.push(doc.toString({ lineWidth: 0 }).replace(/^---\n/, ''));
  }
  return { text: parts.map((p) => `---\n${p}`).join(''), origins };
}

/**
 * kustomize nests its errors (`accumulating resources from '...': ...`): keep the innermost, with
 * the wrapper's relative paths made the user's, and the entry of the kustomization it names.
 */
export function kustomizeError(message: string, relative: string, dir: string): { reason: string; entry?: string } {
  const text = message.replace(/^error: /, '').split(relative).join(dir);
  const innermost = text.split("accumulating resources from '").pop()!;
  const nested = /^([^']*)': (.*?)(?:': |$)/.exec(innermost);
  const entry = nested?.[1];
  const reason = nested ? `${nested[1]}: ${nested[2]}` : text;
  return { reason, ...(entry ? { entry } : {}) };
}
