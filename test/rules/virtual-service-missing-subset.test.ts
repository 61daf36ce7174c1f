import rule from '../../rules/virtual-service-missing-subset.js';
import { testRule } from '../helpers/test-rule.js';

const dr = (host: string, namespace = 'default') =>
  `apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: api, namespace: ${namespace}}\nspec:\n  host: ${host}\n  subsets: [{name: stable, labels: {track: stable}}]\n---\n`;
const vs = (subset: string) => [
  'apiVersion: networking.istio.io/v1',
  'kind: VirtualService',
  'metadata: {name: api}',
  'spec:',
  '  hosts: [api]',
  '  tcp:',
  '    - route:',
  '        - destination:',
  '            host: api',
  `            subset: ${subset}`,
].join('\n');

testRule(rule, {
  valid: [
    { name: 'a DestinationRule of another namespace for the FQDN', code: dr('api.default.svc.cluster.local', 'istio-system') + vs('stable') },
  ],
  invalid: [
    {
      name: 'a misspelt subset',
      code: dr('api') + vs('stabel'),
      errors: [{
        message: 'VirtualService `api` routes to subset `stabel` of host `api`, which DestinationRule `api` does not define: Envoy has no cluster for it and answers 503; subsets: `stable`; did you mean `stable`?',
        line: 17,
        column: 21,
        severity: 2,
      }],
    },
    {
      name: 'a DestinationRule for a short name of another namespace is another host',
      code: dr('api', 'istio-system') + vs('stable'),
      errors: [{
        message: 'VirtualService `api` routes to subset `stable` of host `api.default.svc.cluster.local`, but no DestinationRule for that host is defined: without one the subset has no cluster and Envoy answers 503',
        line: 17,
        column: 21,
        severity: 1,
      }],
    },
    {
      name: 'an error when the namespace keeps DestinationRules for other hosts',
      code: dr('web') + vs('stable'),
      errors: [{ message: /routes to subset `stable` of host `api.default.svc.cluster.local`, but no DestinationRule for that host is defined/, line: 17, column: 21, severity: 2 }],
    },
  ],
});
