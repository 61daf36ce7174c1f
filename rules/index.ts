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
import invalidContainerName from './invalid-container-name.js';
import invalidCronSchedule from './invalid-cron-schedule.js';
import invalidFieldValue from './invalid-field-value.js';
import invalidImageReference from './invalid-image-reference.js';
import invalidIngressPath from './invalid-ingress-path.js';
import invalidLabel from './invalid-label.js';
import invalidObjectName from './invalid-object-name.js';
import invalidPort from './invalid-port.js';
import invalidQuantity from './invalid-quantity.js';
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
  // Admission (issue 12)
  podSecurityViolation,
  admissionPolicyViolation,
  invalidAdmissionPolicy,
] as Rule[];
