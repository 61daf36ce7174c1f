import { describe, expect, it } from 'vitest';
import rule from '../../rules/schema-violation.js';
import { lint } from '../../src/engine.js';
import { crdManifest, storageVersion } from '../helpers/crd.js';
import { lintText } from '../helpers/test-rule.js';

const shown = (messages: Array<{ line: number; column: number; message: string }>) => messages.map((m) => `${m.line}:${m.column} ${m.message}`);

/** A CRD of the run with `rules` (YAML flow sequence) on `spec`, and `spec.size`, `spec.name`, `spec.ports`. */
const crd = (rules: string, portRules = '[]') => `${crdManifest('Widget', 'example.com', storageVersion(`          type: object
          properties:
            spec:
              type: object
              x-kubernetes-validations: ${rules}
              properties:
                size: {type: integer}
                name: {type: string}
                ports:
                  type: array
                  items: {type: object, properties: {port: {type: integer}, x-name: {type: string}}, x-kubernetes-validations: ${portRules}}
`))}---
`;

describe('CEL validation rules of custom resources', () => {
  it('reports a failed rule of the bundled catalog at its field, with its message', async () => {
    const code = `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: reports, namespace: shop}
spec:
  scaleTargetRef: {name: reports}
  minReplicaCount: 10
  maxReplicaCount: 5
  triggers: [{type: cron, metadata: {timezone: Europe/Berlin, start: 0 8 * * *, end: 0 18 * * *, desiredReplicas: "5"}}]
`;
    expect(shown(await lintText(code, rule))).toEqual([
      '4:1 ScaledObject `reports` field `spec` fails a validation rule of its CustomResourceDefinition: minReplicaCount must be less than or equal to maxReplicaCount',
    ]);
  });

  it('applies schema defaults before the rules, as the API server does', async () => {
    const code = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs: [{name: public}]
  rules:
    - backendRefs:
        - name: api
`;
    expect(shown(await lintText(code, rule))).toEqual([
      '8:11 HTTPRoute `web` field `spec.rules[0].backendRefs[0]` fails a validation rule of its CustomResourceDefinition: Must have port for Service reference',
    ]);
  });

  it('uses messageExpression, fieldPath, escaped property names and the default message', async () => {
    const code = `${crd(
      "[{rule: 'self.size <= 10', messageExpression: \"'size ' + string(self.size) + ' is above 10'\"}, {rule: 'self.name.startsWith(\"w\")', fieldPath: '.name'}]",
      "[{rule: 'self.x__dash__name != \"admin\"'}]",
    )}apiVersion: example.com/v1
kind: Widget
metadata: {name: big}
spec:
  size: 12
  name: blue
  ports:
    - {port: 80, x-name: admin}
`;
    expect(shown(await lintText(code, rule))).toEqual([
      '29:1 Widget `big` field `spec` fails a validation rule of its CustomResourceDefinition: size 12 is above 10',
      '31:3 Widget `big` field `spec.name` fails a validation rule of its CustomResourceDefinition: failed rule: self.name.startsWith("w")',
      '33:7 Widget `big` field `spec.ports[0]` fails a validation rule of its CustomResourceDefinition: failed rule: self.x__dash__name != "admin"',
    ]);
  });

  it('skips transition rules, rules that error, and rules on a subtree with a schema finding', async () => {
    const code = `${crd("[{rule: 'self.size == oldSelf.size'}, {rule: 'self.missing == 1', message: 'errors, never false'}, {rule: 'self.size < 5', message: 'too big'}]")}apiVersion: example.com/v1
kind: Widget
metadata: {name: typo}
spec:
  size: 12
  nmae: blue
`;
    expect(shown(await lintText(code, rule))).toEqual([
      '31:3 Widget `typo` has unknown field `spec.nmae`; did you mean `name`?',
    ]);
  });

  it('notes a rule that does not compile once, and reports nothing for it', async () => {
    const code = `${crd("[{rule: 'self.size >', message: 'broken'}, {rule: 'self.size.nope()'}]")}apiVersion: example.com/v1
kind: Widget
metadata: {name: a}
spec: {size: 1}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: b}
spec: {size: 2}
`;
    const output = await lint([{ path: 'w.yaml', text: code }], { only: ['schema-violation'] });
    expect(output.results[0]!.messages).toEqual([]);
    expect(output.notices).toHaveLength(1);
    expect(output.notices[0]).toMatch(/^2 CEL validation rule\(s\) could not be compiled and were not checked: `self\.size >` of CustomResourceDefinition `widgets\.example\.com` \(.+\); `self\.size\.nope\(\)` of CustomResourceDefinition `widgets\.example\.com` \(.+\)$/);
  });
});
