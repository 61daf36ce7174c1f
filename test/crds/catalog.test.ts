import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCel } from '../../src/cel/index.js';
import { catalogKinds } from '../../src/crds/index.js';
import { catalogDefinition } from '../../src/crds/catalog.js';
import { lint } from '../../src/engine.js';
import { crdManifest, storageVersion } from '../helpers/crd.js';
import { ROOT } from '../helpers/test-rule.js';

/** Rules of the catalog the evaluator cannot compile, with the reason. */
const KNOWN_UNCOMPILED: Record<string, string> = {
  'size(self) == 0 || format.dns1123Label().validate(self) == null':
    'compares an optional with null, which has no overload here (XBackend, Gateway API experimental)',
};

function rulesIn(schema: unknown, out: string[] = []): string[] {
  if (Array.isArray(schema)) schema.forEach((s) => rulesIn(s, out));
  else if (typeof schema === 'object' && schema !== null) {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'x-kubernetes-validations' && Array.isArray(value)) out.push(...value.map((r: { rule: string }) => r.rule));
      else rulesIn(value, out);
    }
  }
  return out;
}

describe('the bundled CRD catalog', () => {
  const kinds = catalogKinds();

  it('has every project of ../shared/crds, one storage version per kind', () => {
    expect(new Set(kinds.map((k) => k.project))).toEqual(new Set([
      'argo-cd', 'argo-rollouts', 'cert-manager', 'external-secrets', 'flux-helm-controller', 'flux-kustomize-controller',
      'flux-source-controller', 'gateway-api', 'istio', 'keda', 'prometheus-operator', 'sealed-secrets', 'traefik',
    ]));
    expect(kinds.length).toBeGreaterThan(100);
    for (const { group, kind } of kinds) {
      const definition = catalogDefinition(group, kind)!;
      expect(definition.versions.filter((v) => v.storage), `${group}/${kind}`).toHaveLength(1);
      expect(definition.versions.filter((v) => v.served).every((v) => v.schema !== undefined), `${group}/${kind}`).toBe(true);
    }
  });

  it('has a valid fixture of every kind (fixtures/rules/schema-violation/valid/catalog-*.yaml)', () => {
    const dir = path.join(ROOT, 'fixtures/rules/schema-violation/valid');
    const fixtures = readdirSync(dir).filter((f) => f.startsWith('catalog-')).map((f) => readFileSync(path.join(dir, f), 'utf8')).join('\n');
    const covered = new Set([...fixtures.matchAll(/^apiVersion: ([^/\s]+)\/\S+\nkind: (\S+)$/gm)].map((m) => `${m[1]}/${m[2]}`));
    expect(kinds.filter(({ group, kind }) => !covered.has(`${group}/${kind}`))).toEqual([]);
  });

  it('compiles every CEL rule, but the known exceptions', () => {
    const counts: Record<string, { rules: number; compiled: number }> = {};
    const failures = new Set<string>();
    for (const { group, kind } of kinds) {
      const seen = new Set<unknown>();
      for (const version of catalogDefinition(group, kind)!.versions) {
        if (version.schema === undefined || seen.has(version.schema)) continue;
        seen.add(version.schema);
        for (const rule of rulesIn(version.schema)) {
          const count = (counts[`${group}/${kind}`] ??= { rules: 0, compiled: 0 });
          count.rules++;
          const ok = compileCel(rule).ok || (/oldSelf/.test(rule) && compileCel(rule, { variables: ['self', 'oldSelf'] }).ok);
          if (ok) count.compiled++;
          else failures.add(rule);
        }
      }
    }
    expect([...failures]).toEqual(Object.keys(KNOWN_UNCOMPILED));
    const total = Object.values(counts).reduce((a, c) => a + c.rules, 0);
    expect(total).toBeGreaterThan(400);
  });
});

describe('custom resource definitions from crds: and --crds', () => {
  const monitor = 'apiVersion: monitoring.coreos.com/v1\nkind: ServiceMonitor\nmetadata: {name: web}\nspec:\n  selector: {}\n  endpoints: {port: http}\n';

  it('validates against the bundled catalog when the run has no CRD', async () => {
    const { results } = await lint([{ path: 'monitor.yaml', text: monitor }], { only: ['schema-violation'] });
    expect(results[0]!.messages.map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([
      '6:14 ServiceMonitor `web` field `spec.endpoints`: expected a list, got a map; write each entry as a `- ` list item',
    ]);
  });

  it('prefers a JSON-schema catalog folder, matching kinds case-insensitively', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-crds-'));
    mkdirSync(path.join(dir, 'monitoring.coreos.com'));
    writeFileSync(path.join(dir, 'monitoring.coreos.com', 'servicemonitor_v1.json'), JSON.stringify({
      type: 'object', properties: { spec: { type: 'object', properties: { selector: { type: 'object' }, endpoints: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } },
    }));
    const { results, errors } = await lint([{ path: 'monitor.yaml', text: monitor }], { only: ['schema-violation'], crds: [dir] });
    expect(errors).toEqual([]);
    expect(results[0]!.messages).toEqual([]);
    const missing = await lint([{ path: 'monitor.yaml', text: monitor }], { crds: [path.join(dir, 'nope')] });
    expect(missing.errors).toEqual([`crds: no such file or folder: ${path.join(dir, 'nope')}`]);
  });

  it('prefers a CRD file given with --crds, and a CRD of the run or --context over both', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-crds-'));
    const crd = (type: string) => crdManifest('ServiceMonitor', 'monitoring.coreos.com', storageVersion(`          type: object
          properties:
            spec: {type: object, properties: {selector: {type: object}, endpoints: {type: ${type}, x-kubernetes-preserve-unknown-fields: true}}}
`));
    writeFileSync(path.join(dir, 'crd.yaml'), crd('object'));
    const viaFlag = await lint([{ path: 'monitor.yaml', text: monitor }], { only: ['schema-violation'], crds: [dir] });
    expect(viaFlag.results[0]!.messages).toEqual([]);
    const inRun = await lint([{ path: 'monitor.yaml', text: `${crd('string')}---\n${monitor}` }], { only: ['schema-violation'], crds: [dir] });
    expect(inRun.results[0]!.messages.map((m) => m.message)).toEqual(['ServiceMonitor `web` field `spec.endpoints`: expected a string, got a map']);
    const context = await lint([{ path: 'monitor.yaml', text: monitor }, { path: 'crd.yaml', text: crd('string'), contextOnly: true }], { only: ['schema-violation'], crds: [dir] });
    expect(context.results.flatMap((r) => r.messages.map((m) => m.message))).toEqual(['ServiceMonitor `web` field `spec.endpoints`: expected a string, got a map']);
  });
});
