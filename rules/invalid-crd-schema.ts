import { crdProblems, defineRule } from '../src/rule-api.js';

export default defineRule({
  id: 'invalid-crd-schema',
  severity: 'error',
  kinds: ['apiextensions.k8s.io/CustomResourceDefinition'],
  description: 'CustomResourceDefinition whose schema or versions the API server rejects',
  docs: {
    why:
      'The API server validates a CustomResourceDefinition before it stores it: every version of an ' +
      '`apiextensions.k8s.io/v1` CRD needs a `schema.openAPIV3Schema`, exactly one version has ' +
      '`storage: true`, and the schema must be structural (KEP-1002): a known `type` (`object`, ' +
      '`array`, `string`, `integer`, `number`, `boolean`) on every node unless it is ' +
      '`x-kubernetes-int-or-string` or `x-kubernetes-preserve-unknown-fields`, not both `properties` ' +
      'and `additionalProperties`, no `type`, `default` or `additionalProperties` inside `allOf`, ' +
      '`anyOf`, `oneOf` or `not`, and at the root `metadata` may only constrain `name` and ' +
      '`generateName`. `kubectl apply` fails with `The CustomResourceDefinition "..." is invalid`, ' +
      'and every custom resource of the kind then fails with `no matches for kind`. Unknown keywords ' +
      '(a misspelt `typ:`) are `schema-violation`\'s.',
    fix:
      'Correct the `type`, give every field a type (or `x-kubernetes-preserve-unknown-fields: true` ' +
      'for free-form data), move types and defaults out of `anyOf`/`oneOf` into the main schema, mark ' +
      'exactly one version `storage: true`, and give every version a schema.',
  },
  messages: {
    unknownType: '{{crd}} uses the unknown type `{{type}}`{{hint}}',
    missingType: '{{crd}} has a schema node without a `type`, so the schema is not structural; set a type{{hint}}',
    propertiesAndAdditional: '{{crd}} sets both `properties` and `additionalProperties` on one node, which a structural schema forbids',
    junctorField: '{{crd}} sets `{{field}}` inside `allOf`/`anyOf`/`oneOf`/`not`, which a structural schema forbids; set it in the main schema',
    extensionType: '{{crd}} sets `{{extension}}`, which needs {{type}}',
    metadataField: '{{crd}} constrains `metadata.{{field}}`; only `metadata.name` and `metadata.generateName` may be constrained',
    storageVersions: '{{crd}} marks {{count}} as `storage: true`; exactly one version must be the storage version',
    missingSchema: '{{crd}} version `{{version}}` has no `schema.openAPIV3Schema`, which every version of an apiextensions.k8s.io/v1 CRD needs',
  },
  check({ resource, report }) {
    if (resource.apiVersion !== 'apiextensions.k8s.io/v1') return;
    const crd = `CustomResourceDefinition \`${resource.name}\``;
    for (const problem of crdProblems(resource.value)) {
      report(problem.key ? resource.key(...problem.path) : resource.node(...problem.path), problem.code, { crd, ...problem.data });
    }
  },
});
