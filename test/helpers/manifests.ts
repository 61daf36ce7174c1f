/** Every manifest file (`.yaml`, `.yml`, `.json`) below `dir`, in sorted order. */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export function manifests(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) manifests(file, out);
    else if (/\.(?:ya?ml|json)$/.test(name)) out.push(file);
  }
  return out;
}
