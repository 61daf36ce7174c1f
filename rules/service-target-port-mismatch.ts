import { containerPorts, defineRule, didYouMean, edit, isRecord, plainSelector, portNameProblem, servicePorts, type PodTemplate, type ServicePort } from '../src/rule-api.js';

/** A port that can receive Service traffic. */
interface ServedPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: string;
  readonly container: string;
  readonly sidecar: boolean;
}

/** Ports of app containers and of sidecars (init containers with `restartPolicy: Always`). */
function servedPorts(template: PodTemplate): ServedPort[] {
  return template.containers
    .filter(({ group, container }) => group === 'containers' || (group === 'initContainers' && container.restartPolicy === 'Always'))
    .flatMap(({ group, container }) =>
      containerPorts(container).flatMap((p) =>
        p.containerPort === undefined ? [] : [{ name: p.name, port: p.containerPort, protocol: p.protocol, container: String(container.name), sidecar: group !== 'containers' }]),
    );
}

/** An ordinary init container declaring `target`: it has exited before the pod receives traffic. */
function initContainerWith(templates: readonly PodTemplate[], target: string | number): string | undefined {
  const ref = templates
    .flatMap((t) => t.containers)
    .find(({ group, container }) => group === 'initContainers' && container.restartPolicy !== 'Always' &&
      containerPorts(container).some((p) => (typeof target === 'string' ? p.name === target : p.containerPort === target)));
  return ref?.container.name;
}

function formatPorts(ports: readonly ServedPort[]): string {
  return [...new Set(ports.map((p) => (p.name ? `\`${p.name}\` (${p.port}/${p.protocol})` : `\`${p.port}/${p.protocol}\``)))].join(', ');
}

/** The one port of the selected pods that `protocol` traffic could have been meant for, if there is exactly one. */
function onlyPort(served: readonly ServedPort[], protocol: string): ServedPort | undefined {
  const ports = served.filter((s) => s.protocol === protocol);
  return ports.length > 0 && ports.every((s) => s.port === ports[0].port && s.name === ports[0].name) ? ports[0] : undefined;
}

/** Named ports of sidecars resolve in EndpointSlices from Kubernetes 1.33 (kubernetes/kubernetes#128850). */
function sidecarNamesResolve(version: string): boolean {
  const [major, minor] = version.split('.').map(Number);
  return major > 1 || minor >= 33;
}

/**
 * Whether `check` has nothing to say about `port`: an app container of a selected pod declares its
 * target and protocol (or the target is not checked). Builds nothing; anything else (sidecars,
 * findings) goes through the full check.
 */
function servedByAppContainer(templates: readonly PodTemplate[], port: ServicePort): boolean {
  const { targetPort: target, protocol } = port;
  if (typeof target !== 'number' && typeof target !== 'string') return true;
  const named = typeof target === 'string';
  for (const template of templates) {
    for (const { group, container } of template.containers) {
      if (group !== 'containers' || !Array.isArray(container.ports)) continue;
      for (const declared of containerPorts(container)) {
        if (declared.containerPort !== undefined && declared.protocol === protocol && (named ? declared.name === target : declared.containerPort === target)) return true;
      }
    }
  }
  return named && portNameProblem(target) !== undefined;
}

