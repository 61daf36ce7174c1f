/**
 * Everything a rule may use. Rules import from this module only (test/architecture.test.ts).
 */
import type { NodeRef, SeverityName } from './model.js';
import type { Resource } from './resource.js';
import type { ResourceIndex } from './resource-index.js';

export type { NodeRef, Path, PathSegment } from './model.js';
export type { Resource, KubeObject } from './resource.js';
export { isRecord } from './resource.js';
export type { ResourceIndex, Provider } from './resource-index.js';
export type { PodTemplate, ContainerRef, ContainerGroup } from './k8s/pod-template.js';
export { containerPorts } from './k8s/pod-template.js';
export { plainSelector, matchesLabels, matchesSelector, formatLabels, type Labels } from './k8s/selectors.js';
export { closest, didYouMean } from './k8s/suggest.js';
export { podReferences, resolveReference, missingKeys, missingHint, referenceData, type PodReference, type Resolution } from './k8s/references.js';
export { parseImageReference, effectiveTag, type ImageReference } from './k8s/image-reference.js';
export { ingressBackends, type IngressBackend } from './k8s/ingress.js';
export { containerLabel, containerLabelFrom, isLongRunning, podCount, runsSeveralPods, mountsOf, claimTemplateNames, claimUses, claimUsers, hostPortUses, hostPortConflicts, formatHostPort, repositoryOf, pinnedImage, type PodCount, type MountRef, type ClaimUse, type HostPortUse, type PinnedImage } from './k8s/workload.js';
export { portReferences, resolvePort, probeTiming, probeCheck, type PortSite, type PortReference, type ProbeTiming } from './k8s/probes.js';
export { isDns1123Subdomain, isDns1123Label, isDns1035Label, isQualifiedName, isLabelValue, isPathSegmentName, checkGenerateName, nameFormatOf, isApiServerObject, isTemplated, suggestName, suggestLabelValue, byteLength, NAME_CHECKS, type NameFormat } from './k8s/names.js';
export { parseQuantity, QUANTITY_UNITS, type QuantityParse } from './k8s/quantity.js';
export { amountsOf, effectiveContainers, limitRangeItems, limitRangesIn, podLevelResources, podTotals, quotaHard, quotasIn, containerSubject, requirementNode, quotaAppliesTo, missingForQuota, desiredPods, isBestEffort, formatAmount, compareAmounts, CONTAINER_QUOTA_NAMES, type Amount, type Amounts, type EffectiveContainer, type LimitRangeItem } from './k8s/resources.js';
export { objectSchema, validateObject, type ObjectSchema, type SchemaIssue } from './schema-validate.js';
export { apiVersionStatus, type ApiVersionStatus } from './k8s/api-deprecations.js';
export { kindsServedIn, resolveVersion, versionsServing } from './schemas.js';
export { labelSelector, isEmptySelector, formatSelector, templatesSelectedBy, firstUnmet, describeTemplate, selectorMiss, templateNamedLike, SCALABLE_KINDS, servesScalableKind, isBuiltInGroup, customResourceScale, isHeadless, relativeTo, definitionPlace, type SelectorMiss } from './k8s/controllers.js';
export { servicePorts, type ServicePort } from './k8s/defaults.js';
export { dns1123LabelProblem, portNameProblem, isPortNumber, enumHint, ingressPathProblem, parseCronSchedule, formatPath, type CronParse } from './k8s/pod-validation.js';

export type MessageData = Readonly<Record<string, string | number>>;

export interface RuleContext<M extends string> {
  readonly resource: Resource;
  readonly index: ResourceIndex;
  /** Target Kubernetes minor version, e.g. `1.35`. */
  readonly kubernetesVersion: string;
  /** Run-wide switches from flags and configuration. */
  readonly settings: RuleSettings;
  /**
   * Report a finding at `node`; `messageId` names one of the rule's `messages`. A rule whose
   * default is `error` may downgrade one finding with `{ severity: 'warn' }` (a risk rather than
   * a certain failure); user configuration still decides when it sets the rule's severity.
   */
  report(node: NodeRef, messageId: M, data?: MessageData, options?: ReportOptions): void;
}

export interface RuleSettings {
  /** `--reject-unknown-kinds`: an object of a kind with no schema and no CRD in the run is an error. */
  readonly rejectUnknownKinds: boolean;
}

export interface ReportOptions {
  readonly severity?: 'warn';
}

export interface RuleDocs {
  /** What the cluster does with such an object: the evidence that this is a real failure. */
  readonly why: string;
  readonly fix: string;
}

export interface Rule<M extends string = string> {
  readonly id: string;
  readonly severity: Exclude<SeverityName, 'off'>;
  /** Kinds the rule looks at (`Kind` or `group/Kind`); omitted = every object. */
  readonly kinds?: readonly string[];
  readonly description: string;
  readonly docs: RuleDocs;
  readonly messages: Readonly<Record<M, string>>;
  /**
   * The rule reports references to objects that may be missing; when some documents of the run
   * could not be parsed, its messages say so (the missing object may be in one of them).
   */
  readonly crossResource?: boolean;
  /** Emitted by the engine itself (e.g. `yaml-syntax`); `check` then never runs. */
  readonly builtIn?: boolean;
  check(context: RuleContext<M>): void;
}

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

/** `{{name}}` placeholders filled from `data`. */
export function formatMessage(template: string, data: MessageData = {}): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in data ? String(data[name]) : whole));
}
