/**
 * A ValidatingAdmissionPolicy compiled once: its expressions (validations, messageExpression,
 * matchConditions, variables, audit annotations) as CEL programs over the variables Kubernetes
 * declares for it, and the expressions that do not compile (the API server rejects the policy).
 * Expressions that use `authorizer` cannot be evaluated offline: they are set aside, not compiled.
 */
import { compileCel, type CelProgram } from '../cel/index.js';
import type { Path } from '../model.js';
import { isRecord, type Resource } from '../resource.js';
import type { PolicyProblem } from './types.js';

export interface Expression {
  readonly expression: string;
  /** Undefined when it does not compile or uses `authorizer`. */
  readonly program?: CelProgram;
  readonly usesAuthorizer: boolean;
}

export interface Validation {
  readonly rule: Expression;
  readonly message?: string;
  readonly messageExpression?: Expression;
  readonly reason?: string;
}

export interface CompiledPolicy {
  readonly resource: Resource;
  readonly name: string;
  readonly failurePolicy: 'Fail' | 'Ignore';
  /** `group/Kind` of the parameters, when the policy takes some. */
  readonly paramKind?: string;
  readonly matchConstraints: unknown;
  readonly matchConditions: ReadonlyArray<{ readonly name: string; readonly condition: Expression }>;
  readonly variables: ReadonlyArray<{ readonly name: string; readonly value: Expression }>;
  readonly validations: readonly Validation[];
  /** Some expression reads `namespaceObject`. */
  readonly readsNamespace: boolean;
  /** Expressions set aside because they use `authorizer`. */
  readonly authorizerExpressions: number;
  readonly problems: readonly PolicyProblem[];
}

const AUTHORIZER = /\bauthorizer\b/;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function compilePolicy(resource: Resource): CompiledPolicy {
  const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
  const paramKind = isRecord(spec.paramKind) && typeof spec.paramKind.kind === 'string' ? spec.paramKind : undefined;
  const rawVariables = Array.isArray(spec.variables) ? spec.variables : [];
  // As the API server declares them: `params` with a paramKind; `variables` with variables, except in
  // match conditions; `authorizer` everywhere but in messageExpression.
  const base = ['object', 'oldObject', 'request', 'namespaceObject', ...(paramKind ? ['params'] : [])];
  const withVariables = rawVariables.length > 0 ? [...base, 'variables'] : base;
  const problems: PolicyProblem[] = [];
  let authorizerExpressions = 0;
  let readsNamespace = false;
  const compile = (value: unknown, path: Path, what: string, names = withVariables, authorizer = true): Expression | undefined => {
    if (typeof value !== 'string') return undefined;
    if (authorizer && AUTHORIZER.test(value)) {
      authorizerExpressions++;
      return { expression: value, usesAuthorizer: true };
    }
    readsNamespace ||= /\bnamespaceObject\b/.test(value);
    const compiled = compileCel(value, { variables: names });
    if (compiled.ok) return { expression: value, program: compiled.program, usesAuthorizer: false };
    problems.push({ node: resource.node('spec', ...path), message: `${what} \`${value}\` does not compile: ${compiled.error}` });
    return { expression: value, usesAuthorizer: false };
  };
  const list = (key: string) => (Array.isArray(spec[key]) ? (spec[key] as unknown[]) : []).map((item) => (isRecord(item) ? item : {}));
  const variables = rawVariables.flatMap((v, i) => {
    const value = isRecord(v) ? compile(v.expression, ['variables', i, 'expression'], `variable \`${String(v.name)}\``) : undefined;
    return value && isRecord(v) && typeof v.name === 'string' ? [{ name: v.name, value }] : [];
  });
  const matchConditions = list('matchConditions').flatMap((c, i) => {
    const condition = compile(c.expression, ['matchConditions', i, 'expression'], `match condition \`${String(c.name)}\``, base);
    return condition ? [{ name: String(c.name), condition }] : [];
  });
  const validations = list('validations').flatMap((v, i): Validation[] => {
    const rule = compile(v.expression, ['validations', i, 'expression'], 'validation');
    if (!rule) return [];
    const messageExpression = compile(v.messageExpression, ['validations', i, 'messageExpression'], 'messageExpression', withVariables, false);
    return [{ rule, message: text(v.message), messageExpression, reason: text(v.reason) }];
  });
  list('auditAnnotations').forEach((a, i) => compile(a.valueExpression, ['auditAnnotations', i, 'valueExpression'], `audit annotation \`${String(a.key)}\``));
  const group = paramKind && typeof paramKind.apiVersion === 'string' && paramKind.apiVersion.includes('/') ? paramKind.apiVersion.split('/')[0] : '';
  return {
    resource,
    name: resource.name,
    failurePolicy: spec.failurePolicy === 'Ignore' ? 'Ignore' : 'Fail',
    paramKind: paramKind ? `${group}/${String(paramKind.kind)}` : undefined,
    matchConstraints: spec.matchConstraints,
    matchConditions,
    variables,
    validations,
    readsNamespace,
    authorizerExpressions,
    problems,
  };
}
