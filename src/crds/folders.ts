/**
 * `crds:` in the configuration and `--crds PATH`: CustomResourceDefinition files (YAML or JSON) and
 * folders of them, and folders in the layout of the public JSON-schema catalogs
 * (`{group}/{kind}_{version}.json`, kinds in lower case, as kubeconform's and datree's catalogs
 * publish them). Read once per run, locally: there is no network access, ever.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { isRecord } from '../resource.js';
import type { JsonSchema } from '../schemas.js';
import { definitionOf, type CrdDefinition } from './definition.js';

export interface FolderDefinitions {
  readonly definitions: CrdDefinition[];
  /** Usage problems: missing paths, unreadable files. */
  readonly errors: string[];
}

const LAYOUT = /^([a-z0-9][a-z0-9.-]*\.[a-z0-9.-]+)[\\/]([a-z0-9]+)_([a-z0-9]+)\.json$/i;

export async function loadCrdPaths(paths: readonly string[], cwd: string): Promise<FolderDefinitions> {
  const definitions: CrdDefinition[] = [];
  const errors: string[] = [];
  const { parseAllDocuments } = await import('yaml');
  for (const given of paths) {
    const root = path.resolve(cwd, given);
    let files: string[];
    try {
      const stat = await fs.stat(root);
      files = stat.isDirectory()
        ? (await fs.readdir(root, { recursive: true })).map((f) => path.join(root, f)).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort()
        : [root];
    } catch {
      errors.push(`crds: no such file or folder: ${given}`);
      continue;
    }
    for (const file of files) {
      try {
        definitions.push(...parseFile(parseAllDocuments(await fs.readFile(file, 'utf8')), path.relative(root, file), file));
      } catch (error) {
        errors.push(`crds: cannot read ${path.relative(cwd, file) || file}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
  return { definitions, errors };
}

function parseFile(docs: ReturnType<typeof import('yaml').parseAllDocuments>, relative: string, file: string): CrdDefinition[] {
  const out: CrdDefinition[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (isRecord(value) && value.kind === 'CustomResourceDefinition') {
      const name = isRecord(value.metadata) && typeof value.metadata.name === 'string' ? value.metadata.name : path.basename(file);
      const definition = definitionOf(value, name);
      if (definition !== undefined) out.push({ ...definition, origin: 'folder' });
      continue;
    }
    const layout = LAYOUT.exec(relative);
    if (layout !== null && isRecord(value) && (value.type === 'object' || isRecord(value.properties))) {
      out.push(schemaFileDefinition(layout[1]!, layout[2]!, layout[3]!, value, file));
    }
  }
  return out;
}

/** A JSON-schema catalog file: one served storage version; its kind is matched case-insensitively. */
function schemaFileDefinition(group: string, kind: string, version: string, schema: JsonSchema, file: string): CrdDefinition {
  return {
    group, kind: kind.toLowerCase(), origin: 'folder',
    source: `the schema \`${path.basename(file)}\``,
    versions: [{ name: version, served: true, storage: true, schema }],
  };
}
