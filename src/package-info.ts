/** The package's own root, name and version (works from src/ under tests and from dist/src/). */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('k8s-lint: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return (root = dir);
}

let info: { name: string; version: string; homepage: string } | undefined;

export function packageInfo(): { name: string; version: string; homepage: string } {
  info ??= JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8'));
  return info!;
}

/** Each rule's docs: the RULES.md of the installed version. */
export function ruleDocsUrl(ruleId: string): string {
  const { homepage, version } = packageInfo();
  return `${homepage}/blob/v${version}/RULES.md#${ruleId}`;
}
