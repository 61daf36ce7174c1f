import { defineRule, didYouMean, ingressBackends } from '../src/rule-api.js';

const LISTED = 5;

function candidates(names: readonly string[], namespace: string): string {
  if (names.length === 0) return `; namespace \`${namespace}\` defines no Service`;
  const sorted = [...names].sort();
  const shown = sorted.slice(0, LISTED).map((n) => `\`${n}\``).join(', ');
  return `; Services in namespace \`${namespace}\`: ${shown}${sorted.length > LISTED ? ', …' : ''}`;
}

export default defineRule({
  id: 'ingress-backend-missing-service',
  severity: 'error',
  kinds: ['networking.k8s.io/Ingress', 'extensions/Ingress'],
  crossResource: true,
  description: 'Ingress backend names a Service that does not exist in the Ingress namespace',
  docs: {
    why:
      'An Ingress backend (`spec.defaultBackend`, `spec.rules[].http.paths[].backend`, or `spec.backend` with ' +
      '`serviceName` in `extensions/v1beta1` and `networking.k8s.io/v1beta1`) names a Service by name only: the ' +
      'API reference says "The service must exist in the same namespace as the Ingress object", and the API ' +
      'server checks only that the name is well formed, so the Ingress is accepted either way. Controllers look ' +
      'the Service up as `<ingress namespace>/<name>`. ingress-nginx logs "Error obtaining Endpoints for Service" ' +
      'and keeps the path with an upstream that has no endpoints; its Lua balancer then answers every request ' +
      'on that path with 503 Service Temporarily Unavailable. Traefik logs "Cannot create service: service not found" ' +
      'and skips the path (404), and the GKE controller rejects the whole Ingress ("could not find service"). A Service of that name in another ' +
      'namespace is never used. `resource` backends name no Service and are not checked.',
    fix:
      'Point the backend at a Service of the Ingress namespace (check the spelling), or create the Service there. ' +
      'To expose a Service of another namespace, create the Ingress in that namespace (or an `ExternalName` ' +
      'Service pointing at `<service>.<namespace>.svc.cluster.local`, if your controller routes to those).',
  },
  messages: {
    missing: 'Ingress `{{ingress}}` routes to Service `{{service}}`, which does not exist in namespace `{{namespace}}`{{candidates}}',
    otherNamespace:
      'Ingress `{{ingress}}` routes to Service `{{service}}`, which is defined in namespace `{{other}}`; an Ingress can only route to Services in its own namespace `{{namespace}}`{{suggestion}}',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace!;
    for (const backend of ingressBackends(resource)) {
      const service = backend.serviceName;
      if (backend.resource || service === undefined || index.exists('Service', namespace, service)) continue;
      const data = { ingress: resource.name, service, namespace };
      const node = resource.node(...backend.serviceNamePath);
      const names = index.names('Service', namespace);
      const suggestion = didYouMean(service, names);
      const elsewhere = index.named('Service', service).find((s) => s.namespace !== namespace);
      if (elsewhere) {
        report(node, 'otherNamespace', { ...data, other: elsewhere.namespace!, suggestion });
      } else {
        report(node, 'missing', { ...data, candidates: suggestion || candidates(names, namespace) });
      }
    }
  },
});
