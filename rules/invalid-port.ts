import { defineRule, dns1123LabelProblem, isPortNumber, isRecord, portNameProblem, type PodTemplate, type Resource, type RuleContext } from '../src/rule-api.js';

const GROUP_LABEL = { containers: 'container', initContainers: 'init container', ephemeralContainers: 'ephemeral container' };
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

type Messages = 'range' | 'portName' | 'serviceName' | 'duplicateName' | 'nameRequired' | 'duplicatePort' | 'nodePort' | 'nodePortClusterIP' | 'hostNetwork';
type Report = RuleContext<Messages>['report'];

const outOfRange = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && !isPortNumber(value);

function checkContainers(resource: Resource, template: PodTemplate, report: Report): void {
  const hostNetwork = template.spec.hostNetwork === true;
  const { containers } = template;
  // Indexed loops, and the subject and paths only for a finding: every workload's ports pass here, cold.
  for (let c = 0; c < containers.length; c++) {
    const { container, group, path } = containers[c];
    let text: string | undefined;
    const subject = () => (text ??= `${resource.label} ${GROUP_LABEL[group]} \`${String(container.name)}\``);
    const names = new Set<string>();
    const ports: unknown = container.ports;
    if (!Array.isArray(ports)) continue;
    for (let i = 0; i < ports.length; i++) {
      const port: unknown = ports[i];
      if (!isRecord(port)) continue;
      const at = (field: string) => resource.node(...path, 'ports', i, field);
      const { name, containerPort, hostPort } = port;
      if (typeof name === 'string' && name !== '') {
        const reason = portNameProblem(name);
        if (reason !== undefined) report(at('name'), 'portName', { subject: subject(), field: 'port name', name, reason, hint: '' });
        else if (names.has(name)) report(at('name'), 'duplicateName', { subject: subject(), name, scope: 'within a container' });
        else names.add(name);
      }
      if (outOfRange(containerPort)) report(at('containerPort'), 'range', { subject: subject(), field: 'containerPort', value: containerPort });
      if (outOfRange(hostPort) && hostPort !== 0) report(at('hostPort'), 'range', { subject: subject(), field: 'hostPort', value: hostPort });
      // validateHostNetwork: on the host network a container port is a host port; SetDefaults_PodSpec fills an unset one.
      else if (hostNetwork && group === 'containers' && typeof hostPort === 'number' && hostPort !== 0 && typeof containerPort === 'number' && hostPort !== containerPort) {
        report(at('hostPort'), 'hostNetwork', { subject: subject(), hostPort, containerPort });
      }
    }
  }
}

function checkService(resource: Resource, report: Report): void {
  const spec = (resource.value as { spec?: unknown }).spec;
  const ports = isRecord(spec) && Array.isArray(spec.ports) ? spec.ports : [];
  const subject = `Service \`${resource.name}\``;
  const names = new Set<string>();
  const pairs = new Set<string>();
  // SetDefaults_Service: a Service without `type` is a ClusterIP Service.
  const type = isRecord(spec) ? spec.type : undefined;
  const clusterIP = type === undefined || type === null || type === '' || type === 'ClusterIP';
  ports.forEach((port: unknown, i) => {
    if (!isRecord(port)) return;
    const at = ['spec', 'ports', i];
    const { name, port: number, targetPort, nodePort } = port;
    if (typeof name === 'string' && name !== '') {
      const reason = dns1123LabelProblem(name);
      if (reason !== undefined) report(resource.node(...at, 'name'), 'serviceName', { subject, name, reason });
      if (names.has(name)) report(resource.node(...at, 'name'), 'duplicateName', { subject, name, scope: 'within a Service' });
      names.add(name);
    } else if (ports.length > 1 && (name === undefined || name === '' || name === null)) {
      report(resource.node(...at, 'name'), 'nameRequired', { subject, port: String(number) });
    }
    if (outOfRange(number)) report(resource.node(...at, 'port'), 'range', { subject, field: 'port', value: number });
    if (outOfRange(targetPort) && targetPort !== 0) report(resource.node(...at, 'targetPort'), 'range', { subject, field: 'targetPort', value: targetPort });
    if (typeof targetPort === 'string' && targetPort !== '') {
      const reason = portNameProblem(targetPort);
      const hint = /^\d+$/.test(targetPort) ? `; write the number without quotes (\`targetPort: ${targetPort}\`)` : '';
      if (reason !== undefined) report(resource.node(...at, 'targetPort'), 'portName', { subject, field: 'targetPort', name: targetPort, reason, hint });
    }
    if (typeof nodePort === 'number' && nodePort !== 0 && clusterIP) {
      report(resource.node(...at, 'nodePort'), 'nodePortClusterIP', { subject, port: String(name ?? number), value: nodePort });
    } else if (typeof nodePort === 'number' && nodePort !== 0 && (nodePort < NODE_PORT_MIN || nodePort > NODE_PORT_MAX)) {
      report(resource.node(...at, 'nodePort'), 'nodePort', { subject, value: nodePort }, { severity: 'warn' });
    }
    if (typeof number !== 'number') return;
    const pair = `${number}/${typeof port.protocol === 'string' && port.protocol !== '' ? port.protocol : 'TCP'}`;
    if (pairs.has(pair)) report(resource.node(...at, 'port'), 'duplicatePort', { subject, pair });
    pairs.add(pair);
  });
}

