/** Every rule, in documentation order. */
import type { Rule } from '../src/rule-api.js';
import deprecatedApiVersion from './deprecated-api-version.js';
import duplicateMountPath from './duplicate-mount-path.js';
import duplicateObject from './duplicate-object.js';
import hostPortConflict from './host-port-conflict.js';
import imagePullPolicyNever from './image-pull-policy-never.js';
import imageTagLatest from './image-tag-latest.js';
import ingressBackendMissingService from './ingress-backend-missing-service.js';
import ingressBackendPortMismatch from './ingress-backend-port-mismatch.js';
import invalidAnnotation from './invalid-annotation.js';
import invalidConfigData from './invalid-config-data.js';
import invalidContainerName from './invalid-container-name.js';
import invalidCronSchedule from './invalid-cron-schedule.js';
import invalidDisruptionBudget from './invalid-disruption-budget.js';
import invalidFieldValue from './invalid-field-value.js';
import invalidImageReference from './invalid-image-reference.js';
import invalidIngressPath from './invalid-ingress-path.js';
import invalidLabel from './invalid-label.js';
import invalidObjectName from './invalid-object-name.js';
import invalidPodSpec from './invalid-pod-spec.js';
import invalidUpdateStrategy from './invalid-update-strategy.js';
import invalidPort from './invalid-port.js';
import invalidQuantity from './invalid-quantity.js';
import invalidServiceSpec from './invalid-service-spec.js';
import limitRangeViolation from './limit-range-violation.js';
import missingBindingSubject from './missing-binding-subject.js';
import missingConfigmap from './missing-configmap.js';
import missingContainerImage from './missing-container-image.js';
import missingIngressClass from './missing-ingress-class.js';
import missingMemoryLimit from './missing-memory-limit.js';
import missingNamespace from './missing-namespace.js';
import missingPvc from './missing-pvc.js';
import missingResourceRequests from './missing-resource-requests.js';
import missingRole from './missing-role.js';
import missingScaleTarget from './missing-scale-target.js';
import missingSecret from './missing-secret.js';
import missingServiceAccount from './missing-service-account.js';
import missingTlsSecret from './missing-tls-secret.js';
import missingVolume from './missing-volume.js';
import networkPolicySelectorMismatch from './network-policy-selector-mismatch.js';
import pdbSelectorMismatch from './pdb-selector-mismatch.js';
import probePortMismatch from './probe-port-mismatch.js';
import pvcAccessModeMismatch from './pvc-access-mode-mismatch.js';
import removedApiVersion from './removed-api-version.js';
import resourceQuotaExceeded from './resource-quota-exceeded.js';
import resourceRequestsExceedLimits from './resource-requests-exceed-limits.js';
import riskyLivenessProbe from './risky-liveness-probe.js';
import schemaViolation from './schema-violation.js';
import selectorTemplateMismatch from './selector-template-mismatch.js';
import serviceSelectorMismatch from './service-selector-mismatch.js';
import serviceTargetPortMismatch from './service-target-port-mismatch.js';
import statefulsetServiceMismatch from './statefulset-service-mismatch.js';
import unknownKind from './unknown-kind.js';
import unusedDisableDirective from './unused-disable-directive.js';
import yamlSyntax from './yaml-syntax.js';
// Gateway API, prometheus-operator and cert-manager (issue 11)
import gatewayRouteMissingBackend from './gateway-route-missing-backend.js';
import gatewayRouteBackendPortMismatch from './gateway-route-backend-port-mismatch.js';
import gatewayRouteMissingParent from './gateway-route-missing-parent.js';
import gatewayRouteListenerMismatch from './gateway-route-listener-mismatch.js';
import missingReferenceGrant from './missing-reference-grant.js';
import missingGatewayClass from './missing-gateway-class.js';
import gatewayMissingTlsSecret from './gateway-missing-tls-secret.js';
import monitorSelectorMismatch from './monitor-selector-mismatch.js';
import monitorPortMismatch from './monitor-port-mismatch.js';
import prometheusMissingServiceAccount from './prometheus-missing-service-account.js';
import missingIssuer from './missing-issuer.js';
import issuerMissingSecret from './issuer-missing-secret.js';
// Istio, Argo Rollouts, KEDA, External Secrets and Flux (issue 11, part B).
import destinationRuleMissingHost from './destination-rule-missing-host.js';
import destinationRuleSubsetSelectorMismatch from './destination-rule-subset-selector-mismatch.js';
import virtualServiceMissingGateway from './virtual-service-missing-gateway.js';
import virtualServiceMissingHost from './virtual-service-missing-host.js';
import virtualServiceMissingSubset from './virtual-service-missing-subset.js';
import virtualServicePortMismatch from './virtual-service-port-mismatch.js';
import rolloutMissingAnalysisTemplate from './rollout-missing-analysis-template.js';
import rolloutMissingService from './rollout-missing-service.js';
import rolloutMissingTrafficRoute from './rollout-missing-traffic-route.js';
import rolloutMissingWorkload from './rollout-missing-workload.js';
import rolloutServiceSelectorMismatch from './rollout-service-selector-mismatch.js';
import missingTriggerAuthentication from './missing-trigger-authentication.js';
import scaledObjectHpaConflict from './scaled-object-hpa-conflict.js';
import scaledObjectMissingScaleTarget from './scaled-object-missing-scale-target.js';
import missingSecretStore from './missing-secret-store.js';
import missingFluxDependency from './missing-flux-dependency.js';
import missingFluxSource from './missing-flux-source.js';
import invalidCrdSchema from './invalid-crd-schema.js';
// Admission (issue 12)
import podSecurityViolation from './pod-security-violation.js';
import admissionPolicyViolation from './admission-policy-violation.js';
import invalidAdmissionPolicy from './invalid-admission-policy.js';

