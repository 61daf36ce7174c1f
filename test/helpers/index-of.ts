/** The index of a run over one YAML text, for unit tests of the domain modules. */
import { loadFile } from '../../src/load.js';
import { toResources } from '../../src/resource.js';
import { ResourceIndex } from '../../src/resource-index.js';

export function indexOf(text: string, path = 'test.yaml'): ResourceIndex {
  const { documents } = loadFile({ path, text });
  return new ResourceIndex(toResources(documents, 'default'));
}
