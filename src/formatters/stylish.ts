/**
 * Terminal output through eslint-formatter-pretty, with every rule id linked to its docs.
 * Colour is decided by the CLI (FORCE_COLOR) before this module loads.
 */
import pretty from 'eslint-formatter-pretty';
import type { Formatter } from './index.js';

const stylish: Formatter = (results, context) => {
  const rulesMeta = Object.fromEntries(context.rules.map((rule) => [rule.id, { docs: { url: rule.docsUrl } }]));
  // The formatter sorts in place: give it copies.
  const copies = results.map((result) => ({ ...result, messages: [...result.messages] }));
  const text = pretty(copies as never, { rulesMeta } as never);
  return text === '' ? '' : `${text}\n`;
};

export default stylish;
