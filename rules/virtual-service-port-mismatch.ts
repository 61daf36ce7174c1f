import { defineRule, isRecord, serviceEntriesFor, serviceHost, virtualServiceDestinations, type Resource } from '../src/rule-api.js';

interface Port {
  readonly number: number;
  readonly name?: string;
}

function ports(owner: Resource, field: 'port' | 'number'): Port[] {
  const spec = isRecord(owner.value.spec) ? owner.value.spec : {};
  const list = Array.isArray(spec.ports) ? spec.ports : [];
  return list.flatMap((p) => (isRecord(p) && typeof p[field] === 'number' ? [{ number: p[field], name: typeof p.name === 'string' ? p.name : undefined }] : []));
}

const label = (p: Port) => `\`${p.number}\`${p.name ? ` (\`${p.name}\`)` : ''}`;

export default defineRule({
  id: 'virtual-service-port-mismatch',
  severity: 'error',
  kinds: ['networking.istio.io/VirtualService'],
  description: "Istio VirtualService routes to a port its destination Service or ServiceEntry does not declare",
  ecosystem: 'Istio',
  docs: {
    why:
      'Istio builds one Envoy cluster per service port, `outbound|<port>|<subset>|<host>`, from `spec.ports[].port` ' +
      'of the Service (or `spec.ports[].number` of a ServiceEntry). A route whose `destination.port.number` is not ' +
      'one of them points at a cluster that does not exist: Envoy answers 503 (response flag `NC`, no cluster). The ' +
      "usual slip is the container port (the Service's `targetPort`). `ExternalName` Services are not checked; a " +
      'missing Service is left to `virtual-service-missing-host`.',
    fix: "Use the Service's `port` in `destination.port.number`, not its `targetPort`, or add the port to the Service.",
  },
  messages: {
    unknown: 'VirtualService `{{vs}}` routes to port `{{port}}` of {{target}}, which does not declare it: Envoy has no cluster for it and answers 503; ports: {{ports}}{{hint}}',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace!;
    for (const destination of virtualServiceDestinations(resource)) {
      if (destination.port === undefined) continue;
      const host = serviceHost(index, destination.host, namespace);
      const service = host && index.get('Service', host.namespace, host.name);
      const spec = service && isRecord(service.value.spec) ? service.value.spec : undefined;
      if (spec?.type === 'ExternalName') continue;
      const entries = service ? [] : serviceEntriesFor(index, destination.host, namespace);
      const declared = service ? ports(service, 'port') : entries.flatMap((entry) => ports(entry, 'number'));
      if ((!service && entries.length === 0) || declared.some((p) => p.number === destination.port)) continue;
      const target = service ? `Service \`${service.name}\`` : `ServiceEntry \`${entries[0].name}\``;
      const byTarget = service && (Array.isArray(spec?.ports) ? spec.ports : []).find((p) => isRecord(p) && p.targetPort === destination.port);
      const hint = isRecord(byTarget) ? `; \`${destination.port}\` is the targetPort of Service port \`${String(byTarget.port)}\`` : '';
      const data = { vs: resource.name, port: destination.port, target, ports: declared.map(label).join(', ') || 'none', hint };
      report(resource.node(...destination.path, 'port', 'number'), 'unknown', data);
    }
  },
});
