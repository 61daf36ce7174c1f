/**
 * A single updating progress line on stderr for long runs: only when stderr is a terminal and not
 * in CI, and only once the run has read over 200 files or taken over a second.
 */
import type { LintProgress } from './engine.js';

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** Undefined when progress is off: the engine then pays nothing. */
  readonly update: ((progress: LintProgress) => void) | undefined;
  /** Clears the line, if one was drawn. */
  done(): void;
}

const FILES_THRESHOLD = 200;
const TIME_THRESHOLD_MS = 1000;
const REDRAW_MS = 100;
const CLEAR = '\r\u001b[2K';

export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0') || env.GITHUB_ACTIONS === 'true';
}

const VERBS: Record<LintProgress['stage'], [string, string]> = {
  read: ['reading', 'files'],
  parse: ['parsing', 'files'],
  check: ['checking', 'objects'],
};

export function createProgress(stream: ProgressStream, env: Readonly<Record<string, string | undefined>>, now: () => number = () => performance.now()): Progress {
  if (stream.isTTY !== true || isCi(env) || env.TERM === 'dumb') return { update: undefined, done: () => {} };
  const started = now();
  let shown = false;
  let last = -Infinity;
  let files = 0;
  return {
    update(progress) {
      if (progress.stage === 'read') files = progress.done;
      const time = now();
      if (!shown && files <= FILES_THRESHOLD && time - started <= TIME_THRESHOLD_MS) return;
      const final = progress.total !== undefined && progress.done >= progress.total;
      if (time - last < REDRAW_MS && !final) return;
      last = time;
      shown = true;
      const [verb, noun] = VERBS[progress.stage];
      const count = progress.total === undefined ? `${progress.done}` : `${progress.done}/${progress.total}`;
      stream.write(`${CLEAR}k8s-lint: ${verb} ${count} ${noun}…`);
    },
    done() {
      if (shown) stream.write(CLEAR);
    },
  };
}
