/**
 * Everything a rule may use. Rules import from this module only (test/architecture.test.ts).
 */
import type { NodeRef, SeverityName } from './model.js';
import type { Edit } from './fix/edits.js';
import type { Resource } from './resource.js';
import type { ResourceIndex } from './resource-index.js';
import type { PodSecuritySettings } from './k8s/pod-security/index.js';
import type { AdmissionPolicies } from './admission/index.js';

export type { NodeRef, Path, PathSegment } from './model.js';
export type { Resource, KubeObject } from './resource.js';
export { isRecord } from './resource.js';
export type { ResourceIndex, Provider } from './resource-index.js';
export type { PodTemplate, ContainerRef, ContainerGroup } from './k8s/pod-template.js';
export { containerPorts, podTemplateObject } from './k8s/pod-template.js';
export { plainSelector, matchesLabels, matchesSelector, formatLabels, type Labels } from './k8s/selectors.js';
export { closest, didYouMean } from './k8s/suggest.js';
export { podReferences, type PodReference } from './k8s/references.js';
export { resolveReference, missingKeys, missingHint, referenceData, meantName, useInstead, type Resolution } from './k8s/reference-resolution.js';
export { parseImageReference, effectiveTag, type ImageReference } from './k8s/image-reference.js';
export { ingressBackends, type IngressBackend } from './k8s/ingress.js';
export { containerLabel, containerLabelFrom, isLongRunning, podCount, runsSeveralPods, mountsOf, claimTemplateNames, claimUses, claimUsers, hostPortUses, hostPortConflicts, formatHostPort, repositoryOf, pinnedImage, type PodCount, type MountRef, type ClaimUse, type HostPortUse, type PinnedImage } from './k8s/workload.js';
export { portReferences, resolvePort, probeTiming, probeCheck, type PortSite, type PortReference, type ProbeTiming } from './k8s/probes.js';
export { isDns1123Subdomain, isDns1123Label, isDns1035Label, isQualifiedName, isLabelValue, isPathSegmentName, checkGenerateName, nameFormatOf, isApiServerObject, isTemplated, suggestName, suggestLabelValue, byteLength, NAME_CHECKS, type NameFormat } from './k8s/names.js';
export { parseQuantity, QUANTITY_UNITS, type QuantityParse } from './k8s/quantity.js';
export { amountsOf, effectiveContainers, limitRangeItems, limitRangesIn, podLevelResources, podTotals, quotaHard, quotasIn, containerSubject, requirementNode, quotaAppliesTo, missingForQuota, desiredPods, isBestEffort, formatAmount, compareAmounts, CONTAINER_QUOTA_NAMES, type Amount, type Amounts, type EffectiveContainer, type LimitRangeItem } from './k8s/resources.js';
export { objectSchema, validateObject, type ObjectSchema, type SchemaIssue } from './schema-validate.js';
export { apiVersionStatus, type ApiVersionStatus } from './k8s/api-deprecations.js';
export { apiMigration, migrationFixes, type Migration } from './k8s/api-migrations.js';
export { kindsServedIn, resolveVersion, versionsServing } from './schemas.js';
export { labelSelector, isEmptySelector, formatSelector, templatesSelectedBy, firstUnmet, describeTemplate, selectorMiss, templateNamedLike, SCALABLE_KINDS, servesScalableKind, isBuiltInGroup, customResourceScale, isHeadless, relativeTo, definitionPlace, type SelectorMiss } from './k8s/controllers.js';
export { customDefinition, customVersionOf, unservedVersion, type CrdDefinition, type CrdVersion, type CustomVersion } from './crds/index.js';
export { crdProblems, type CrdProblem } from './crds/structural.js';
export { edit, type Edit, type FixValue } from './fix/edits.js';
export { servicePorts, networkPolicyTypes, selectedNamespaceName, type ServicePort } from './k8s/defaults.js';
export { labelKeysProblems, type LabelKeysProblem } from './k8s/label-keys.js';
export { podSpecProblems, type PodSpecProblem } from './k8s/pod-spec-checks.js';
export { objectEnumSites, podSpecEnumSites, containerEnumSites, type EnumSite } from './k8s/enum-fields.js';
export { amountProblem, isZeroAmount, type AmountProblem } from './k8s/int-or-percent.js';
export { dns1123LabelProblem, portNameProblem, isPortNumber, enumHint, ingressPathProblem, parseCronSchedule, formatPath, type CronParse } from './k8s/pod-validation.js';
export { GATEWAY_GROUP, ROUTE_KINDS, routeParentRefs, routeBackendRefs, isServiceRef, gatewayListeners, listenerRefusal, selectedListeners, referenceGrant, type GatewayReference, type Listener, type Refusal } from './k8s/gateway.js';
export { MONITORING_GROUP, monitorScope, monitorSelector, objectLabels, scopeServices, scopePodTemplates, monitoredServices, monitoredPods, servicePods, declaredPorts, servicePortList, closestLabelled, selectsClusterService, type MonitorScope, type DeclaredPort } from './k8s/monitoring.js';
export { CERT_MANAGER_GROUP, issuerReferences, issuerSecretRefs, type IssuerReference } from './k8s/cert-manager.js';
export { quotedList } from './k8s/suggest.js';
export { missingReference, missingScopedReference, kindName, type MissingReference, type MissingScopedReference, type ScopedKinds } from './k8s/object-refs.js';
export { ISTIO_KINDS, virtualServiceDestinations, gatewayBindings, resolveGatewayName, serviceHost, hostKey, serviceEntriesFor, destinationRulesFor, subsetNames, unresolvedHost, type IstioDestination, type GatewayBinding, type ServiceHost } from './k8s/istio.js';
export { ROLLOUT_KINDS, POD_TEMPLATE_HASH, WORKLOAD_REF_KINDS, rolloutServices, analysisTemplateRefs, workloadRef, referencedWorkload, rolloutPodLabels, trafficRoutingRefs, type TrafficRoutingRef, type RolloutService, type AnalysisTemplateRef, type WorkloadRef } from './k8s/argo-rollouts.js';
export { scaleTargetProblem, scaleTargetDetails, type ScaleTargetRef, type ScaleTargetProblem } from './k8s/scale-target.js';
export { KEDA_KINDS, TRANSFER_HPA_OWNERSHIP, scaledObjectTarget, adoptedHpaName, triggerAuthentications, scalersOf, type TriggerAuthenticationRef, type Scaler } from './k8s/keda.js';
export { ESO_KINDS, storeRefs, type StoreRef } from './k8s/external-secrets.js';
export { FLUX_SOURCE_GROUP, fluxSourceRefs, fluxDependencies, isBootstrapObject, type FluxReference } from './k8s/flux.js';
export { minorVersion } from './schemas.js';

