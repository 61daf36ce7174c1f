import { defineRule, isRecord, isServiceRef, routeBackendRefs, ROUTE_KINDS } from '../src/rule-api.js';

interface ServicePort {
  readonly port: number;
  readonly name?: string;
  readonly targetPort?: number | string;
}

const label = (p: ServicePort) => `\`${p.port}\`${p.name ? ` (\`${p.name}\`)` : ''}`;

export default defineRule({
  id: 'gateway-route-backend-port-mismatch',
  severity: 'error',
  kinds: ROUTE_KINDS,
  ecosystem: 'Gateway API',
  description: 'Gateway API route backendRef to a Service without a port, or with a port the Service does not declare',
  docs: {
    why:
      'A Service backend of a Gateway API route must give `port`, a port number of the Service (`spec.ports[].port`), ' +
      'not of the pods: the CRD rejects a Service backendRef without one ("Must have port for Service reference"), ' +
      'and implementations resolve the number against the Service\'s ports only (Envoy Gateway: "port ... not found ' +
      'in Service", `ResolvedRefs=False`). The requests of that backend then get 500 (HTTP and gRPC) or the ' +
      'connection is dropped (TCP, TLS, UDP). The usual slip is the `targetPort` or `containerPort`. `ExternalName` ' +
      'Services are not checked (they have no ports to match), and a missing Service is left to ' +
      '`gateway-route-missing-backend`.',
    fix: "Set `port` to one of the Service's `spec.ports[].port` numbers, or add that port to the Service.",
  },
  messages: {
    required: '{{route}} sends traffic to Service `{{service}}` without a `port`, which a Service backendRef requires{{hint}}',
    targetPort: '{{route}} sends traffic to port `{{port}}` of Service `{{service}}`, which is its targetPort; use the Service port `{{servicePort}}`',
    unknown: '{{route}} sends traffic to port `{{port}}` of Service `{{service}}`, which does not declare it; Service ports: {{ports}}',
    noPorts: '{{route}} sends traffic to port `{{port}}` of Service `{{service}}`, which declares no ports',
  },
  check({ resource, index, report }) {
    for (const ref of routeBackendRefs(resource)) {
      if (!isServiceRef(ref)) continue;
      const service = index.get('Service', ref.namespace, ref.name);
      const spec = isRecord(service?.value.spec) ? service.value.spec : undefined;
      if (spec?.type === 'ExternalName') continue;
      const ports = (Array.isArray(spec?.ports) ? spec.ports : []).filter((p): p is ServicePort => isRecord(p) && typeof p.port === 'number');
      const data = { route: resource.label, service: ref.name };
      if (ref.port === undefined) {
        const hint = ports.length === 1 ? `; the Service port is \`${ports[0].port}\`` : ports.length > 1 ? `; Service ports: ${ports.map(label).join(', ')}` : '';
        report(resource.node(...ref.path), 'required', { ...data, hint });
        continue;
      }
      if (!service || ports.some((p) => p.port === ref.port)) continue;
      const node = resource.node(...ref.path, 'port');
      const byTarget = ports.find((p) => p.targetPort === ref.port);
      if (ports.length === 0) report(node, 'noPorts', { ...data, port: ref.port });
      else if (byTarget) report(node, 'targetPort', { ...data, port: ref.port, servicePort: byTarget.port });
      else report(node, 'unknown', { ...data, port: ref.port, ports: ports.map(label).join(', ') });
    }
  },
});
