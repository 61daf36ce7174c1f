import {
  declaredPorts, defineRule, didYouMean, isRecord, monitoredPods, monitoredServices, MONITORING_GROUP, servicePods, servicePortList,
  type DeclaredPort, type PathSegment, type PodTemplate, type Resource,
} from '../src/rule-api.js';

const LISTED = 5;

function list(items: readonly string[]): string {
  const unique = [...new Set(items)];
  return unique.length === 0 ? 'none' : unique.slice(0, LISTED).join(', ') + (unique.length > LISTED ? ', …' : '');
}

const owners = (pods: readonly PodTemplate[]) => list(pods.map((t) => `${t.owner.kind} \`${t.owner.name}\``));
const portLabel = (p: DeclaredPort) => (p.name ? `\`${p.name}\` (${p.number})` : `\`${p.number}\``);

/** Why a ServiceMonitor's `port` (a Service port name) matches nothing, with the likely meant port. */
function servicePortHint(wanted: string, services: readonly Resource[]): string {
  const ports = services.flatMap((s) => servicePortList(s).map((p) => ({ service: s.name, ...p })));
  const byTarget = ports.find((p) => p.targetPort === wanted && p.name);
  if (byTarget) return `; \`${wanted}\` is the targetPort of port \`${byTarget.name}\` of Service \`${byTarget.service}\`, and \`port\` names the Service port: use \`${byTarget.name}\``;
  const byNumber = ports.find((p) => String(p.port) === wanted);
  if (byNumber) return byNumber.name ? `; \`port\` takes the Service port's name, not its number: use \`${byNumber.name}\`` : `; \`port\` takes a Service port name, and port \`${byNumber.port}\` of Service \`${byNumber.service}\` has none: name it`;
  return didYouMean(wanted, ports.flatMap((p) => (p.name ? [p.name] : []))) || `; Service ports: ${list(ports.map((p) => (p.name ? `\`${p.name}\` (${p.port})` : `\`${p.port}\` (unnamed)`)))}`;
}

type Endpoint = Record<string, unknown>;

function endpointsOf(resource: Resource, field: string): Array<[Endpoint, number]> {
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  const endpoints = Array.isArray(spec[field]) ? spec[field] : [];
  return endpoints.flatMap((e, i): Array<[Endpoint, number]> => (isRecord(e) ? [[e, i]] : []));
}

/** The container port an endpoint names: `port` (name) first, then `portNumber`, then `targetPort`. */
function containerTarget(endpoint: Endpoint, podMonitor: boolean): [string, string | number] | undefined {
  if (podMonitor && typeof endpoint.port === 'string' && endpoint.port !== '') return ['port', endpoint.port];
  if (podMonitor && typeof endpoint.portNumber === 'number') return ['portNumber', endpoint.portNumber];
  const target = endpoint.targetPort;
  if ((typeof target === 'string' && target !== '') || typeof target === 'number') return ['targetPort', target];
  return undefined;
}

export default defineRule({
  id: 'monitor-port-mismatch',
  severity: 'error',
  kinds: [`${MONITORING_GROUP}/ServiceMonitor`, `${MONITORING_GROUP}/PodMonitor`],
  ecosystem: 'prometheus-operator',
  crossResource: true,
  description: 'ServiceMonitor or PodMonitor endpoint port that the selected Services or pods do not declare',
  docs: {
    why:
      'prometheus-operator filters the discovered targets by the port an endpoint names (pkg/prometheus/promcfg.go): ' +
      'a ServiceMonitor `endpoints[].port` keeps only endpoints whose Service port has that **name** ' +
      '(`__meta_kubernetes_endpoint_port_name`), and `targetPort` (used when `port` is absent) those whose container ' +
      'port has that name or number; a PodMonitor `podMetricsEndpoints[].port` keeps pods\' container ports of that ' +
      'name, `portNumber` of that number ("The Pod must declare the specified Port in its spec or the target will be ' +
      'dropped"). A port nothing declares leaves the job without targets, silently. The usual slips: the Service ' +
      'port number or the container port name in `port`, or an unnamed Service port. The rule checks only monitors ' +
      'that select something (`monitor-selector-mismatch` owns the rest), and `targetPort` only against the pods of ' +
      'Services that have a pod selector.',
    fix:
      'Set `port` to the `name` of a port of the selected Services (name the port if it has none), or to a ' +
      'declared container port name for a PodMonitor; or declare the port.',
  },
  messages: {
    servicePort: '{{monitor}} scrapes Service port `{{port}}`, but no selected Service ({{services}}) has a port of that name{{hint}}',
    containerPort: '{{monitor}} scrapes container port `{{port}}` ({{field}}), but the selected pods ({{owners}}) declare none such; declared: {{declared}}{{hint}}',
  },
  check({ resource, index, report }) {
    const podMonitor = resource.kind === 'PodMonitor';
    const field = podMonitor ? 'podMetricsEndpoints' : 'endpoints';
    const services = podMonitor ? [] : monitoredServices(index, resource);
    const pods = podMonitor ? monitoredPods(index, resource) : [...new Set(services.flatMap((s) => servicePods(index, s)))];
    if (!podMonitor && services.length === 0) return;
    const declared = pods.flatMap(declaredPorts);
    for (const [endpoint, i] of endpointsOf(resource, field)) {
      const at = (key: string) => resource.node('spec', field, i, key as PathSegment);
      if (!podMonitor && typeof endpoint.port === 'string' && endpoint.port !== '') {
        const port = endpoint.port;
        if (services.some((s) => servicePortList(s).some((p) => p.name === port))) continue;
        report(at('port'), 'servicePort', { monitor: resource.label, port, services: list(services.map((s) => `\`${s.name}\``)), hint: servicePortHint(port, services) });
        continue;
      }
      const target = containerTarget(endpoint, podMonitor);
      if (!target || pods.length === 0) continue;
      const [key, port] = target;
      const byName = typeof port === 'string' && !/^\d+$/.test(port);
      if (declared.some((p) => (byName ? p.name === port : p.number === Number(port)))) continue;
      const hint = byName ? didYouMean(port as string, declared.flatMap((p) => (p.name ? [p.name] : []))) : '';
      report(at(key), 'containerPort', { monitor: resource.label, port, field: key, owners: owners(pods), declared: list(declared.map(portLabel)), hint });
    }
  },
});
