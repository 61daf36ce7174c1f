/**
 * What the API server's validation refuses in a ValidatingAdmissionPolicy or binding besides
 * expressions (pkg/apis/admissionregistration/validation): the OpenAPI marks none of these fields
 * required, so schema validation cannot tell. Needs no CEL.
 */
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';
import type { PolicyProblem } from './types.js';

const GROUP = 'admissionregistration.k8s.io';
const ACTIONS = ['Deny', 'Warn', 'Audit'];
const CEL_IDENTIFIER = /^[_a-zA-Z][_a-zA-Z0-9]*$/;
const CEL_RESERVED = new Set(['true', 'false', 'null', 'in', 'as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);

function items(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function policyProblems(spec: Readonly<Record<string, unknown>>, problem: (path: Path, message: string) => void): void {
  const match = spec.matchConstraints;
  if (!isRecord(match)) problem(['matchConstraints'], '`spec.matchConstraints` is required');
  else if (items(match.resourceRules).length === 0) problem(['matchConstraints'], '`spec.matchConstraints.resourceRules` is required: at least one rule gives the expressions their types');
  if (items(spec.validations).length === 0 && items(spec.auditAnnotations).length === 0) problem([], '`spec.validations` or `spec.auditAnnotations` must contain at least one item');
  items(spec.variables).forEach((variable, i) => {
    const name = isRecord(variable) ? variable.name : undefined;
    if (typeof name === 'string' && (!CEL_IDENTIFIER.test(name) || CEL_RESERVED.has(name))) problem(['variables', i, 'name'], `variable name \`${name}\` is not a valid CEL identifier`);
  });
  const names = new Set<string>();
  items(spec.matchConditions).forEach((condition, i) => {
    const name = isRecord(condition) ? condition.name : undefined;
    if (typeof name !== 'string') return;
    if (names.has(name)) problem(['matchConditions', i, 'name'], `match condition name \`${name}\` is a duplicate`);
    names.add(name);
  });
}

function bindingProblems(spec: Readonly<Record<string, unknown>>, problem: (path: Path, message: string) => void): void {
  if (typeof spec.policyName !== 'string' || spec.policyName === '') problem(['policyName'], '`spec.policyName` is required');
  const actions = items(spec.validationActions);
  const seen = new Set<unknown>();
  actions.forEach((action, i) => {
    if (!ACTIONS.includes(action as string)) problem(['validationActions', i], `validation action \`${String(action)}\` is not one of ${ACTIONS.map((a) => `\`${a}\``).join(', ')}`);
    else if (seen.has(action)) problem(['validationActions', i], `validation action \`${String(action)}\` is a duplicate`);
    seen.add(action);
  });
  if (actions.length === 0) problem(['validationActions'], '`spec.validationActions` needs at least one action (Deny, Warn or Audit)');
  if (seen.has('Deny') && seen.has('Warn')) problem(['validationActions'], '`spec.validationActions` must not contain both Deny and Warn');
  const ref = spec.paramRef;
  if (!isRecord(ref)) return;
  const named = typeof ref.name === 'string' && ref.name !== '';
  if (named && ref.selector !== undefined && ref.selector !== null) problem(['paramRef'], '`spec.paramRef` name and selector are mutually exclusive');
  if (!named && (ref.selector === undefined || ref.selector === null)) problem(['paramRef'], '`spec.paramRef` needs a name or a selector');
  if (ref.parameterNotFoundAction !== 'Deny' && ref.parameterNotFoundAction !== 'Allow') {
    problem(['paramRef', 'parameterNotFoundAction'], '`spec.paramRef.parameterNotFoundAction` is required: `Deny` or `Allow`');
  }
}

/** Problems of a ValidatingAdmissionPolicy or ValidatingAdmissionPolicyBinding other than its expressions. */
export function admissionObjectProblems(resource: Resource): PolicyProblem[] {
  if (resource.group !== GROUP) return [];
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  const problems: PolicyProblem[] = [];
  const problem = (path: Path, message: string) => problems.push({ node: resource.node('spec', ...path), message });
  if (resource.kind === 'ValidatingAdmissionPolicy') policyProblems(spec, problem);
  else if (resource.kind === 'ValidatingAdmissionPolicyBinding') bindingProblems(spec, problem);
  return problems;
}
