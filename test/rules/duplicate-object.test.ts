import { describe, expect, it } from 'vitest';
import rule from '../../rules/duplicate-object.js';
import { lint } from '../../src/engine.js';
import { testRule } from '../helpers/test-rule.js';

const role = (namespace: string, verbs = '[]') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader, namespace: ${namespace}}\nrules: [{apiGroups: [''], resources: [pods], verbs: ${verbs}}]\n`;
const clusterRole = (verbs = '[]') => `apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: reader}\nrules: [{apiGroups: [''], resources: [pods], verbs: ${verbs}}]\n`;

testRule(rule, {
  valid: [
    { name: 'a Role and a ClusterRole of the same name', code: `${role('default')}---\n${clusterRole()}` },
    { name: 'the same object twice, word for word', code: `${clusterRole()}---\n${clusterRole()}` },
    { name: 'same kind name in different API groups', code: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\n---\napiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: web}\n' },
  ],
  invalid: [
    {
      name: 'a cluster-scoped object defined three times',
      code: `${clusterRole()}---\n${clusterRole('[get]')}---\n${clusterRole('[list]')}`,
      errors: [
        { message: 'ClusterRole `reader` is also defined in document 2 of this file, document 3 of this file; applying both, one silently replaces the other: keep one definition or rename one', line: 3, column: 18 },
        { message: 'ClusterRole `reader` is also defined in document 1 of this file, document 3 of this file; applying both, one silently replaces the other: keep one definition or rename one', line: 8, column: 18 },
        { message: 'ClusterRole `reader` is also defined in document 1 of this file, document 2 of this file; applying both, one silently replaces the other: keep one definition or rename one', line: 13, column: 18 },
      ],
    },
  ],
});

describe('duplicate-object across files', () => {
  it('names the other file relative to the shared directory', async () => {
    const output = await lint(
      [
        { path: '/repo/k8s/base/rbac.yaml', text: role('shop') },
        { path: '/repo/k8s/overlays/prod/rbac.yaml', text: `${clusterRole()}---\n${role('shop', '[get]')}` },
      ],
      { ruleSet: [rule] },
    );
    const messages = output.results.map((r) => ({ file: r.filePath, messages: r.messages.map((m) => `${m.line}:${m.column} ${m.message}`) }));
    expect(messages).toEqual([
      {
        file: '/repo/k8s/base/rbac.yaml',
        messages: ['3:18 Role `reader` in namespace `shop` is also defined in `overlays/prod/rbac.yaml` (document 2); applying both, one silently replaces the other: keep one definition or rename one'],
      },
      {
        file: '/repo/k8s/overlays/prod/rbac.yaml',
        messages: ['8:18 Role `reader` in namespace `shop` is also defined in `base/rbac.yaml` (document 1); applying both, one silently replaces the other: keep one definition or rename one'],
      },
    ]);
  });
});
