import { closest, containerLabel, containerPorts, defineRule, isLongRunning, isPortNumber, portNameProblem, portReferences, type PortSite } from '../src/rule-api.js';

/** What the kubelet does when it cannot resolve the port, per place. */
const EFFECT: Record<PortSite, string> = {
  readinessProbe: 'the probe errors on every period and the container never becomes Ready',
  startupProbe: 'the probe errors on every period, so the container never counts as started and never becomes Ready',
  livenessProbe: 'the probe errors and its result is discarded, so a hung container is never restarted',
  postStart: 'the hook fails and the kubelet kills the container after every start',
  preStop: 'the hook fails and is skipped at every shutdown',
};
const SITE: Record<PortSite, string> = {
  readinessProbe: 'readinessProbe', startupProbe: 'startupProbe', livenessProbe: 'livenessProbe', postStart: 'postStart hook', preStop: 'preStop hook',
};
/** Where the pod keeps working: a warning rather than an error. */
const DEGRADED = new Set<PortSite>(['livenessProbe', 'preStop']);

function listPorts(ports: ReturnType<typeof containerPorts>): string {
  return ports.length === 0 ? 'it declares no ports' : `its ports: ${ports.map((p) => `\`${p.name ? `${p.name}=` : ''}${p.containerPort}\``).join(', ')}`;
}

export default defineRule({
  id: 'probe-port-mismatch',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Probe or httpGet hook names a port the container does not declare',
  docs: {
    why:
      'The kubelet resolves a probe or httpGet lifecycle hook `port` with `ResolveContainerPort` (pkg/probe/util.go): a ' +
      "number is used as is, a name is looked up in the probed container's own `ports` only (not its sidecars'), and " +
      'a missing name is an error (`port "http" not found`; older kubelets: `strconv.Atoi: parsing "http"`). A probe ' +
      'that errors is not a failure: the prober worker throws the result away (pkg/kubelet/prober/worker.go ' +
      '`doProbe`) and keeps the initial state. So a readinessProbe keeps the container unready forever (no endpoints, ' +
      'the rollout never completes), a startupProbe keeps it unstarted, which also disables its other probes, and a ' +
      'livenessProbe silently never fires (a warning: the pod runs, unguarded). A failing postStart hook makes the ' +
      'kubelet kill the container (`FailedPostStartHook`) after every start; a failing preStop hook is skipped (a ' +
      'warning). A numeric port is not resolved: the kubelet probes whatever listens there, and `ports` is only ' +
      'informational. A number that no container of the pod declares, in a container that declares other ports, is ' +
      'probably a typo and is reported as a warning; with `host` set the port is on another machine and is not checked. ' +
      'Probe port names that are not valid IANA names, or quoted numbers, are rejected by the API server first.',
    fix: "Use a name from the container's `ports` (the probed container, not a sidecar), its number, or declare the port.",
  },
  messages: {
    unknownName: '{{subject}} {{site}} uses port `{{port}}`, which the container does not declare ({{ports}}); {{effect}}{{hint}}',
    unlistedNumber: '{{subject}} {{site}} checks port `{{port}}`, which no container of the pod declares ({{ports}}){{hint}}',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    // Texts for messages and the pod's port list are built only for a finding.
    const { containers } = template;
    for (let i = 0; i < containers.length; i++) {
      const ref = containers[i];
      if (!isLongRunning(ref)) continue;
      const uses = portReferences(ref);
      if (uses.length === 0) continue;
      const ports = containerPorts(ref.container);
      for (const use of uses) {
        const site = SITE[use.site];
        if (typeof use.port === 'string') {
          if (portNameProblem(use.port) !== undefined || ports.some((p) => p.name === use.port)) continue;
          const listed = listPorts(ports);
          const subject = containerLabel(template, ref);
          const podPorts = template.containers.flatMap((other) => containerPorts(other.container).map((port) => ({ ref: other, port })));
          const sidecar = podPorts.find((p) => p.ref !== ref && p.port.name === use.port);
          const near = closest(use.port, ports.flatMap((p) => (p.name ? [p.name] : [])));
          const hint = sidecar
            ? `; container \`${String(sidecar.ref.container.name)}\` declares it, but names resolve only among the probed container's ports: use \`${sidecar.port.containerPort}\``
            : near !== undefined
              ? `; did you mean \`${near}\`?`
              : ports.length === 1 ? `; use \`${ports[0].name ?? ports[0].containerPort}\`` : '';
          const data = { subject, site, port: use.port, ports: listed, effect: EFFECT[use.site], hint };
          report(resource.node(...use.path), 'unknownName', data, DEGRADED.has(use.site) ? { severity: 'warn' } : undefined);
        } else if (typeof use.port === 'number' && isPortNumber(use.port) && use.host === undefined && ports.length > 0) {
          if (template.containers.some((other) => containerPorts(other.container).some((p) => p.containerPort === use.port))) continue;
          const listed = listPorts(ports);
          const subject = containerLabel(template, ref);
          const numbers = ports.map((p) => String(p.containerPort));
          const near = closest(String(use.port), numbers) ?? (numbers.length === 1 ? numbers[0] : undefined);
          const hint = near === undefined ? '' : `; did you mean \`${near}\`?`;
          report(resource.node(...use.path), 'unlistedNumber', { subject, site, port: use.port, ports: listed, hint }, { severity: 'warn' });
        }
      }
    }
  },
});
