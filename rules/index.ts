/** Every rule, in documentation order. */
import type { Rule } from '../src/rule-api.js';
import deprecatedApiVersion from './deprecated-api-version.js';
import ingressBackendMissingService from './ingress-backend-missing-service.js';
import ingressBackendPortMismatch from './ingress-backend-port-mismatch.js';
import invalidImageReference from './invalid-image-reference.js';
import missingConfigmap from './missing-configmap.js';
import missingPvc from './missing-pvc.js';
import missingSecret from './missing-secret.js';
import removedApiVersion from './removed-api-version.js';
import serviceSelectorMismatch from './service-selector-mismatch.js';
import serviceTargetPortMismatch from './service-target-port-mismatch.js';
import yamlSyntax from './yaml-syntax.js';

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
] as Rule[];

export const ruleById: ReadonlyMap<string, Rule> = new Map(allRules.map((rule) => [rule.id, rule]));
