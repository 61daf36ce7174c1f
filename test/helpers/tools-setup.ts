/**
 * vitest globalSetup: real helm and kubectl for the rendering tests, fetched once into
 * `.cache/tools/` by scripts/fetch-tools.mjs (cached; offline after the first run).
 */
import { fetchTools } from '../../scripts/fetch-tools.mjs';

export default function setup(): void {
  (fetchTools as () => string)();
}
