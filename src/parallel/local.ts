/**
 * Local rules: rules whose `check` reads only the object it is given (with the target version and
 * the run's settings), so that a worker thread holding one file at a time finds exactly what the
 * main thread would. The set is data, pinned by test/parallel/local-rules.test.ts, which runs each
 * of them over every fixture with `localIndex` below (any other access throws).
 */
import { podTemplateOf, type PodTemplate } from '../k8s/pod-template.js';
import type { Resource } from '../resource.js';
import type { ResourceIndex } from '../resource-index.js';
import { versionsServing } from '../schemas.js';

export const LOCAL_RULES: ReadonlySet<string> = new Set([
  'deprecated-api-version',
  'duplicate-mount-path',
  'image-pull-policy-never',
  'invalid-annotation',
  'invalid-config-data',
  'invalid-container-name',
  'invalid-cron-schedule',
  'invalid-disruption-budget',
  'invalid-field-value',
  'invalid-image-reference',
  'invalid-ingress-path',
  'invalid-label',
  'invalid-object-name',
  'invalid-pod-spec',
  'invalid-port',
  'invalid-quantity',
  'invalid-service-spec',
  'invalid-update-strategy',
  'missing-container-image',
  'probe-port-mismatch',
  'removed-api-version',
  'resource-requests-exceed-limits',
  'risky-liveness-probe',
  'schema-violation',
  'selector-template-mismatch',
]);

/** Thrown when a rule reaches past its object: the main thread then runs that rule on that object. */
export class NotLocal extends Error {
  constructor(what: string) {
    super(`a local rule read \`${what}\``);
  }
}

/**
 * The index a local rule sees: `podTemplate(resource)`, which the run's index derives from the
 * object alone; anything else calls `onReach` (so that a rule that catches the error is still
 * known to have reached out) and throws NotLocal.
 */
export function localIndex(onReach: () => void = () => {}): ResourceIndex {
  const podTemplate = (resource: Resource): PodTemplate | undefined => podTemplateOf(resource);
  return new Proxy({ podTemplate }, {
    get(target, key) {
      if (key === 'podTemplate') return target.podTemplate;
      onReach();
      throw new NotLocal(`index.${String(key)}`);
    },
  }) as unknown as ResourceIndex;
}

const builtIn = new Map<string, boolean>();

/**
 * Objects a worker may check: of a kind some Kubernetes version serves (schema-violation then never
 * looks for a CustomResourceDefinition). Custom resources stay on the main thread, which knows the
 * run's CRDs.
 */
export function isBuiltInKind(resource: Resource): boolean {
  const { apiVersion, kind } = resource;
  if (!apiVersion.includes('/')) return true;
  const key = `${apiVersion}\0${kind}`;
  let served = builtIn.get(key);
  if (served === undefined) {
    served = versionsServing(apiVersion, kind).length > 0;
    if (builtIn.size < 10_000) builtIn.set(key, served);
  }
  return served;
}
