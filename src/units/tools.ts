/** helm, kustomize and kubectl on a search path, and running them (no shell, bounded output and time). */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

export type KustomizeCommand = 'kustomize' | 'kubectl';

export interface Tools {
  readonly helm?: string;
  /** The command that builds a kustomization: `[binary, ...args before the folder]`. */
  readonly kustomize?: readonly string[];
}

function find(name: string, searchPath: string): string | undefined {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir === '') continue;
    const file = path.join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The tools found on `searchPath` (a PATH value); `kustomize` forces one way to build. */
export function findTools(searchPath: string, kustomize?: KustomizeCommand): Tools {
  const standalone = kustomize !== 'kubectl' ? find('kustomize', searchPath) : undefined;
  const kubectl = kustomize !== 'kustomize' && !standalone ? find('kubectl', searchPath) : undefined;
  return {
    helm: find('helm', searchPath),
    kustomize: standalone ? [standalone, 'build'] : kubectl ? [kubectl, 'kustomize'] : undefined,
  };
}

export interface Run {
  readonly ok: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

const MAX_OUTPUT = 512 * 1024 * 1024;
const TIMEOUT_MS = 120_000;

/** Runs `command` with `args`; never throws (a failure to start is a failed run). */
export async function run(command: string, args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<Run> {
  // Loaded here: a run that renders nothing never pays for child_process (and the streams it loads).
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile(command, [...args], { cwd: options.cwd, env: options.env, maxBuffer: MAX_OUTPUT, timeout: TIMEOUT_MS, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ ok: !error, stdout, stderr: stderr || (error && !stderr ? error.message : '') });
    });
  });
}

/** Runs `jobs` at most `limit` at a time, results in order. */
export async function inParallel<T, R>(jobs: readonly T[], limit: number, work: (job: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await work(jobs[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}