export { podSecurityViolations, policyLabels, policyToEvaluate, LABEL_PREFIX as POD_SECURITY_LABEL_PREFIX, type PodSecurityViolation, type PodSecuritySettings, type Mode as PodSecurityMode } from './k8s/pod-security/index.js';

export { admissionObjectProblems, type AdmissionPolicies, type AdmissionDenial, type PolicyProblem } from './admission/index.js';

export type MessageData = Readonly<Record<string, string | number>>;

export interface RuleContext<M extends string> {
  readonly resource: Resource;
  readonly index: ResourceIndex;
  /** Target Kubernetes minor version, e.g. `1.35`. */
  readonly kubernetesVersion: string;
  /** Run-wide switches from flags and configuration. */
  readonly settings: RuleSettings;
  /** The run's ValidatingAdmissionPolicies and bindings, compiled; undefined when the run has none. */
  readonly admission?: AdmissionPolicies;
  /**
   * Report a finding at `node`; `messageId` names one of the rule's `messages`. A rule whose
   * default is `error` may downgrade one finding with `{ severity: 'warn' }` (a risk rather than
   * a certain failure); user configuration still decides when it sets the rule's severity.
   */
  report(node: NodeRef, messageId: M, data?: MessageData, options?: ReportOptions<M>): void;
}

