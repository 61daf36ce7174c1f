/**
 * The bindings of the run, evaluated on a CREATE of each object as the API server's
 * ValidatingAdmissionPolicy plugin does (k8s.io/apiserver/pkg/admission/plugin/policy/validating):
 * policy `matchConstraints`, binding `matchResources`, parameters, `matchConditions`, `variables`,
 * then `validations`, with `failurePolicy` deciding what an evaluation error means.
 */
import { celValue, evaluateCel } from '../cel/index.js';
import type { ResourceIndex } from '../resource-index.js';
import { isRecord, type Resource } from '../resource.js';
import { labelSelector } from '../k8s/controllers.js';
import { matchesSelector, type Labels } from '../k8s/selectors.js';
import { guessResource, matchResources, namespaceLabels, objectLabels, type CreateRequest } from './match.js';
import { compilePolicy, type CompiledPolicy, type Expression } from './policy.js';
import { admissionObjectProblems } from './structure.js';
import type { AdmissionDenial, AdmissionPolicies, PolicyProblem, ValidationAction } from './types.js';

const GROUP = 'admissionregistration.k8s.io';

interface Binding {
  readonly name: string;
  readonly policy: CompiledPolicy;
  readonly actions: readonly ValidationAction[];
  readonly paramRef: Readonly<Record<string, unknown>> | undefined;
  readonly matchResources: unknown;
}

type Denial = Omit<AdmissionDenial, 'policy' | 'binding' | 'action'>;

/** The parameter objects a binding evaluates with: `[null]` without `paramKind`; a denial or nothing when none is found. */
type Params = { readonly params: readonly unknown[] } | { readonly denial: Denial } | undefined;

export class PolicySet implements AdmissionPolicies {
  private readonly policies = new Map<Resource, CompiledPolicy>();
  private readonly bindings: Binding[] = [];
  private readonly plurals = new Map<string, string>();
  private readonly namespaces = new Map<Resource, { readonly labels: Labels; readonly value: unknown }>();

  constructor(private readonly index: ResourceIndex) {
    const byName = new Map<string, CompiledPolicy>();
    for (const resource of index.list(`${GROUP}/ValidatingAdmissionPolicy`)) {
      const policy = compilePolicy(resource);
      this.policies.set(resource, policy);
      if (!byName.has(resource.name) && admissionObjectProblems(resource).length === 0) byName.set(resource.name, policy);
    }
    for (const resource of index.list(`${GROUP}/ValidatingAdmissionPolicyBinding`)) {
      if (admissionObjectProblems(resource).length > 0) continue; // the API server refuses the binding
      const spec = isRecord(resource.value.spec) ? resource.value.spec : {};
      const policy = typeof spec.policyName === 'string' ? byName.get(spec.policyName) : undefined;
      // A policy that does not compile is rejected by the API server: its bindings select nothing.
      if (!policy || policy.problems.length > 0) continue;
      const actions = (Array.isArray(spec.validationActions) ? spec.validationActions : []).filter((a): a is ValidationAction => a === 'Deny' || a === 'Warn');
      if (actions.length > 0) this.bindings.push({ name: resource.name, policy, actions, paramRef: isRecord(spec.paramRef) ? spec.paramRef : undefined, matchResources: spec.matchResources });
    }
    for (const crd of index.list('apiextensions.k8s.io/CustomResourceDefinition')) {
      const spec = isRecord(crd.value.spec) ? crd.value.spec : {};
      const names = isRecord(spec.names) ? spec.names : {};
      if (typeof spec.group === 'string' && typeof names.kind === 'string' && typeof names.plural === 'string') this.plurals.set(`${spec.group}/${names.kind}`, names.plural);
    }
  }

  /** Expressions set aside because they use `authorizer`. */
  get authorizerExpressions(): number {
    return [...this.policies.values()].reduce((sum, p) => sum + p.authorizerExpressions, 0);
  }

  problemsOf(resource: Resource): readonly PolicyProblem[] {
    return this.policies.get(resource)?.problems ?? [];
  }

  evaluate(object: Resource): readonly AdmissionDenial[] {
    if (this.bindings.length === 0) return [];
    const namespace = object.namespace === undefined ? undefined : this.index.get('Namespace', undefined, object.namespace);
    const version = object.apiVersion.includes('/') ? object.apiVersion.slice(object.apiVersion.indexOf('/') + 1) : object.apiVersion;
    const request: CreateRequest = {
      object,
      group: object.group,
      version,
      resource: this.plurals.get(`${object.group}/${object.kind}`) ?? guessResource(object.kind),
      namespaced: object.namespace !== undefined,
      namespaceLabels: namespace ? this.namespaceOf(namespace).labels : undefined,
    };
    const out: AdmissionDenial[] = [];
    let activation: Record<string, unknown> | undefined;
    for (const binding of this.bindings) {
      const { policy } = binding;
      if (matchResources(policy.matchConstraints, request, true) !== 'yes' || matchResources(binding.matchResources, request, false) !== 'yes') continue;
      if (policy.readsNamespace && object.namespace !== undefined && !namespace) continue; // namespaceObject unknown offline
      activation ??= baseActivation(request);
      if (policy.readsNamespace && activation.namespaceObject === null && namespace) activation.namespaceObject = this.namespaceOf(namespace).value;
      const params = this.paramsFor(binding, object);
      if (!params) continue;
      const denials = 'denial' in params ? [params.denial] : params.params.flatMap((p) => evaluateBinding(policy, { ...activation, params: p }));
      for (const denial of denials) for (const action of binding.actions) out.push({ policy: policy.name, binding: binding.name, action, ...denial });
    }
    return out;
  }

