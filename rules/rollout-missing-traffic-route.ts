import { defineRule, missingReference, trafficRoutingRefs } from '../src/rule-api.js';

export default defineRule({
  id: 'rollout-missing-traffic-route',
  severity: 'error',
  kinds: ['argoproj.io/Rollout'],
  crossResource: true,
  description: 'Argo Rollout trafficRouting names a VirtualService, DestinationRule or Ingress that does not exist',
  docs: {
    why:
      'With `canary.trafficRouting`, the controller shifts traffic by editing objects it does not create: the Istio ' +
      '`virtualService` / `virtualServices` and `destinationRule` (a name, or `name.namespace`), the nginx ' +
      '`stableIngress` / `stableIngresses` (it creates the canary Ingress from them) and the ALB `ingress` / ' +
      '`ingresses`. Each reconcile reads them first (rollout/controller.go `getReferencedResources`); one that does ' +
      'not exist sets the `InvalidSpec` condition ("virtualservices.networking.istio.io \\"x\\" not found"), and the ' +
      'update never starts shifting traffic. Plugins, SMI (the controller creates the TrafficSplit) and the other ' +
      'providers are not checked.',
    fix: 'Create the object the Rollout names (in the Rollout\'s namespace unless the Istio name says `name.namespace`), or fix the name.',
  },
  messages: {
    missing: 'Rollout `{{rollout}}` routes traffic through {{kind}} `{{name}}` (`trafficRouting.{{site}}`), which does not exist in namespace `{{namespace}}`: the Rollout is InvalidSpec and never shifts traffic{{hint}}',
  },
  check({ resource, index, report }) {
    for (const ref of trafficRoutingRefs(resource)) {
      if (ref.kindRefs.some((kindRef) => index.exists(kindRef, ref.namespace, ref.name))) continue;
      const missing = missingReference(index, ref.kindRefs[0], ref.namespace, ref.name);
      const data = { rollout: resource.name, kind: ref.kind, name: ref.name, site: ref.site, namespace: ref.namespace, hint: missing?.hint ?? '' };
      report(resource.node(...ref.path), 'missing', data);
    }
  },
});