export interface RuleSettings {
  /** `--reject-unknown-kinds`: an object of a kind with no schema and no CRD in the run is an error. */
  readonly rejectUnknownKinds: boolean;
  /** Configuration `podSecurity`: the cluster's PodSecurity admission defaults, declared namespaces and exemptions. */
  readonly podSecurity?: PodSecuritySettings;
}

export interface ReportOptions<M extends string = string> {
  readonly severity?: 'warn';
  /** Other places that explain the finding (the pods a selector misses, the other definition). */
  readonly related?: ReadonlyArray<{ readonly node: NodeRef; readonly message: string }>;
  /**
   * A safe fix (`--fix` applies it): edits that make the finding go away without changing what the
   * object means beyond what the message says. Build them with `edit.*` against `resource.node(...)`;
   * the rule must declare `fixable: true`.
   */
  readonly fix?: readonly Edit[];
  /** Fixes the user must choose (editors show them; `--fix` never applies them); needs `hasSuggestions: true`. */
  readonly suggestions?: ReadonlyArray<Suggestion<M>>;
}

export interface Suggestion<M extends string = string> {
  /** One of the rule's `messages`, describing what the suggestion does. */
  readonly messageId: M;
  readonly data?: MessageData;
  readonly fix: readonly Edit[];
}

export interface RuleDocs {
  /** What the cluster does with such an object: the evidence that this is a real failure. */
  readonly why: string;
  readonly fix: string;
  /** Where the rule is documented (plugin rules; built-in rules link to RULES.md). */
  readonly url?: string;
}

export interface Rule<M extends string = string> {
  readonly id: string;
  readonly severity: Exclude<SeverityName, 'off'>;
  /** Kinds the rule looks at (`Kind` or `group/Kind`); omitted = every object. */
  readonly kinds?: readonly string[];
  readonly description: string;
  /** The API family whose objects the rule checks (`Gateway API`, `cert-manager`, …); omitted = core Kubernetes. */
  readonly ecosystem?: string;
  readonly docs: RuleDocs;
  readonly messages: Readonly<Record<M, string>>;
  /**
   * The rule reports references to objects that may be missing; when some documents of the run
   * could not be parsed, its messages say so (the missing object may be in one of them).
   */
  readonly crossResource?: boolean;
  /** The rule reports safe fixes (`report(..., { fix })`). */
  readonly fixable?: boolean;
  /** The rule offers suggestions (`report(..., { suggestions })`). */
  readonly hasSuggestions?: boolean;
  /**
   * The rule reports only on objects with a pod template (`index.podTemplate(resource)`), returning at
   * once on others: the runner then does not call it on them (a Service, a ConfigMap).
   */
  readonly podTemplateOnly?: boolean;
  /**
   * As `podTemplateOnly`, except on objects of these kinds (`Kind` or `group/Kind`), which the rule
   * also looks at without a pod template (`invalid-port`: Services).
   */
  readonly podTemplateOr?: readonly string[];
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

/**
 * The version of this API for plugins (`k8s-lint/rule-api`). It follows k8s-lint's major version:
 * anything a plugin may use here changes incompatibly only with a new major release, which bumps it.
 */
export const RULE_API_VERSION = 1;

/** A plugin module's default export (`plugins:` in the configuration file). */
export interface Plugin {
  /** Prefix of its rule ids (`acme` -> `acme/require-team-label`): kebab-case. */
  readonly name: string;
  /** The RULE_API_VERSION it was written for; a different one is refused with a clear message. */
  readonly ruleApiVersion?: number;
  /** Docs of rules that name no `docs.url`. */
  readonly homepage?: string;
  /** Rules with ids unique in the plugin and without the prefix. */
  readonly rules: readonly Rule<string>[];
}

export function definePlugin(plugin: Plugin): Plugin {
  return plugin;
}