  /** A Namespace's labels (with `kubernetes.io/metadata.name`) and CEL value, once per run. */
  private namespaceOf(namespace: Resource): { readonly labels: Labels; readonly value: unknown } {
    let cached = this.namespaces.get(namespace);
    if (!cached) {
      const labels = namespaceLabels(namespace);
      cached = { labels, value: celValue({ ...namespace.value, metadata: { ...namespace.value.metadata, labels } }) };
      this.namespaces.set(namespace, cached);
    }
    return cached;
  }

  private paramsFor(binding: Binding, object: Resource): Params {
    const { policy, paramRef } = binding;
    if (policy.paramKind === undefined) return { params: [null] };
    const fail = (message: string): Params => (policy.failurePolicy === 'Fail' ? { denial: { message, fromError: true } } : undefined);
    if (!paramRef) return fail(`failed to configure binding: policy \`${policy.name}\` takes \`${policy.paramKind}\` parameters but the binding has no paramRef`);
    const namespace = typeof paramRef.namespace === 'string' ? paramRef.namespace : object.namespace;
    let found: readonly Resource[];
    if (typeof paramRef.name === 'string') {
      const named = this.index.get(policy.paramKind, namespace, paramRef.name) ?? this.index.get(policy.paramKind, undefined, paramRef.name);
      if (!named && this.index.provider(policy.paramKind, namespace, paramRef.name)) return undefined; // exists outside the manifests
      found = named ? [named] : [];
    } else {
      const selector = labelSelector(paramRef.selector);
      const candidates = [...this.index.list(policy.paramKind, namespace), ...this.index.list(policy.paramKind).filter((r) => r.namespace === undefined)];
      found = selector ? candidates.filter((r) => matchesSelector(selector, objectLabels(r))) : [];
    }
    if (found.length > 0) return { params: found.map((r) => celValue(r.value)) };
    if (paramRef.parameterNotFoundAction === 'Allow') return undefined;
    return { denial: { message: 'failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction', fromError: false, paramsMissing: true } };
  }
}

/** `object`, `oldObject` (null: a create), `request` (by a generic authenticated user); `namespaceObject` is set when a policy reads it. */
function baseActivation(request: CreateRequest): Record<string, unknown> {
  const { object } = request;
  const kind = { group: request.group, version: request.version, kind: object.kind };
  const resource = { group: request.group, version: request.version, resource: request.resource };
  return {
    object: celValue(asAdmitted(object)),
    oldObject: null,
    request: celValue({
      uid: '', kind, resource, requestKind: kind, requestResource: resource, name: object.name, namespace: object.namespace ?? '',
      operation: 'CREATE', userInfo: { username: 'k8s-lint', groups: ['system:authenticated'] }, dryRun: false,
      options: { apiVersion: 'meta.k8s.io/v1', kind: 'CreateOptions' },
    }),
    namespaceObject: null,
  };
}

/** Kinds whose `spec.replicas` the API server defaults to 1 before admission. */
const REPLICATED = new Set(['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', '/ReplicationController']);

/**
 * The object as admission sees it: `metadata.namespace` set from the request, and `spec.replicas`
 * defaulted; other defaults are not modelled (an expression reading one is an evaluation error).
 */
function asAdmitted(object: Resource): unknown {
  const value = object.value;
  const metadata = isRecord(value.metadata) ? value.metadata : {};
  const spec = isRecord(value.spec) ? value.spec : undefined;
  const replicas = spec && REPLICATED.has(`${object.group}/${object.kind}`) && spec.replicas === undefined ? { spec: { ...spec, replicas: 1 } } : {};
  return { ...value, metadata: object.namespace === undefined ? metadata : { ...metadata, namespace: object.namespace }, ...replicas };
}

function run(expression: Expression, activation: Readonly<Record<string, unknown>>): { ok: true; value: unknown } | { ok: false; error: string } | undefined {
  if (!expression.program) return undefined;
  return evaluateCel(expression.program, activation);
}

/** One binding with one parameter object: match conditions, then variables, then validations. */
function evaluateBinding(policy: CompiledPolicy, base: Readonly<Record<string, unknown>>): Denial[] {
  const onError = (message: string): Denial[] => (policy.failurePolicy === 'Fail' ? [{ message, fromError: true }] : []);
  const conditionErrors: string[] = [];
  for (const { name, condition } of policy.matchConditions) {
    if (condition.usesAuthorizer) return []; // cannot tell offline whether the policy applies
    const result = run(condition, base);
    if (result?.ok && result.value === false) return [];
    if (result && (!result.ok || typeof result.value !== 'boolean')) conditionErrors.push(`failed to evaluate match condition '${name}': ${result.ok ? 'not a bool' : result.error}`);
  }
  if (conditionErrors.length > 0) return onError(conditionErrors[0]);
  const variables: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const activation = { ...base, variables };
  for (const { name, value } of policy.variables) {
    const result = run(value, activation);
    if (result?.ok) variables[name] = result.value; // an error leaves it unset: expressions reading it fail
  }
  const denials: Denial[] = [];
  for (const validation of policy.validations) {
    const result = run(validation.rule, activation);
    if (!result || result.ok && result.value === true) continue;
    if (!result.ok || typeof result.value !== 'boolean') {
      denials.push(...onError(`expression '${validation.rule.expression}' resulted in error: ${result.ok ? 'no such overload: result is not a bool' : result.error}`));
      continue;
    }
    const custom = validation.messageExpression ? run(validation.messageExpression, activation) : undefined;
    const fromExpression = custom?.ok && typeof custom.value === 'string' && custom.value.trim() !== '' && !custom.value.includes('\n') ? custom.value : undefined;
    const message = fromExpression ?? validation.message ?? `failed expression: ${validation.rule.expression}`;
    denials.push({ message, fromError: false, reason: validation.reason });
  }
  return denials;
}
