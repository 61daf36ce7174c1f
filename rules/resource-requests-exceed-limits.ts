import { minorVersion, defineRule, isRecord, parseQuantity, type Path, type Resource, type RuleContext } from '../src/rule-api.js';

const GROUP_LABEL = { containers: 'container', initContainers: 'init container', ephemeralContainers: 'ephemeral container' };
/** Pod-level `spec.resources` (PodLevelResources) is beta and on by default from Kubernetes 1.34. */
const POD_LEVEL_RESOURCES_FROM = 34;

type Report = RuleContext<'exceeds' | 'notEqual'>['report'];

/** helper.IsOvercommitAllowed: native resources (no domain, or a `kubernetes.io/` one) except hugepages. */
function overcommitAllowed(name: string): boolean {
  return (!name.includes('/') || name.includes('kubernetes.io/')) && !name.startsWith('hugepages-');
}

function quantity(value: unknown): number | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const parsed = parseQuantity(value);
  return parsed.ok ? parsed.value : undefined;
}

/** -1, 0 or 1, treating float noise (`1` vs `1000m`) as equal. */
function compare(a: number, b: number): number {
  if (Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b))) return 0;
  return a < b ? -1 : 1;
}

/**
 * Reports the requests of `resources` over their limits; `subject` and `path` (of `resources`) are
 * built only for a finding (nearly every container has none).
 */
function checkRequirements(resource: Resource, report: Report, subject: () => string, path: () => Path, resources: unknown): void {
  if (!isRecord(resources) || !isRecord(resources.requests) || !isRecord(resources.limits)) return;
  const { requests, limits } = resources;
  const names = Object.keys(requests);
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    const request = requests[name];
    const limit = Object.hasOwn(limits, name) ? limits[name] : undefined;
    const requested = quantity(request);
    const limited = quantity(limit);
    if (requested === undefined || limited === undefined) continue; // absent, or invalid-quantity's
    const order = compare(requested, limited);
    if (order === 0 || (order < 0 && overcommitAllowed(name))) continue;
    const data = { subject: subject(), resource: name, request: String(request), limit: String(limit) };
    const node = resource.node(...path(), 'requests', name);
    if (!overcommitAllowed(name) && order !== 0) {
      report(node, 'notEqual', { ...data, kind: name.startsWith('hugepages-') ? 'hugepages' : 'extended resources' });
    } else if (order > 0) {
      report(node, 'exceeds', data);
    }
  }
}

export default defineRule({
  id: 'resource-requests-exceed-limits',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Container resource request greater than its limit (or different from it, for resources that cannot be overcommitted)',
  docs: {
    why:
      'The API server compares each request with the limit of the same resource (pkg/apis/core/validation ' +
      '`validateResourceRequirements`) and rejects the Pod or workload: "must be less than or equal to cpu limit ' +
      'of 500m". For resources that cannot be overcommitted (`helper.IsOvercommitAllowed`: hugepages-* and extended ' +
      'resources with a domain such as `nvidia.com/gpu`), request and limit must be equal ("must be equal to ' +
      'nvidia.com/gpu limit of 1"). Quantities are compared by value (`1` = `1000m`, `1Gi` > `1G`). Pod-level ' +
      '`spec.resources` is checked the same way from Kubernetes 1.34. Unparsable quantities are reported by ' +
      '`invalid-quantity`.',
    fix: 'Raise the limit or lower the request so that request <= limit (request = limit for hugepages and extended resources), or drop the request: it then defaults to the limit.',
  },
  messages: {
    exceeds: '{{subject}} requests {{resource}} `{{request}}`, more than its limit `{{limit}}`; a request may not exceed the limit',
    notEqual: '{{subject}} requests {{resource}} `{{request}}` but limits it to `{{limit}}`; {{kind}} cannot be overcommitted, so request and limit must be equal',
  },
  check({ resource, index, kubernetesVersion, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    const { containers } = template;
    for (let i = 0; i < containers.length; i++) {
      const { container, group, path } = containers[i];
      const subject = () => `${resource.label} ${GROUP_LABEL[group]} \`${String(container.name)}\``;
      checkRequirements(resource, report, subject, () => [...path, 'resources'], container.resources);
    }
    if (minorVersion(kubernetesVersion) >= POD_LEVEL_RESOURCES_FROM) {
      const subject = () => `${resource.label} (pod level)`;
      checkRequirements(resource, report, subject, () => [...template.path, 'spec', 'resources'], (template.spec as { resources?: unknown }).resources);
    }
  },
});
