import { defineRule, gatewayBindings, ISTIO_KINDS, missingReference } from '../src/rule-api.js';

export default defineRule({
  id: 'virtual-service-missing-gateway',
  severity: 'error',
  kinds: ['networking.istio.io/VirtualService'],
  crossResource: true,
  description: 'Istio VirtualService binds to a Gateway that does not exist',
  ecosystem: 'Istio',
  docs: {
    why:
      'A VirtualService applies to the gateways listed in `spec.gateways` (and per route in `match[].gateways`). ' +
      'Istio resolves each entry (pilot `resolveGatewayName`): `ns/name`, `./name` or a short name in the ' +
      "VirtualService's namespace, or the legacy `name.ns.svc.cluster.local`; `mesh` means the sidecars. A name that " +
      'matches no `networking.istio.io` Gateway binds the routes to nothing: the ingress gateway has no route for ' +
      'the hosts and answers 404 (response flag `NR`), and `istioctl analyze` reports IST0101 ' +
      'ReferencedResourceNotFound. Listing gateways also removes the implicit `mesh`, so sidecars stop using the ' +
      'routes. The finding is a warning when the run defines no Gateway in that namespace (gateways are often ' +
      'installed with Istio itself).',
    fix: 'Name an existing Gateway as `namespace/name` (e.g. `istio-system/public-gateway`), or create the Gateway.',
  },
  messages: {
    missing: 'VirtualService `{{vs}}` binds to gateway `{{text}}`, but Gateway `{{name}}` does not exist in namespace `{{namespace}}`: its routes are never served there{{hint}}',
  },
  check({ resource, index, report }) {
    for (const binding of gatewayBindings(resource)) {
      const missing = missingReference(index, ISTIO_KINDS.Gateway, binding.namespace, binding.name);
      if (!missing) continue;
      const data = { vs: resource.name, text: binding.text, name: binding.name, namespace: binding.namespace, hint: missing.hint };
      report(resource.node(...binding.path), 'missing', data, missing.managed ? undefined : { severity: 'warn' });
    }
  },
});