export const allRules: readonly Rule[] = [
  yamlSyntax,
  serviceSelectorMismatch,
  serviceTargetPortMismatch,
  ingressBackendMissingService,
  ingressBackendPortMismatch,
  invalidImageReference,
  missingConfigmap,
  missingSecret,
  missingPvc,
  removedApiVersion,
  deprecatedApiVersion,
  invalidObjectName,
  invalidLabel,
  invalidAnnotation,
  invalidQuantity,
  invalidContainerName,
  invalidPort,
  invalidFieldValue,
  invalidPodSpec,
  invalidUpdateStrategy,
  invalidConfigData,
  invalidDisruptionBudget,
  invalidServiceSpec,
  invalidIngressPath,
  selectorTemplateMismatch,
  missingContainerImage,
  invalidCronSchedule,
  resourceRequestsExceedLimits,
  missingResourceRequests,
  resourceQuotaExceeded,
  limitRangeViolation,
  missingMemoryLimit,
  missingServiceAccount,
  missingRole,
  missingBindingSubject,
  missingNamespace,
  missingVolume,
  duplicateMountPath,
  probePortMismatch,
  riskyLivenessProbe,
  pvcAccessModeMismatch,
  hostPortConflict,
  imageTagLatest,
  imagePullPolicyNever,
  schemaViolation,
  unusedDisableDirective,
  missingScaleTarget,
  pdbSelectorMismatch,
  networkPolicySelectorMismatch,
  statefulsetServiceMismatch,
  duplicateObject,
  missingTlsSecret,
  missingIngressClass,
  unknownKind,
  // Gateway API, prometheus-operator and cert-manager (issue 11)
  gatewayRouteMissingBackend,
  gatewayRouteBackendPortMismatch,
  gatewayRouteMissingParent,
  gatewayRouteListenerMismatch,
  missingReferenceGrant,
  missingGatewayClass,
  gatewayMissingTlsSecret,
  monitorSelectorMismatch,
  monitorPortMismatch,
  prometheusMissingServiceAccount,
  missingIssuer,
  issuerMissingSecret,
  // Istio, Argo Rollouts, KEDA, External Secrets and Flux (issue 11, part B).
  virtualServiceMissingHost,
  virtualServicePortMismatch,
  virtualServiceMissingSubset,
  virtualServiceMissingGateway,
  destinationRuleMissingHost,
  destinationRuleSubsetSelectorMismatch,
  rolloutMissingWorkload,
  rolloutMissingService,
  rolloutServiceSelectorMismatch,
  rolloutMissingAnalysisTemplate,
  rolloutMissingTrafficRoute,
  scaledObjectMissingScaleTarget,
  missingTriggerAuthentication,
  scaledObjectHpaConflict,
  missingSecretStore,
  missingFluxSource,
  missingFluxDependency,
  invalidCrdSchema,
  // Admission (issue 12)
  podSecurityViolation,
  admissionPolicyViolation,
  invalidAdmissionPolicy,
] as Rule[];
