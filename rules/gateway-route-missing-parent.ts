import { defineRule, didYouMean, GATEWAY_GROUP, gatewayListeners, routeParentRefs, ROUTE_KINDS, selectedListeners, type Listener } from '../src/rule-api.js';

const GATEWAY = `${GATEWAY_GROUP}/Gateway`;

const listenerLabel = (l: Listener) => `\`${l.name}\` (${l.port ?? '?'}/${l.protocol})`;

export default defineRule({
  id: 'gateway-route-missing-parent',
  severity: 'error',
  kinds: ROUTE_KINDS,
  ecosystem: 'Gateway API',
  crossResource: true,
  description: 'Gateway API route parentRef names a Gateway, or a listener of it, that does not exist',
  docs: {
    why:
      'A route serves traffic only through the Gateways its `spec.parentRefs` name (`kind: Gateway` is the default, ' +
      'the namespace defaults to the route\'s). When the Gateway does not exist, no implementation picks the route ' +
      'up: it stays without status, and its hostnames answer 404 or not at all. `sectionName` names a listener of ' +
      'the Gateway and `port` a listener port; "When both Port and SectionName are specified, the name and port of ' +
      'the selected listener must match both" (gateway-api shared_types.go `ParentReference`), and when no listener ' +
      'matches the route is `Accepted=False` with reason `NoMatchingParent`. Gateways are usually owned by the cluster ' +
      'operator and applied from other manifests than the routes, so a missing Gateway is checked only when the ' +
      'linted files define Gateways, and is a warning when it lives in a namespace none of them is in (declare it ' +
      'in the configuration, `external`). ParentRefs of other kinds (a Service for ' +
      'GAMMA mesh routing, a ListenerSet) are not checked.',
    fix: 'Fix the Gateway `name`/`namespace`, or the `sectionName`/`port` to those of one of its listeners.',
  },
  messages: {
    gateway: '{{route}} attaches to Gateway `{{gateway}}`, which does not exist in namespace `{{namespace}}`, so no Gateway serves it{{hint}}',
    listener: '{{route}} attaches to {{wanted}} of Gateway `{{gateway}}`, which has no such listener; listeners: {{listeners}}{{hint}}',
  },
  check({ resource, index, report }) {
    for (const ref of routeParentRefs(resource)) {
      if (ref.group !== GATEWAY_GROUP || ref.kind !== 'Gateway') continue;
      const data = { route: resource.label, gateway: ref.name, namespace: ref.namespace };
      const gateway = index.get(GATEWAY, ref.namespace, ref.name);
      if (!gateway) {
        // Gateways are usually the cluster operator's, outside the application's manifests.
        if (index.exists(GATEWAY, ref.namespace, ref.name) || index.list(GATEWAY).length === 0) continue;
        const elsewhere = index.named(GATEWAY, ref.name).find((g) => g.namespace !== ref.namespace);
        const hint = didYouMean(ref.name, index.names(GATEWAY, ref.namespace)) ||
          (elsewhere ? `; a Gateway \`${ref.name}\` exists in namespace \`${elsewhere.namespace}\`: set \`namespace: ${elsewhere.namespace}\` on the parentRef` : '');
        const managedElsewhere = ref.crossNamespace && !index.hasNamespace(ref.namespace);
        report(resource.node(...ref.path, 'name'), 'gateway', { ...data, hint }, managedElsewhere ? { severity: 'warn' } : undefined);
        continue;
      }
      const listeners = gatewayListeners(gateway);
      if (listeners.length === 0 || selectedListeners(listeners, ref).length > 0) continue;
      const named = ref.sectionName !== undefined ? listeners.find((l) => l.name === ref.sectionName) : undefined;
      const wanted = ref.sectionName === undefined ? `port \`${ref.port}\``
        : ref.port === undefined ? `listener \`${ref.sectionName}\`` : `listener \`${ref.sectionName}\` on port \`${ref.port}\``;
      const hint = named ? `; listener \`${named.name}\` listens on port \`${named.port}\``
        : ref.sectionName !== undefined ? didYouMean(ref.sectionName, listeners.map((l) => l.name)) : '';
      const field = ref.sectionName !== undefined && !named ? 'sectionName' : 'port';
      report(resource.node(...ref.path, field), 'listener', { ...data, wanted, listeners: listeners.map(listenerLabel).join(', '), hint });
    }
  },
});
