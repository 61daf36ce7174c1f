import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-crd-schema.js';
import { catalogKinds } from '../../src/crds/index.js';
import { catalogDefinition } from '../../src/crds/catalog.js';
import { crdProblems } from '../../src/crds/structural.js';
import { crdManifest, storageVersion } from '../helpers/crd.js';
import { testRule } from '../helpers/test-rule.js';

const crd = (schema: string, apiVersion = 'apiextensions.k8s.io/v1') => crdManifest('Thing', 'example.com', storageVersion(schema)).replace('apiextensions.k8s.io/v1', apiVersion);

testRule(rule, {
  valid: [
    { name: 'int-or-string as kubebuilder writes it', code: crd('          type: object\n          properties:\n            port:\n              anyOf: [{type: integer}, {type: string}]\n              x-kubernetes-int-or-string: true\n') },
    { name: 'a free-form field', code: crd('          type: object\n          properties:\n            raw: {x-kubernetes-preserve-unknown-fields: true}\n') },
    { name: 'not an apiextensions.k8s.io/v1 CRD', code: crd('          type: strign\n', 'apiextensions.k8s.io/v1beta1') },
  ],
  invalid: [
    {
      name: 'an untyped root',
      code: crd('          properties:\n            spec: {type: object}\n'),
      errors: [{ message: 'CustomResourceDefinition `things.example.com` has a schema node without a `type`, so the schema is not structural; set a type, or `x-kubernetes-preserve-unknown-fields: true`', line: 13, column: 9 }],
    },
    {
      name: 'an embedded resource that is not an object',
      code: crd('          type: object\n          properties:\n            template: {type: string, x-kubernetes-embedded-resource: true}\n'),
      errors: [{ message: 'CustomResourceDefinition `things.example.com` sets `x-kubernetes-embedded-resource: true`, which needs `type: object`', line: 16, column: 38 }],
    },
  ],
});

describe('invalid-crd-schema on the bundled catalog', () => {
  it('finds nothing in the CRDs of the projects it bundles', () => {
    const problems = catalogKinds().flatMap(({ group, kind }) => {
      const { versions } = catalogDefinition(group, kind)!;
      const value = { spec: { versions: versions.map((v) => ({ name: v.name, served: v.served, storage: v.storage, schema: { openAPIV3Schema: v.schema } })) } };
      return crdProblems(value).map((p) => `${group}/${kind} ${p.code} ${p.path.join('.')}`);
    });
    expect(problems).toEqual([]);
  });
});
