import { defineRule, isQualifiedName, isRecord, isTemplated, parseQuantity, type Path, type PodTemplate, type Resource } from '../src/rule-api.js';

interface Checks {
  /** `ValidateNonnegativeQuantity` applies (requests, limits, quota, claims, emptyDir). */
  readonly nonNegative?: boolean;
  /** Extended resources (`vendor.com/gpu`) must be whole numbers (`IsIntegerResourceName`). */
  readonly integer?: boolean;
}

const RESOURCE_LISTS = ['requests', 'limits'] as const;
const LIMIT_RANGE_LISTS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;
const METRIC_SOURCES = ['resource', 'containerResource', 'pods', 'object', 'external'] as const;
const CONTAINER_NOUN = { containers: 'container', initContainers: 'init container', ephemeralContainers: 'ephemeral container' } as const;

/** `IsExtendedResourceName`: a `domain/name` outside `kubernetes.io`, usable as a quota key. */
function isExtendedResource(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;
}

function get(value: unknown, path: Path): unknown {
  let current = value;
  for (let i = 0; i < path.length; i++) current = isRecord(current) || Array.isArray(current) ? (current as Record<string | number, unknown>)[path[i]] : undefined;
  return current;
}

/** Whether `checkValue` may report `value`: false for the valid quantities nearly every object holds. */
function suspect(value: unknown, checks: Checks, resourceName?: string): boolean {
  if ((typeof value !== 'string' && typeof value !== 'number') || (typeof value === 'string' && isTemplated(value))) return false;
  const parsed = parseQuantity(value);
  return !parsed.ok || (parsed.value < 0 && checks.nonNegative === true) || (checks.integer === true && resourceName !== undefined && isExtendedResource(resourceName));
}

function suspectList(list: unknown, checks: Checks): boolean {
  if (!isRecord(list)) return false;
  const names = Object.keys(list);
  for (let i = 0; i < names.length; i++) if (suspect(list[names[i]], checks, names[i])) return true;
  return false;
}

const POD_RESOURCES: Checks = { nonNegative: true, integer: true };
const NON_NEGATIVE: Checks = { nonNegative: true };

function suspectResources(resources: unknown, checks: Checks): boolean {
  return isRecord(resources) && (suspectList(resources.requests, checks) || suspectList(resources.limits, checks));
}

/**
 * Whether `check` may report anything on this object: the same values, read in place, so that a
 * clean object (nearly all) costs no path, owner text or message. Kinds few runs hold many of are
 * always checked in full.
 */
function mayReport(resource: Resource, template: PodTemplate | undefined, kind: string): boolean {
  if (template) {
    const { containers } = template;
    for (let i = 0; i < containers.length; i++) if (suspectResources(containers[i].container.resources, POD_RESOURCES)) return true;
    const spec = template.spec as unknown as Record<string, unknown>;
    if (suspectResources(spec.resources, POD_RESOURCES)) return true;
    const volumes = Array.isArray(spec.volumes) ? spec.volumes : [];
    for (let i = 0; i < volumes.length; i++) {
      const volume: unknown = volumes[i];
      if (suspect(get(volume, ['emptyDir', 'sizeLimit']), NON_NEGATIVE)) return true;
      if (suspectResources(get(volume, ['ephemeral', 'volumeClaimTemplate', 'spec', 'resources']), NON_NEGATIVE)) return true;
    }
  }
  if (kind === '/PersistentVolumeClaim') return suspectResources(get(resource.value, ['spec', 'resources']), NON_NEGATIVE);
  return CHECKED_KINDS.has(kind);
}

/** Kinds with quantities of their own besides PersistentVolumeClaim (rare in a run: checked in full). */
const CHECKED_KINDS = new Set(['apps/StatefulSet', '/PersistentVolume', '/ResourceQuota', '/LimitRange', 'autoscaling/HorizontalPodAutoscaler']);

