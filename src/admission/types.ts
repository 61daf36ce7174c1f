/** What rules see of the run's ValidatingAdmissionPolicies (the evaluator itself loads only when there are some). */
import type { NodeRef } from '../model.js';
import type { Resource } from '../resource.js';

export type ValidationAction = 'Deny' | 'Warn';

/** One binding's verdict on creating an object. */
export interface AdmissionDenial {
  readonly policy: string;
  readonly binding: string;
  readonly action: ValidationAction;
  /** The API server's message for it (`failed expression: ...`, the validation's message, ...). */
  readonly message: string;
  /** `failurePolicy: Fail` turned an evaluation error into this denial. */
  readonly fromError: boolean;
  /** The validation's `reason` (`Invalid`, `Forbidden`, ...), when set. */
  readonly reason?: string;
  /** No parameter object was found in the run (it may exist in the cluster). */
  readonly paramsMissing?: boolean;
}

/** A problem of a policy or binding object itself. */
export interface PolicyProblem {
  readonly node: NodeRef;
  readonly message: string;
}

export interface AdmissionPolicies {
  /** What the bindings of the run say about a CREATE of `resource`. */
  evaluate(resource: Resource): readonly AdmissionDenial[];
  /** Expressions of a ValidatingAdmissionPolicy that do not compile. */
  problemsOf(resource: Resource): readonly PolicyProblem[];
}
