/**
 * `../shared` beside the repository (real repositories, the YAML test suite, CRDs, OpenAPI
 * documents) is part of our CI. GitHub's checkout has no `../shared`: its workflow sets
 * K8S_LINT_NO_SHARED=1, and only then do the tests that read it skip, saying why. Anywhere else a
 * missing `../shared` fails the test file that needs it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './test-rule.js';

export const SHARED_ROOT = path.resolve(ROOT, '..', 'shared');

/** Whether tests reading `../shared/<relative>` run; throws when it is missing and skipping was not asked for. */
export function hasShared(relative: string): boolean {
  const dir = path.join(SHARED_ROOT, relative);
  if (existsSync(dir)) return true;
  if (process.env.K8S_LINT_NO_SHARED === '1') {
    console.warn(`skipped: the tests that read ../shared/${relative} (it is absent and K8S_LINT_NO_SHARED=1)`);
    return false;
  }
  throw new Error(`../shared/${relative} is missing (${dir}): run beside the shared folder, or set K8S_LINT_NO_SHARED=1 to skip these tests`);
}