export default defineRule({
  id: 'invalid-quantity',
  severity: 'error',
  podTemplateOr: ['/PersistentVolumeClaim', ...CHECKED_KINDS],
  description: 'Resource quantity that the API server cannot parse or refuses',
  docs: {
    why:
      'Quantities (`cpu: 500m`, `memory: 1.5Gi`, `storage: 10G`) are decoded by `ParseQuantity` ' +
      '(apimachinery/pkg/api/resource/quantity.go): a signed decimal number followed by one of the ' +
      'case-sensitive suffixes `n u m k M G T P E` (powers of 1000), `Ki Mi Gi Ti Pi Ei` (powers of ' +
      '1024) or an exponent `e3`. `512mb`, `1GB`, `500mi`, `1K` and `1 Gi` do not parse, so the API ' +
      'server refuses the whole object ("quantities must match the regular expression ..." or ' +
      '"unable to parse quantity\'s suffix"). Checked: container and pod-level requests and limits, ' +
      'emptyDir `sizeLimit`, ephemeral and StatefulSet claim templates, PersistentVolumeClaim ' +
      'requests, PersistentVolume capacity, ResourceQuota `hard`, LimitRange limits and ' +
      'HorizontalPodAutoscaler targets. Requests, limits, quotas, claims and `sizeLimit` must also ' +
      'not be negative (`ValidateNonnegativeQuantity`), and an extended resource such as ' +
      '`nvidia.com/gpu` must be a whole number (`ValidateResourceQuantityValue`: "must be an integer").',
    fix: 'Write memory and storage as `512Mi`, `1Gi` (or `512M`, `1G` for powers of 1000) and CPU as `250m` or `0.25`.',
  },
  messages: {
    invalid: '{{owner}} sets `{{field}}` to `{{value}}`, which is not a valid quantity: {{reason}}{{suggestion}}',
    negative: '{{owner}} sets `{{field}}` to `{{value}}`, but it must not be negative',
    notInteger: '{{owner}} sets `{{field}}` to `{{value}}`, but extended resource `{{resource}}` must be a whole number',
  },
  check({ resource, index, report }) {
    const kind = `${resource.group}/${resource.kind}`;
    const template = index.podTemplate(resource);
    if (!mayReport(resource, template, kind)) return;
    const label = resource.label;

    const checkValue = (path: Path, owner: string, field: string, checks: Checks, resourceName?: string) => {
      const value = get(resource.value, path);
      if ((typeof value !== 'string' && typeof value !== 'number') || (typeof value === 'string' && isTemplated(value))) return;
      const parsed = parseQuantity(value);
      if (parsed.ok && !(parsed.value < 0 && checks.nonNegative) && !(checks.integer && resourceName && isExtendedResource(resourceName))) return;
      const data = { owner, field, value: String(value) };
      if (!parsed.ok) {
        const alternative = parsed.alternative ? ` (or \`${parsed.alternative}\`)` : '';
        const suggestion = parsed.suggestion ? `; did you mean \`${parsed.suggestion}\`${alternative}?` : '';
        report(resource.node(...path), 'invalid', { ...data, reason: parsed.reason, suggestion });
      } else if (checks.nonNegative && parsed.value < 0) {
        report(resource.node(...path), 'negative', data);
      } else if (checks.integer && resourceName && isExtendedResource(resourceName) && Math.abs(parsed.value - Math.round(parsed.value)) > 1e-9) {
        report(resource.node(...path), 'notInteger', { ...data, resource: resourceName });
      }
    };
    const checkList = (path: Path, owner: string, field: string, checks: Checks) => {
      const list = get(resource.value, path);
      if (!isRecord(list)) return;
      for (const name of Object.keys(list)) checkValue([...path, name], owner, `${field}.${name}`, checks, name);
    };
    const checkClaim = (path: Path, owner: string, field: string) => {
      for (const list of RESOURCE_LISTS) checkList([...path, 'resources', list], owner, `${field}resources.${list}`, { nonNegative: true });
    };

    if (template) {
      for (const { container, group, path } of template.containers) {
        const owner = `${label} ${CONTAINER_NOUN[group]} \`${String(container.name)}\``;
        for (const list of RESOURCE_LISTS) checkList([...path, 'resources', list], owner, `resources.${list}`, { nonNegative: true, integer: true });
      }
      const specPath = [...template.path, 'spec'];
      const pod = [...specPath, 'resources'];
      for (const list of RESOURCE_LISTS) checkList([...pod, list], label, `${pod.join('.')}.${list}`, { nonNegative: true, integer: true });
      const volumes = Array.isArray(template.spec.volumes) ? template.spec.volumes : [];
      volumes.forEach((volume, i) => {
        const owner = `${label} volume \`${String(volume?.name)}\``;
        checkValue([...specPath, 'volumes', i, 'emptyDir', 'sizeLimit'], owner, 'emptyDir.sizeLimit', { nonNegative: true });
        checkClaim([...specPath, 'volumes', i, 'ephemeral', 'volumeClaimTemplate', 'spec'], owner, 'ephemeral.volumeClaimTemplate.spec.');
      });
    }

    if (kind === 'apps/StatefulSet') {
      const claims = get(resource.value, ['spec', 'volumeClaimTemplates']);
      (Array.isArray(claims) ? claims : []).forEach((claim, i) => {
        const name = get(claim, ['metadata', 'name']);
        checkClaim(['spec', 'volumeClaimTemplates', i, 'spec'], `${label} volumeClaimTemplate \`${String(name)}\``, 'spec.');
      });
    } else if (kind === '/PersistentVolumeClaim') {
      checkClaim(['spec'], label, 'spec.');
    } else if (kind === '/PersistentVolume') {
      checkList(['spec', 'capacity'], label, 'spec.capacity', { nonNegative: true });
    } else if (kind === '/ResourceQuota') {
      checkList(['spec', 'hard'], label, 'spec.hard', { nonNegative: true });
    } else if (kind === '/LimitRange') {
      const limits = get(resource.value, ['spec', 'limits']);
      (Array.isArray(limits) ? limits : []).forEach((_, i) => {
        for (const list of LIMIT_RANGE_LISTS) checkList(['spec', 'limits', i, list], label, `spec.limits[${i}].${list}`, {});
      });
    } else if (kind === 'autoscaling/HorizontalPodAutoscaler') {
      const metrics = get(resource.value, ['spec', 'metrics']);
      (Array.isArray(metrics) ? metrics : []).forEach((_, i) => {
        for (const source of METRIC_SOURCES) {
          for (const target of ['value', 'averageValue']) {
            checkValue(['spec', 'metrics', i, source, 'target', target], label, `spec.metrics[${i}].${source}.target.${target}`, {});
          }
        }
      });
    }
  },
});
