import { containerLabel, containerLabelFrom, defineRule, formatHostPort, hostPortConflicts, hostPortUses, podCount } from '../src/rule-api.js';

export default defineRule({
  id: 'host-port-conflict',
  severity: 'warn',
  podTemplateOnly: true,
  description: 'Host port that two pods would need on the same node',
  docs: {
    why:
      "A `hostPort` (or, with `hostNetwork: true`, every containerPort, which the API server copies into `hostPort`: " +
      '`defaultHostNetworkPorts`) is a port of the node, in every namespace. The scheduler\'s NodePorts filter puts a ' +
      'pod only on a node where no scheduled pod already holds the same port and protocol on an overlapping address ' +
      '(`HostPortInfo.CheckConflict`: an empty `hostIP` is 0.0.0.0 and overlaps every address). A pod that finds no ' +
      'such node stays `Pending` with `node(s) didn\'t have free ports for the requested pod ports`. So two pod ' +
      'templates with the same host port never share a node, and the replicas of one Deployment (or Job, or ' +
      'HorizontalPodAutoscaler target) need a node each. It is a warning because enough nodes make it work; a ' +
      'DaemonSet alone is fine (one pod per node), but a DaemonSet and any other pod on its port collide on every ' +
      'node.',
    fix: 'Expose the pods through a Service (NodePort or LoadBalancer) instead of a hostPort, give each workload its own port, or run the port on a DaemonSet only.',
  },
  messages: {
    shared: '{{subject}} uses host port `{{port}}`{{via}}, which {{others}} also use{{s}}; pods of both never share a node and stay Pending where the port is taken; use distinct host ports or a Service',
    replicas: '{{subject}} uses host port `{{port}}`{{via}} in {{pods}}; no two of them can share a node, so each needs a node of its own (the rest stay Pending); use a Service or a DaemonSet',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    const count = podCount(index, template);
    if (count.count === 0) return;
    for (const use of hostPortUses(template)) {
      const subject = containerLabel(template, use.ref);
      const port = formatHostPort(use);
      const via = use.path[use.path.length - 1] === 'containerPort' ? ' (hostNetwork)' : '';
      const conflicts = hostPortConflicts(index, use);
      if (conflicts.length > 0) {
        const names = [...new Set(conflicts.map((c) => containerLabelFrom(template.namespace, c.template, c.ref)))];
        report(resource.node(...use.path), 'shared', { subject, port, via, others: names.join(', '), s: names.length === 1 ? 's' : '' });
      } else if (count.count !== undefined && count.count > 1) {
        report(resource.node(...use.path), 'replicas', { subject, port, via, pods: count.text });
      }
    }
  },
});
