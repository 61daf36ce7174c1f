import { defineRule, didYouMean, isRecord, missingReference, trafficRoutingRefs, type Resource } from '../src/rule-api.js';

function httpRouteNames(virtualService: Resource): string[] {
  const spec = isRecord(virtualService.value.spec) ? virtualService.value.spec : {};
  return (Array.isArray(spec.http) ? spec.http : []).flatMap((route) => (isRecord(route) && typeof route.name === 'string' ? [route.name] : []));
}

export default defineRule({
  id: 'rollout-missing-traffic-route',
  severity: 'error',
  kinds: ['argoproj.io/Rollout'],
  crossResource: true,
  description: 'Argo Rollout trafficRouting names a VirtualService, DestinationRule or Ingress that does not exist',
  ecosystem: 'Argo Rollouts',
  docs: {
    why:
      'With `canary.trafficRouting`, the controller shifts traffic by editing objects it does not create: the Istio ' +
      '`virtualService` / `virtualServices` and `destinationRule` (a name, or `name.namespace`), the nginx ' +
      '`stableIngress` / `stableIngresses` (it creates the canary Ingress from them) and the ALB `ingress` / ' +
      '`ingresses`. Each reconcile reads them first (rollout/controller.go `getReferencedResources`); one that does ' +
      'not exist sets the `InvalidSpec` condition ("virtualservices.networking.istio.io \\"x\\" not found"), and the ' +
      'update never starts shifting traffic. The `routes` of a VirtualService reference must name `http[].name` ' +
      'routes of that VirtualService (rollout/trafficrouting/istio `getHttpRouteIndexesToPatch`: "HTTP Route ' +
      '\'primary\' is not found in the defined Virtual Service"). Plugins, SMI (the controller creates the ' +
      'TrafficSplit) and the other providers are not checked.',
    fix: 'Create the object the Rollout names (in the Rollout\'s namespace unless the Istio name says `name.namespace`), or fix the name.',
  },
  messages: {
    missing: 'Rollout `{{rollout}}` routes traffic through {{kind}} `{{name}}` (`trafficRouting.{{site}}`), which does not exist in namespace `{{namespace}}`: the Rollout is InvalidSpec and never shifts traffic{{hint}}',
    missingRoute:
      'Rollout `{{rollout}}` shifts traffic on HTTP route `{{route}}` of VirtualService `{{name}}`, which has no route of that name: the controller fails with "HTTP Route \'{{route}}\' is not found in the defined Virtual Service" and never shifts traffic; routes: {{routes}}{{hint}}',
  },
  check({ resource, index, report }) {
    for (const ref of trafficRoutingRefs(resource)) {
      if (ref.kindRefs.some((kindRef) => index.exists(kindRef, ref.namespace, ref.name))) {
        const virtualService = ref.routes && index.get(ref.kindRefs[0], ref.namespace, ref.name);
        const names = virtualService ? httpRouteNames(virtualService) : [];
        for (const route of virtualService ? ref.routes! : []) {
          if (names.includes(route.name)) continue;
          const routes = names.length > 0 ? names.map((n) => `\`${n}\``).join(', ') : 'none has a name';
          report(resource.node(...route.path), 'missingRoute', { rollout: resource.name, route: route.name, name: ref.name, routes, hint: didYouMean(route.name, names) });
        }
        continue;
      }
      const missing = missingReference(index, ref.kindRefs[0], ref.namespace, ref.name);
      const data = { rollout: resource.name, kind: ref.kind, name: ref.name, site: ref.site, namespace: ref.namespace, hint: (missing?.hint ?? '') + (missing?.elsewhere && ref.kind !== 'Ingress' ? `: name it \`${ref.name}.${missing.elsewhere}\`` : '') };
      report(resource.node(...ref.path), 'missing', data);
    }
  },
});
