import { defineRule, didYouMean, formatLabels, isHeadless, isRecord, matchesLabels, plainSelector, type Resource } from '../src/rule-api.js';

export default defineRule({
  id: 'statefulset-service-mismatch',
  severity: 'warn',
  kinds: ['apps/StatefulSet'],
  description: 'StatefulSet serviceName names no Service, a Service that is not headless, or one that does not select its pods',
  crossResource: true,
  docs: {
    why:
      'The StatefulSet controller sets each pod\'s `hostname` to the pod name and its `subdomain` to `spec.serviceName` ' +
      '(pkg/controller/statefulset/stateful_set_utils.go). The EndpointSlice controller copies that hostname into the ' +
      'endpoints of the Service of that name only when the Service selects the pod (pkg/controller/util/endpoint ' +
      '`ShouldSetHostname`: same namespace and `subdomain == service name`), and cluster DNS publishes ' +
      '`<pod>.<service>.<namespace>.svc` only for headless Services (`clusterIP: None`; kubernetes/dns ' +
      'specification, records for a headless Service). Without such a Service, the stable per-pod names that ' +
      'clustered databases and brokers use to find their peers (`db-0.db`) do not resolve, so replicas cannot join ' +
      'and clients fail with NXDOMAIN. The API server never checks the Service, and never required the field: ' +
      'kubernetes/kubernetes#130233 (2025) marked `serviceName` optional in the API, so an unset one is not reported. ' +
      'A headless Service that selects no pod at all is left to `service-selector-mismatch`.',
    fix:
      'Create a headless Service (`clusterIP: None`) named like `serviceName` in the StatefulSet\'s namespace whose ' +
      'selector matches the pod template labels, or point `serviceName` at one. `clusterIP` cannot be changed in place: ' +
      'add a separate headless Service rather than editing a normal one.',
  },
  messages: {
    missing: 'StatefulSet `{{sts}}` has `serviceName: {{service}}`, but no Service `{{service}}` exists in namespace `{{namespace}}`, so its pods get no DNS names such as `{{pod}}.{{service}}`{{hint}}',
    notHeadless:
      'StatefulSet `{{sts}}` has `serviceName: {{service}}`, but Service `{{service}}` is not headless ({{why}}), so its pods get no DNS names such as `{{pod}}.{{service}}`; {{fix}}',
    notSelected:
      'StatefulSet `{{sts}}` has `serviceName: {{service}}`, but the selector `{{selector}}` of headless Service `{{service}}` does not match its pod labels `{{labels}}`, so its pods get no DNS names such as `{{pod}}.{{service}}`',
  },
  check({ resource, index, report }) {
    const spec = resource.value.spec;
    if (!isRecord(spec) || typeof spec.serviceName !== 'string' || spec.serviceName === '') return;
    const service = spec.serviceName;
    const namespace = resource.namespace!;
    const template = index.podTemplate(resource);
    const labels = template?.labels ?? {};
    const selects = (svc: Resource) => {
      const selector = plainSelector((svc.value.spec as { selector?: unknown } | undefined)?.selector);
      return selector !== undefined && Object.keys(selector).length > 0 && matchesLabels(selector, labels, template?.controllerLabels);
    };
    const start = isRecord(spec.ordinals) && typeof spec.ordinals.start === 'number' ? spec.ordinals.start : 0;
    const data = { sts: resource.name, service, namespace, pod: `${resource.name}-${start}` };
    const node = resource.node('spec', 'serviceName');
    const headlessFor = () => index.list('Service', namespace).find((s) => s.name !== service && isHeadless(s) && selects(s));

    const found = index.get('Service', namespace, service);
    if (!found) {
      if (index.exists('Service', namespace, service)) return;
      const candidate = headlessFor();
      const elsewhere = index.named('Service', service).find((s) => s.namespace !== namespace);
      const hint = candidate
        ? `; headless Service \`${candidate.name}\` selects its pods: set \`serviceName: ${candidate.name}\``
        : elsewhere
          ? `; a Service \`${service}\` exists in namespace \`${elsewhere.namespace}\`, but pod DNS names need one in the StatefulSet's namespace`
          : didYouMean(service, index.names('Service', namespace));
      report(node, 'missing', { ...data, hint });
      return;
    }
    if (!isHeadless(found)) {
      const svcSpec = isRecord(found.value.spec) ? found.value.spec : {};
      const why = svcSpec.type === 'ExternalName'
        ? '`type: ExternalName`'
        : typeof svcSpec.clusterIP === 'string' && svcSpec.clusterIP !== '' ? `\`clusterIP: ${svcSpec.clusterIP}\`` : 'no `clusterIP: None`';
      const candidate = headlessFor();
      const fix = candidate
        ? `headless Service \`${candidate.name}\` selects its pods: set \`serviceName: ${candidate.name}\``
        : `add a headless Service (\`clusterIP: None\`) for the pods and name it in \`serviceName\``;
      report(node, 'notHeadless', { ...data, why, fix });
      return;
    }
    const selector = plainSelector(isRecord(found.value.spec) ? found.value.spec.selector : undefined);
    if (!template || !selector || Object.keys(selector).length === 0 || selects(found)) return;
    if (index.podTemplatesMatching(selector, namespace).length === 0) return; // service-selector-mismatch owns it
    report(node, 'notSelected', { ...data, selector: formatLabels(selector), labels: formatLabels(labels) || 'none' });
  },
});
