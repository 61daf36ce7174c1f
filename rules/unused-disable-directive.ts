import { defineRule } from '../src/rule-api.js';

/** Emitted by src/suppressions.ts with `--report-unused-disable-directives`; this module holds its metadata. */
export default defineRule({
  id: 'unused-disable-directive',
  severity: 'warn',
  builtIn: true,
  description: 'A suppression comment or `k8s-lint/ignore` annotation that suppresses nothing',
  docs: {
    why:
      'Nothing in the cluster: a stale suppression is harmless today, but it silently hides the next real ' +
      'finding of that rule at that place. Reported only with `--report-unused-disable-directives`, ' +
      'including rule ids that do not exist (usually a typo).',
    fix: 'Delete the directive, or remove the rule ids it lists that no longer report anything there.',
  },
  messages: {
    unused: 'Unused suppression: {{what}}',
  },
  check() {},
});
