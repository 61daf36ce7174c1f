/** Label selectors as the API server evaluates them. */
import type { LabelSelector } from 'kubernetes-types/meta/v1.js';
import { isRecord, scalarText } from '../resource.js';
import type { ControllerLabels } from './defaults.js';

export type Labels = Readonly<Record<string, string>>;

/**
 * A plain `key: value` selector (Service, ReplicationController) with values as strings, in a
 * null-prototype object: keys such as `constructor` are data, not inherited members.
 */
export function plainSelector(value: unknown): Labels | undefined {
  if (!isRecord(value)) return undefined;
  const out: Record<string, string> = Object.create(null);
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i++) out[keys[i]!] = scalarText(value[keys[i]!]);
  return out;
}

/** The value of label `key`, if `labels` has it (never an inherited member). */
export function labelValue(labels: Labels, key: string): string | undefined {
  return Object.hasOwn(labels, key) ? labels[key] : undefined;
}

/**
 * Whether pods labelled `labels` carry every pair of `selector`; `controller` are the labels the pods'
 * controller adds (defaults.ts `controllerPodLabels`), which satisfy a pair when they may hold its value.
 */
export function matchesLabels(selector: Labels, labels: Labels, controller?: ControllerLabels): boolean {
  const keys = Object.keys(selector);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (labelValue(labels, key) !== selector[key] && !controller?.get(key)?.accepts(selector[key])) return false;
  }
  return true;
}

/**
 * How close `labels` come to satisfying `selector`, for "closest match" messages: an equal pair
 * counts most, then the same key with a similar value (`frontend` for `frontend-web`), then the
 * same key alone.
 */
export function selectorCloseness(selector: Labels, labels: Labels): number {
  let score = 0;
  for (const key of Object.keys(selector)) {
    const value = labelValue(labels, key);
    if (value === undefined) continue;
    if (value === selector[key]) score += 4;
    else if (value.includes(selector[key]) || selector[key].includes(value)) score += 2;
    else score += 1;
  }
  return score;
}

/**
 * metav1.LabelSelector semantics: matchLabels AND every matchExpression; empty selects all. A label in
 * `controller` (added to the pods by their controller, value unknown or fixed) satisfies `Exists`, and
 * `In`/`NotIn` when it may hold a listed (or an unlisted) value.
 */
export function matchesSelector(selector: LabelSelector, labels: Labels, controller?: ControllerLabels): boolean {
  if (selector.matchLabels && !matchesLabels(plainSelector(selector.matchLabels) ?? {}, labels, controller)) return false;
  for (const expression of selector.matchExpressions ?? []) {
    const has = Object.hasOwn(labels, expression.key);
    const added = has ? undefined : controller?.get(expression.key);
    const values = (Array.isArray(expression.values) ? expression.values : []).map(scalarText);
    switch (expression.operator) {
      case 'In':
        if (added ? !values.some((v) => added.accepts(v)) : !has || !values.includes(labels[expression.key])) return false;
        break;
      case 'NotIn':
        if (added ? added.value !== undefined && values.includes(added.value) : has && values.includes(labels[expression.key])) return false;
        break;
      case 'Exists':
        if (!has && !added) return false;
        break;
      case 'DoesNotExist':
        if (has || added) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** `app=web, tier=front` for messages. */
export function formatLabels(labels: Labels): string {
  return Object.entries(labels).map(([k, v]) => `${k}=${v}`).join(', ');
}

/** The posting of items whose controller adds label `key` with values that vary (see `postingsMatching`). */
export const anyValue = (key: string): string => `${key}=*`;

/**
 * Items of a `key=value` posting map that carry every pair of `selector` (non-empty): an index lookup,
 * not a scan. Items whose controller adds a label are posted under its fixed `key=value`, or under
 * `anyValue(key)` (`*` is never part of a label value) and then judged by `controllerOf`.
 */
export function postingsMatching<T>(
  postings: ReadonlyMap<string, T[]> | undefined,
  selector: Labels,
  labelsOf: (item: T) => Labels,
  controllerOf?: (item: T) => ControllerLabels | undefined,
): T[] {
  const keys = Object.keys(selector);
  if (!postings || keys.length === 0) return [];
  let smallest: T[] | undefined;
  // Indexed, without destructuring: this runs for every Service, mostly in cold code.
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    const v = selector[k];
    const exact = postings.get(`${k}=${v}`);
    const varying = controllerOf ? postings.get(anyValue(k)) : undefined;
    const posting = varying ? (exact ? exact.concat(varying) : varying) : exact;
    if (!posting) return [];
    if (!smallest || posting.length < smallest.length) smallest = posting;
  }
  return (smallest ?? []).filter((item) => matchesLabels(selector, labelsOf(item), controllerOf?.(item)));
}
