import { containerPorts, defineRule, didYouMean, edit, ingressBackends, isRecord, plainSelector, servicePorts, type Edit, type IngressBackend, type PodTemplate, type Resource, type ServicePort } from '../src/rule-api.js';

type Id = 'noPorts' | 'targetPort' | 'nodePort' | 'containerPort' | 'notExposed' | 'unknown';

const label = (p: ServicePort) => `\`${p.port}\`${p.name ? ` (\`${p.name}\`)` : ''}`;

const owner = (pod: PodTemplate) => `${pod.owner.kind} \`${pod.owner.name}\``;

/** The first selected pod declaring a containerPort that matches. */
function podWith(pods: readonly PodTemplate[], match: (port: { containerPort?: number; name?: string }) => boolean): PodTemplate | undefined {
  return pods.find((pod) => pod.containers.some(({ container }) => containerPorts(container).some(match)));
}

/** Why `wanted` (matching no Service port) fails, naming the Service port meant when we can tell. */
function diagnose(wanted: NonNullable<IngressBackend['port']>, ports: readonly ServicePort[], pods: readonly PodTemplate[]): [Id, Record<string, string | number>] {
  const list = ports.map(label).join(', ');
  if (ports.length === 0) return ['noPorts', {}];
  const byTarget = ports.find((p) => p.targetPortWritten && p.targetPort === (wanted.number ?? wanted.name));
  if (byTarget) return ['targetPort', { servicePort: wanted.name !== undefined ? (byTarget.name ?? byTarget.port) : byTarget.port }];
  const n = wanted.number;
  if (n === undefined) return ['unknown', { hint: didYouMean(wanted.name!, ports.flatMap((p) => (p.name ? [p.name] : []))) || `; Service ports: ${list}` }];
  const byNodePort = ports.find((p) => p.nodePort === n);
  if (byNodePort) return ['nodePort', { servicePort: byNodePort.port }];
  for (const p of ports) {
    const pod = typeof p.targetPort === 'string' ? podWith(pods, (c) => c.name === p.targetPort && c.containerPort === n) : undefined;
    if (pod) return ['containerPort', { owner: owner(pod), servicePort: p.port }];
  }
  const pod = podWith(pods, (c) => c.containerPort === n);
  return pod ? ['notExposed', { owner: owner(pod), ports: list }] : ['unknown', { hint: `; Service ports: ${list}` }];
}

/**
 * Points the backend at `to`, the Service port it must have meant: `port.number` or `port.name` by
 * the type of `to` (a legacy `servicePort` takes either).
 */
function portFix(resource: Resource, wanted: NonNullable<IngressBackend['port']>, to: number | string): Edit[] {
  const node = resource.node(...wanted.path);
  const last = wanted.path[wanted.path.length - 1];
  const key = typeof to === 'number' ? 'number' : 'name';
  return [last === 'servicePort' || last === key ? edit.replace(node, to) : edit.replaceEntry(node, key, to)];
}

export default defineRule({
  id: 'ingress-backend-port-mismatch',
  severity: 'error',
  kinds: ['networking.k8s.io/Ingress', 'extensions/Ingress'],
  fixable: true,
  description: "Ingress backend port is not one of the Service's ports",
  docs: {
    why:
      'An Ingress backend names a port of the Service (`service.port.number` or `.name`; legacy `servicePort`), ' +
      'not of the pods, and the API server does not check it against the Service. Traefik matches it against ' +
      '`spec.ports[].port` or `.name` only, logs "service port not found" and skips the path (404); ingress-nginx ' +
      'finds no endpoints for it and answers 503 Service Temporarily Unavailable. The usual slip is the pod side of ' +
      "the mapping (the Service's `targetPort` or a `containerPort`) or the `nodePort`. ingress-nginx also accepts " +
      "a value equal to a port's literal `targetPort`, so that case is a warning; a containerPort reached through a " +
      'named `targetPort` fails there too. `ExternalName` Services are not checked: they have no endpoints, and ' +
      'ingress-nginx proxies to the external name on the port given even when the Service declares none (Traefik, ' +
      'when it allows ExternalName at all, requires a declared port). A missing Service is left to ' +
      '`ingress-backend-missing-service`.',
    fix:
      "Use the Service's `port` (or its `name`) in the backend, not the `targetPort` or `containerPort`; or add a " +
      'port to the Service that targets the container port. `--fix` points the backend at the Service port whose ' +
      '`targetPort`, `nodePort` or container port it named, or at the only port the Service has.',
  },
  messages: {
    noPorts: 'Ingress `{{ingress}}` routes to port `{{port}}` of Service `{{service}}`, which declares no ports; add it to `spec.ports` of the Service',
    nodePort: 'Ingress `{{ingress}}` routes to port `{{port}}` of Service `{{service}}`, which is its nodePort; use the Service port `{{servicePort}}`',
    targetPort: 'Ingress `{{ingress}}` routes to port `{{port}}` of Service `{{service}}`, which is its targetPort; use the Service port `{{servicePort}}`',
    containerPort:
      'Ingress `{{ingress}}` routes to port `{{port}}` of Service `{{service}}`, which is a containerPort of {{owner}}; use the Service port `{{servicePort}}`',
    notExposed:
      'Ingress `{{ingress}}` routes to port `{{port}}` of Service `{{service}}`, a containerPort of {{owner}} that no Service port targets; Service ports: {{ports}}',
    unknown: 'Ingress `{{ingress}}` routes to port `{{port}}` of Service `{{service}}`, which does not declare it{{hint}}',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace!;
    for (const backend of ingressBackends(resource)) {
      const { serviceName, port: wanted } = backend;
      if (backend.resource || serviceName === undefined || wanted === undefined) continue;
      const service = index.get('Service', namespace, serviceName);
      const spec = isRecord(service?.value.spec) ? service.value.spec : undefined;
      if (!service || spec?.type === 'ExternalName') continue;
      const ports = servicePorts(spec);
      if (ports.some((p) => p.port === wanted.number || (p.name !== undefined && p.name === wanted.name))) continue;
      const selector = plainSelector(spec?.selector);
      const pods = selector && Object.keys(selector).length > 0 ? index.podTemplatesMatching(selector, namespace) : [];
      const [messageId, extra] = diagnose(wanted, ports, pods);
      const data = { ingress: resource.name, service: serviceName, port: wanted.number ?? wanted.name!, ...extra };
      // The Service port meant: the one whose targetPort, nodePort or container port was given, or the only one.
      const only = ports.length === 1 && messageId === 'unknown' ? (wanted.name !== undefined && ports[0].name ? ports[0].name : ports[0].port) : undefined;
      const meant = 'servicePort' in extra ? extra.servicePort : only;
      const fix = meant === undefined ? {} : { fix: portFix(resource, wanted, meant) };
      // ingress-nginx also matches a port's literal targetPort: a risk there, a failure elsewhere.
      report(resource.node(...wanted.path), messageId, data, { ...(messageId === 'targetPort' ? { severity: 'warn' as const } : {}), ...fix });
    }
  },
});
