import {
  closestLabelled, defineRule, firstUnmet, formatLabels, formatSelector, isEmptySelector, matchesSelector, monitoredPods, monitoredServices,
  MONITORING_GROUP, monitorScope, monitorSelector, objectLabels, plainSelector, scopePodTemplates, scopeServices, selectsClusterService, isRecord,
  type Labels, type MonitorScope, type Resource, type ResourceIndex,
} from '../src/rule-api.js';
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';

function where(scope: MonitorScope): string {
  if (scope.any) return 'any namespace';
  return `namespace${scope.namespaces.length > 1 ? 's' : ''} ${scope.namespaces.map((n) => `\`${n}\``).join(', ')}`;
}

/** A Service whose pod selector (not its own labels) matches: the classic ServiceMonitor slip. */
function byPodSelector(services: readonly Resource[], selector: LabelSelector): Resource | undefined {
  return services.find((s) => {
    const spec = isRecord(s.value.spec) ? s.value.spec : {};
    const pods = plainSelector(spec.selector);
    return pods !== undefined && Object.keys(pods).length > 0 && matchesSelector(selector, pods);
  });
}

/** Why nothing matched: a hint, the labels of the closest candidate (for the node), how many candidates there were. */
interface Miss {
  readonly hint: string;
  readonly closest?: Labels;
  readonly candidates: number;
}

const labelled = (labels: Labels) => (Object.keys(labels).length > 0 ? `\`${formatLabels(labels)}\`` : 'with nothing');
const addNamespace = (namespace?: string) => `: add \`${namespace}\` to \`namespaceSelector.matchNames\``;

function serviceMiss(index: ResourceIndex, monitor: Resource, selector: LabelSelector, scope: MonitorScope): Miss {
  const services = scopeServices(index, scope);
  const candidates = services.length;
  const meant = byPodSelector(services, selector);
  if (meant) {
    return { candidates, hint: `; Service \`${meant.name}\` selects pods with those labels, but a ServiceMonitor matches the Service's own \`metadata.labels\` (${labelled(objectLabels(meant))})` };
  }
  const elsewhere = index.list('Service').find((s) => !services.includes(s) && matchesSelector(selector, objectLabels(s)));
  if (elsewhere) return { candidates, hint: `; Service \`${elsewhere.name}\` of namespace \`${elsewhere.namespace}\` matches${addNamespace(elsewhere.namespace)}` };
  const closest = closestLabelled(selector, services, objectLabels, (s) => s.name, monitor.name);
  return closest ? { candidates, hint: `; Service \`${closest.name}\` is labelled ${labelled(objectLabels(closest))}`, closest: objectLabels(closest) } : { candidates, hint: '' };
}

function podMiss(index: ResourceIndex, monitor: Resource, selector: LabelSelector, scope: MonitorScope): Miss {
  const templates = scopePodTemplates(index, scope);
  const candidates = templates.length;
  const elsewhere = index.podTemplates().find((t) => !templates.includes(t) && matchesSelector(selector, t.labels, t.controllerLabels));
  if (elsewhere) return { candidates, hint: `; pods of ${elsewhere.owner.kind} \`${elsewhere.owner.name}\` in namespace \`${elsewhere.namespace}\` match${addNamespace(elsewhere.namespace)}` };
  const closest = closestLabelled(selector, templates, (t) => t.labels, (t) => t.owner.name, monitor.name);
  return closest ? { candidates, hint: `; pods of ${closest.owner.kind} \`${closest.owner.name}\` are labelled ${labelled(closest.labels)}`, closest: closest.labels } : { candidates, hint: '' };
}

export default defineRule({
  id: 'monitor-selector-mismatch',
  severity: 'error',
  kinds: [`${MONITORING_GROUP}/ServiceMonitor`, `${MONITORING_GROUP}/PodMonitor`],
  ecosystem: 'prometheus-operator',
  crossResource: true,
  description: 'ServiceMonitor or PodMonitor selector matches no Service or pod in the namespaces it watches',
  docs: {
    why:
      'prometheus-operator turns a ServiceMonitor into a Prometheus scrape job over the Endpoints of the Services ' +
      'whose own labels (`metadata.labels`, not the Service\'s pod selector) match `spec.selector`, and a PodMonitor ' +
      'into one over the pods whose labels match; `namespaceSelector` widens the search (`matchNames`, or `any: true`), ' +
      'otherwise only the monitor\'s own namespace is searched (pkg/prometheus/promcfg.go). When nothing matches, the ' +
      'job has no targets: no error anywhere, Prometheus silently scrapes nothing (the most asked prometheus-operator ' +
      'question). The rule reports an error when the namespaces searched hold Services (or pods) in the linted files ' +
      'and none matches; a warning when they hold none, or for `any: true`, since the targets may be deployed by other ' +
      'manifests; and nothing when none of the `matchNames` namespaces has a linted object, or when the selector ' +
      'matches a Service every cluster has (`default/kubernetes` of the API server, `kube-system/kube-dns`, the ' +
      'kubelet Service prometheus-operator maintains in `kube-system`).',
    fix:
      "Make `spec.selector` match the Service's `metadata.labels` (add the label to the Service) or the pod " +
      "template's labels, and list the target's namespace in `namespaceSelector.matchNames`.",
  },
  messages: {
    noMatch: '{{monitor}} selects {{what}} in {{where}}, but none matches, so Prometheus scrapes nothing from it{{hint}}',
  },
  check({ resource, index, report }) {
    const selector = monitorSelector(resource);
    if (!selector) return;
    const scope = monitorScope(resource);
    if (!scope.any && !scope.namespaces.some((ns) => index.hasNamespace(ns))) return;
    const services = resource.kind === 'ServiceMonitor';
    if ((services ? monitoredServices(index, resource) : monitoredPods(index, resource)).length > 0) return;
    if (services && selectsClusterService(resource)) return;
    const noun = services ? 'Services' : 'pods';
    const what = isEmptySelector(selector) ? `every ${noun.slice(0, -1)}` : `${noun} labelled \`${formatSelector(selector)}\``;
    const miss = (services ? serviceMiss : podMiss)(index, resource, selector, scope);
    const plural = !scope.any && scope.namespaces.length > 1;
    const hint = miss.hint || (miss.candidates === 0 ? `; ${where(scope)} ${plural ? 'have' : 'has'} no ${noun} in the linted files` : '');
    const path = miss.closest ? firstUnmet(selector, miss.closest) : [];
    const node = path.length > 0 ? resource.node('spec', 'selector', ...path) : resource.key('spec', 'selector');
    report(node, 'noMatch', { monitor: resource.label, what, where: where(scope), hint }, scope.any || miss.candidates === 0 ? { severity: 'warn' } : undefined);
  },
});