export default defineRule({
  id: 'service-target-port-mismatch',
  severity: 'error',
  kinds: ['Service'],
  crossResource: true,
  fixable: true,
  description: 'Service targetPort is not a port of the pods it selects',
  docs: {
    why:
      'The EndpointSlice controller resolves each Service port per pod (`findPort` in k8s.io/endpointslice): a ' +
      'named `targetPort` must equal the `name` of a port with the same `protocol` in `containers` or, from ' +
      'Kubernetes 1.33 (kubernetes/kubernetes#127958, #128850), in a sidecar (an init container with ' +
      '`restartPolicy: Always`); ordinary init containers never count. A pod without that port is left out of ' +
      'the endpoints for that Service port, so the rule reports only when no selected pod template defines it: ' +
      'then the port has no endpoints and connections fail. A numeric `targetPort` is used as is, so traffic ' +
      'reaches that port whether or not it is declared: the rule reports it when the selected containers declare ' +
      'their ports and none of them lists it (with that protocol), and only warns when a selected template ' +
      'declares none, since `containerPort` is then informational. An omitted, `0` or `""` `targetPort` defaults to `port` ' +
      '(`SetDefaults_Service`; the diagnostic then points at `port`); `protocol` defaults to TCP on both sides. A `targetPort` that is not a valid port name (such as the quoted number ' +
      '`"8080"`) is left to `invalid-port`: the API server rejects the Service. Services without a selector and `ExternalName` Services are not checked, and ' +
      'Services that select no pods are left to `service-selector-mismatch`.',
    fix:
      'Set `targetPort` to a `containerPort` number or port `name` that a selected container declares with the ' +
      "same protocol, or declare that port in the pod template's `containers`. When the selected pods declare " +
      'exactly one port with that protocol, `--fix` points `targetPort` at it (by name when the target was a name).',
  },
  messages: {
    noPort: 'Service `{{service}}` port {{port}} targets `{{target}}`, but {{owners}} {{ports}}{{suggestion}}',
    protocol: 'Service `{{service}}` port {{port}}/{{protocol}} targets `{{target}}`, but {{owners}} declare it only as {{declared}}',
    sidecarName:
      'Service `{{service}}` port {{port}} targets `{{target}}`, a named port of sidecar `{{container}}`, but Kubernetes {{version}} resolves named ports of sidecars only from 1.33; target `{{number}}` instead',
    undeclared: 'Service `{{service}}` port {{port}} targets `{{target}}`, which {{owners}} do not declare as a containerPort',
  },
  check({ resource, index, kubernetesVersion, report }) {
    if (resource.group !== '') return;
    const spec = resource.value.spec as { type?: string; selector?: unknown; ports?: unknown } | undefined;
    if (spec?.type === 'ExternalName' || !Array.isArray(spec?.ports)) return;
    const selector = plainSelector(spec.selector);
    if (!selector || Object.keys(selector).length === 0) return;
    const templates = index.podTemplatesMatching(selector, resource.namespace!);
    if (templates.length === 0) return; // service-selector-mismatch owns that failure
    const ports = servicePorts(spec);
    if (ports.every((p) => servedByAppContainer(templates, p))) return;
    const perTemplate = templates.map(servedPorts);
    const served = perTemplate.flat();
    const sidecarsResolve = sidecarNamesResolve(kubernetesVersion);

    for (const p of ports) {
      const { targetPort: target, protocol } = p;
      if (typeof target !== 'number' && typeof target !== 'string') continue;
      const named = typeof target === 'string';
      if (named && portNameProblem(target) !== undefined) continue; // invalid-port: the API server rejects the Service
      const same = served.filter((s) => (named ? s.name === target : s.port === target));
      const usable = same.filter((s) => s.protocol === protocol);
      if (usable.some((s) => !named || !s.sidecar || sidecarsResolve)) continue;
      const node = resource.node('spec', 'ports', p.index, p.targetPortWritten ? 'targetPort' : 'port');
      const owners = `the containers of ${[...new Set(templates.map((t) => t.owner.label))].join(', ')}`;
      const data = { service: resource.name, port: p.port, target, owners };

      if (usable.length > 0) {
        const { container, port } = usable[0];
        report(node, 'sidecarName', { ...data, container, version: kubernetesVersion, number: port });
      } else if (same.length > 0) {
        report(node, 'protocol', { ...data, protocol, declared: formatPorts(same) });
      } else if (!named && perTemplate.some((ports) => ports.length === 0)) {
        report(node, 'undeclared', data, { severity: 'warn' });
      } else {
        const candidates = served.filter((s) => s.protocol === protocol).flatMap((s) => (named ? (s.name ? [s.name] : []) : [String(s.port)]));
        const init = initContainerWith(templates, target);
        const suggestion = init !== undefined
            ? `; init container \`${init}\` declares it, but only sidecars (\`restartPolicy: Always\`) receive traffic`
            : didYouMean(String(target), candidates);
        const only = onlyPort(served, protocol);
        const value = only && (named && only.name && (!only.sidecar || sidecarsResolve) ? only.name : only.port);
        // A defaulted targetPort (absent, `0` or `""`) is written out; a written one is replaced.
        const entry = isRecord(spec) && Array.isArray(spec.ports) ? spec.ports[p.index] : undefined;
        const hasKey = isRecord(entry) && entry.targetPort !== undefined;
        const fix = value === undefined ? undefined
          : [hasKey ? edit.replace(resource.node('spec', 'ports', p.index, 'targetPort'), value) : edit.insertKey(resource.node('spec', 'ports', p.index), 'targetPort', value)];
        report(node, 'noPort', { ...data, ports: served.length > 0 ? `listen on ${formatPorts(served)}` : 'declare no ports', suggestion }, fix && { fix });
      }
    }
  },
});
