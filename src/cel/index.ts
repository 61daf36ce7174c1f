/**
 * CEL for k8s-lint: compile once (cached), evaluate many times, with the Kubernetes CEL libraries
 * (src/cel/library.ts: lists, sets, strings, regex, URLs, IP/CIDR, quantities, semver, format,
 * optional). Used for CRD `x-kubernetes-validations`; meant as well for admission policies and
 * custom rules. Import it lazily (`await import('./cel/index.js')`): loading the evaluator costs
 * ~50 ms that a run without CEL must not pay.
 *
 * Implementation: @marcbachmann/cel-js 8 (MIT, no dependencies, ~290 kB). Compared with
 * @bufbuild/cel 0.6 (runs the official conformance suite, but pulls @bufbuild/protobuf and
 * cel-spec, ~11 MB installed, +210 ms to import against +50 ms) it parses the `optional` syntax
 * (`self.?spec.?x.orValue(1)`), which @bufbuild/cel cannot, type-checks like cel-go (`1 == 1.0` is a
 * compile error, as in Kubernetes) and takes overloads by signature. Its `matches` uses JavaScript
 * RegExp as is; compiled programs call `re2Matches` instead, which translates RE2 (`(?i)`, `\z`,
 * POSIX classes).
 *
 * API:
 * - `compileCel(expression, { variables })`: `{ ok: true, program }` or `{ ok: false, error }`.
 *   `variables` names the variables the expression may use (default `['self']`), typed `dyn`; any other
 *   identifier is a compile error, as are unknown functions and type errors among literals.
 * - `evaluateCel(program, activation)`: `{ ok: true, value }` or `{ ok: false, error }`, never throws.
 *   Values in and out are CEL values: `int` is a bigint, `double` a number, lists arrays, maps plain
 *   objects or Maps; `celValue(json, schema?)` converts JSON under a structural schema (without one,
 *   integral numbers are ints, as Kubernetes decodes unstructured objects).
 * - Programs are cached by expression and variable set (`compileCel` returns the same result object).
 */
import { Environment, type ParseResult } from '@marcbachmann/cel-js';
import { registerKubernetesLibraries } from './library.js';
import { hasField, rewriteHas, useRe2 } from './rewrite.js';

export { celValue, escapeProperty } from './values.js';

export interface CelProgram {
  readonly expression: string;
  /** The type the checker infers (`bool`, `string`, `dyn`, ...). */
  readonly type: string;
  readonly variables: readonly string[];
  /** @internal */
  readonly run: ParseResult;
}

export type CelCompileResult = { readonly ok: true; readonly program: CelProgram } | { readonly ok: false; readonly error: string };
export type CelEvalResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string };

export interface CelCompileOptions {
  /** Variables the expression may reference, typed `dyn`. Default: `['self']`. */
  readonly variables?: readonly string[];
}

const environments = new Map<string, Environment>();
const programs = new Map<string, CelCompileResult>();
const MAX_CACHED = 20_000;

function environment(variables: readonly string[]): Environment {
  const key = variables.join(',');
  let env = environments.get(key);
  if (env === undefined) {
    env = new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false, limits: { maxAstNodes: 20_000, maxDepth: 250 } });
    registerKubernetesLibraries(env);
    env.registerFunction('k8sHasField(dyn, string): bool', hasField as (...args: unknown[]) => unknown);
    for (const name of variables) env.registerVariable(name, 'dyn');
    environments.set(key, env);
  }
  return env;
}

/** Parses and type-checks `expression` once per variable set; later calls hit the cache. */
export function compileCel(expression: string, options: CelCompileOptions = {}): CelCompileResult {
  const variables = options.variables ?? ['self'];
  const key = `${variables.join(',')}\0${expression}`;
  let result = programs.get(key);
  if (result === undefined) {
    result = compile(expression, variables);
    if (programs.size >= MAX_CACHED) programs.clear();
    programs.set(key, result);
  }
  return result;
}

function compile(expression: string, variables: readonly string[]): CelCompileResult {
  try {
    const run = environment(variables).parse(expression.includes('has') ? rewriteHas(expression) : expression);
    useRe2(run.ast);
    const checked = run.check();
    if (!checked.valid) return { ok: false, error: summary(checked.error) };
    return { ok: true, program: { expression, type: checked.type ?? 'dyn', variables, run } };
  } catch (error) {
    return { ok: false, error: summary(error) };
  }
}

/** Runs a compiled program; a CEL error (no such key, overflow, bad argument) is a value, not a throw. */
export function evaluateCel(program: CelProgram, activation: Readonly<Record<string, unknown>>): CelEvalResult {
  try {
    return { ok: true, value: program.run(activation as Record<string, unknown>) };
  } catch (error) {
    return { ok: false, error: summary(error) };
  }
}

function summary(error: unknown): string {
  if (error instanceof Error) return (error as { summary?: string }).summary ?? error.message.split('\n')[0]!;
  return String(error);
}