export default defineRule({
  id: 'invalid-port',
  severity: 'error',
  podTemplateOr: ['/Service'],
  description: 'Container or Service port whose number or name the API server rejects',
  docs: {
    why:
      'The API server validates ports beyond what the OpenAPI schema says (pkg/apis/core/validation). Container ' +
      'ports (`validateContainerPorts`): `containerPort` 1-65535, `hostPort` 0 or 1-65535, and a `name` that is an ' +
      'IANA service name (`IsValidPortName`: at most 15 characters, lowercase letters, digits and `-`, at least one ' +
      'letter, no leading, trailing or doubled `-`), unique within the container; under `hostNetwork: true` a `hostPort` ' +
      'equal to its `containerPort` (`validateHostNetwork`). Service ports ' +
      '(`validateServicePort`, `ValidateService`): `port` 1-65535; a name is required on every port when there are ' +
      'several, must be a DNS-1123 label and unique; `targetPort` is a number 1-65535 or an IANA port name (a quoted ' +
      '`"8080"` is a name, and an invalid one); each `port`/`protocol` pair may appear once. Any of these rejects the ' +
      'whole object, as does a `nodePort` on a `ClusterIP` Service, the type an omitted `type` defaults to ' +
      '("may not be used when `type` is \'ClusterIP\'"). A `nodePort` must lie in the API server\'s ' +
      '`--service-node-port-range`, 30000-32767 unless the cluster changed it: that is reported as a warning.',
    fix: 'Use port numbers 1-65535, short lowercase port names such as `http` or `metrics`, distinct names, and unquoted numeric targetPorts.',
  },
  messages: {
    range: '{{subject}} {{field}} `{{value}}` is not a valid port number (1-65535)',
    portName: '{{subject}} {{field}} `{{name}}` is not a valid IANA port name: {{reason}}{{hint}}',
    serviceName: '{{subject}} port name `{{name}}` is not a DNS-1123 label: {{reason}}',
    duplicateName: '{{subject}} uses port name `{{name}}` more than once; port names must be unique {{scope}}',
    nameRequired: '{{subject}} port `{{port}}` has no name; every port of a Service with several ports needs a unique name',
    duplicatePort: '{{subject}} declares port `{{pair}}` more than once; each port and protocol pair must be unique',
    hostNetwork: '{{subject}} hostPort `{{hostPort}}` differs from containerPort `{{containerPort}}`, which the API server rejects under `hostNetwork: true` (the container listens on the host directly); remove hostPort or make it equal',
    nodePortClusterIP: '{{subject}} port `{{port}}` sets nodePort `{{value}}`, which the API server forbids on a `ClusterIP` Service (the default type); set `type: NodePort` or `LoadBalancer`, or remove the nodePort',
    nodePort: '{{subject}} nodePort `{{value}}` is outside the default NodePort range 30000-32767; the API server rejects it unless its `--service-node-port-range` includes it',
  },
  check({ resource, index, report }) {
    if (resource.kind === 'Service' && resource.group === '') return checkService(resource, report);
    const template = index.podTemplate(resource);
    if (template) checkContainers(resource, template, report);
  },
});
