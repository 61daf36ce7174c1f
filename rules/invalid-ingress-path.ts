import { defineRule, ingressPathProblem, isRecord } from '../src/rule-api.js';

const LEGACY = new Set(['extensions/v1beta1', 'networking.k8s.io/v1beta1']);

function suggestion(path: string): string {
  const fixed = `/${path}`.replace(/\/{2,}/g, '/');
  return ingressPathProblem(fixed, 'Exact') === undefined && fixed !== path ? `; did you mean \`${fixed}\`?` : '';
}

export default defineRule({
  id: 'invalid-ingress-path',
  severity: 'error',
  kinds: ['networking.k8s.io/Ingress', 'extensions/Ingress'],
  description: 'Ingress HTTP path that the API server rejects for its pathType',
  docs: {
    why:
      'The API server checks every `spec.rules[].http.paths[]` entry (pkg/apis/networking/validation ' +
      '`validateHTTPIngressPath`): with `pathType: Exact` or `Prefix` the path must start with `/` ("must be an ' +
      'absolute path"; an omitted path is empty and fails too), must not contain `//`, `/./`, `/../`, `%2f` or ' +
      '`%2F`, and must not end with `/..` or `/.`; with `ImplementationSpecific` a non-empty path must start ' +
      'with `/`. The whole Ingress is rejected. The legacy `extensions/v1beta1` and `networking.k8s.io/v1beta1` ' +
      'Ingresses are validated the same way, their missing `pathType` defaulting to `ImplementationSpecific`. ' +
      'Unknown pathTypes are reported by `invalid-field-value`.',
    fix: 'Start the path with `/` and write it in normalized form (e.g. `/api/v1`, not `api/v1` or `/api//v1`), or use `ImplementationSpecific` for controller-specific syntax.',
  },
  messages: {
    invalid: 'Ingress `{{ingress}}` path `{{path}}` with pathType `{{pathType}}` is rejected by the API server: {{reason}}{{suggestion}}',
  },
  check({ resource, report }) {
    const spec = (resource.value as { spec?: unknown }).spec;
    const rules = isRecord(spec) && Array.isArray(spec.rules) ? spec.rules : [];
    rules.forEach((rule, i) => {
      const paths = isRecord(rule) && isRecord(rule.http) && Array.isArray(rule.http.paths) ? rule.http.paths : [];
      paths.forEach((entry, j) => {
        if (!isRecord(entry)) return;
        const pathType = entry.pathType ?? (LEGACY.has(resource.apiVersion) ? 'ImplementationSpecific' : undefined);
        const path = entry.path ?? '';
        if (typeof pathType !== 'string' || typeof path !== 'string') return;
        const reason = ingressPathProblem(path, pathType);
        if (reason === undefined) return;
        const at = ['spec', 'rules', i, 'http', 'paths', j];
        const node = entry.path === undefined ? resource.node(...at, 'pathType') : resource.node(...at, 'path');
        report(node, 'invalid', { ingress: resource.name, path, pathType, reason, suggestion: suggestion(path) });
      });
    });
  },
});
