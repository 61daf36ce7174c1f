/**
 * ValidatingAdmissionPolicies of the run, evaluated offline. The engine calls
 * `loadAdmissionPolicies` once per run: without a policy it returns undefined at the cost of one
 * index lookup; otherwise it loads the CEL evaluator and compiles every policy once.
 */
import type { ResourceIndex } from '../resource-index.js';
import type { AdmissionPolicies } from './types.js';

export type { AdmissionPolicies, AdmissionDenial, PolicyProblem, ValidationAction } from './types.js';
export { admissionObjectProblems } from './structure.js';

export interface LoadedPolicies {
  readonly policies: AdmissionPolicies;
  /** For stderr: expressions that could not be evaluated offline. */
  readonly notice?: string;
}

export async function loadAdmissionPolicies(index: ResourceIndex): Promise<LoadedPolicies | undefined> {
  if (index.list('admissionregistration.k8s.io/ValidatingAdmissionPolicy').length === 0) return undefined;
  const { PolicySet } = await import('./evaluate.js');
  const policies = new PolicySet(index);
  const skipped = policies.authorizerExpressions;
  const notice = skipped > 0
    ? `${skipped} ValidatingAdmissionPolicy expression(s) use \`authorizer\`, which needs the cluster's RBAC: they were not evaluated (a match condition using it skips its policy)`
    : undefined;
  return { policies, notice };
}
