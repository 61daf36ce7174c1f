import rule from '../../rules/rollout-missing-traffic-route.js';
import { testRule } from '../helpers/test-rule.js';

const rollout = (routing: string) => `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: api, namespace: apps}\nspec:\n  strategy:\n    canary:\n      trafficRouting: ${routing}\n`;

testRule(rule, {
  valid: [
    { name: 'an extensions/v1beta1 Ingress', code: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: api, namespace: apps}\nspec: {}\n---\n' + rollout('{nginx: {stableIngresses: [api]}}') },
    { name: 'SMI (the controller creates the TrafficSplit)', code: rollout('{smi: {trafficSplitName: api}}') },
  ],
  invalid: [
    {
      name: 'a DestinationRule named name.namespace',
      code: rollout('{istio: {destinationRule: {name: api.mesh, canarySubsetName: canary, stableSubsetName: stable}}}'),
      errors: [{
        message: 'Rollout `api` routes traffic through DestinationRule `api` (`trafficRouting.istio.destinationRule`), which does not exist in namespace `mesh`: the Rollout is InvalidSpec and never shifts traffic; namespace `mesh` defines no DestinationRule',
        line: 7,
        column: 56,
      }],
    },
    {
      name: 'a VirtualService of another namespace',
      code: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: api, namespace: mesh}\nspec: {hosts: [api]}\n---\n' + rollout('{istio: {virtualService: {name: api}}}'),
      errors: [{ message: /; VirtualService `api` exists in namespace `mesh`: name it `api.mesh`$/, line: 12, column: 55 }],
    },
  ],
});
