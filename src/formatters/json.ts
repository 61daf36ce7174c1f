/** The stable JSON contract: ESLint-style results, one per linted file. */
import type { Formatter } from './index.js';

const json: Formatter = (results) => JSON.stringify(results);

export default json;
