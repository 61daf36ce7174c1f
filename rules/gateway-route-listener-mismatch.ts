import { defineRule, formatSelector, GATEWAY_GROUP, gatewayListeners, listenerRefusal, routeParentRefs, ROUTE_KINDS, selectedListeners, type Listener, type Refusal } from '../src/rule-api.js';

const SHOWN = 3;

function explain(listener: Listener, refusal: Refusal, gatewayNamespace: string, routeNamespace: string): string {
  const name = `listener \`${listener.name}\``;
  switch (refusal.reason) {
    case 'kind':
      return `${name} accepts only ${refusal.kinds.join(', ')}`;
    case 'namespace':
      return refusal.from === 'Same'
        ? `${name} accepts only routes of namespace \`${gatewayNamespace}\` (\`allowedRoutes.namespaces.from: Same\`, the default)`
        : `${name} accepts only routes of namespaces labelled \`${listener.selector ? formatSelector(listener.selector) : ''}\`, which namespace \`${routeNamespace}\` is not`;
    default:
      return `${name} serves only \`${refusal.hostname}\`, which none of the route's hostnames matches`;
  }
}

export default defineRule({
  id: 'gateway-route-listener-mismatch',
  severity: 'error',
  kinds: ROUTE_KINDS,
  ecosystem: 'Gateway API',
  crossResource: true,
  description: "Gateway API route whose Gateway listeners do not admit it (allowedRoutes namespaces or kinds, hostnames)",
  docs: {
    why:
      'A listener admits a route only if its `allowedRoutes` allow it: `namespaces.from` is `Same` by default (only ' +
      'routes of the Gateway\'s namespace), `All`, or `Selector` (the route\'s Namespace must match the label ' +
      'selector; every Namespace carries `kubernetes.io/metadata.name`); `kinds` lists the route kinds, and when it ' +
      'is empty the protocol decides (HTTP and HTTPS: HTTPRoute and GRPCRoute; TLS: TLSRoute and TCPRoute; TCP: ' +
      'TCPRoute; UDP: UDPRoute). A listener with a `hostname` also admits only routes with an intersecting ' +
      'hostname (or none). gateway-api shared_types.go: "If no Gateway listeners accept attachment from this Route, ' +
      'the Route MUST be considered detached from the Gateway"; the route reports `Accepted=False` (`NotAllowedByListeners`, ' +
      '`NoMatchingListenerHostname`) and serves nothing. The rule reports when every listener the parentRef selects ' +
      '(by `sectionName` and `port`, or all of them) refuses the route. A `Selector` is evaluated only when the ' +
      "route's Namespace object is among the linted files (or when it selects on `kubernetes.io/metadata.name` alone). A cross-namespace parentRef needs no ReferenceGrant: " +
      '`allowedRoutes` is what permits it.',
    fix:
      'Set `allowedRoutes.namespaces.from` to `All`, or to `Selector` with a selector the route\'s namespace matches ' +
      '(label the Namespace), list the route kind in `allowedRoutes.kinds`, attach to a listener of the matching ' +
      'protocol, or align the route `hostnames` with the listener `hostname`.',
  },
  messages: {
    refused: '{{route}} cannot attach to Gateway `{{gateway}}`: {{reasons}}',
  },
  check({ resource, index, report }) {
    for (const ref of routeParentRefs(resource)) {
      if (ref.group !== GATEWAY_GROUP || ref.kind !== 'Gateway') continue;
      const gateway = index.get(`${GATEWAY_GROUP}/Gateway`, ref.namespace, ref.name);
      if (!gateway) continue;
      const listeners = selectedListeners(gatewayListeners(gateway), ref);
      if (listeners.length === 0) continue; // gateway-route-missing-parent
      const refusals: string[] = [];
      for (const listener of listeners) {
        const refusal = listenerRefusal(index, gateway, listener, resource);
        if (!refusal) break;
        refusals.push(explain(listener, refusal, gateway.namespace!, resource.namespace!));
      }
      if (refusals.length < listeners.length) continue;
      const reasons = refusals.slice(0, SHOWN).join('; ') + (refusals.length > SHOWN ? `; and ${refusals.length - SHOWN} more listeners` : '');
      report(resource.node(...ref.path), 'refused', { route: resource.label, gateway: ref.name, reasons });
    }
  },
});
