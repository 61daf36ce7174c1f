/** The runner's choice of rules per object: by kind, and without `podTemplateOnly` rules where no pod template is. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../rules/index.js';
import { loadFile } from '../src/load.js';
import { localIndex, NotLocal } from '../src/parallel/local.js';
import { ResourceIndex } from '../src/resource-index.js';
import { toResources, type Resource } from '../src/resource.js';
import { defineRule, type Rule } from '../src/rule-api.js';
import { kindRules, rulesByKind, rulesOf, runRules } from '../src/runner.js';
import { manifests } from './helpers/manifests.js';
import { ROOT } from './helpers/test-rule.js';

function resourcesOf(text: string, file = 'test.yaml'): Resource[] {
  return toResources(loadFile({ path: file, text }).documents, 'default', () => {});
}

const MANIFESTS = `apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: web, image: nginx }] }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: with-template }
spec:
  template:
    spec: { containers: [{ name: app, image: busybox }] }
---
apiVersion: example.com/v1
kind: Widget
metadata: { name: without-template }
spec: { size: 1 }
`;

/** A rule that records each object it is called on. */
function recorder(id: string, extra: Partial<Rule> = {}): { rule: Rule; seen: string[] } {
  const seen: string[] = [];
  const rule = defineRule({
    id, severity: 'warn', description: id, docs: { why: '', fix: '' }, messages: { seen: '{{name}}' }, ...extra,
    check({ resource, report }) {
      seen.push(resource.name);
      report(resource.node('metadata', 'name'), 'seen', { name: resource.name });
    },
  });
  return { rule, seen };
}

describe('runner: rules per object', () => {
  it('calls a podTemplateOnly rule only on objects with a pod template, the others on every object, in rule order', () => {
    const resources = resourcesOf(MANIFESTS);
    const index = new ResourceIndex(resources);
    const every = recorder('every');
    const pods = recorder('pods', { podTemplateOnly: true });
    const last = recorder('last');
    const rules = [every, pods, last].map(({ rule }) => ({ rule, severity: 1 as const }));
    const findings = runRules(resources, index, { rules, kubernetesVersion: '1.35', unreadableDocuments: 0 });
    expect(every.seen).toEqual(['settings', 'web', 'with-template', 'without-template']);
    expect(pods.seen).toEqual(['web', 'with-template']);
    expect(findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([
      'every settings', 'last settings',
      'every web', 'pods web', 'last web',
      'every with-template', 'pods with-template', 'last with-template',
      'every without-template', 'last without-template',
    ]);
  });

  it('calls a podTemplateOr rule on objects with a pod template and on objects of its kinds', () => {
    const resources = resourcesOf(MANIFESTS);
    const index = new ResourceIndex(resources);
    const pods = recorder('pods', { podTemplateOr: ['ConfigMap'] });
    const keyed = recorder('keyed', { podTemplateOr: ['example.com/Widget'] });
    const core = recorder('core', { podTemplateOr: ['/Widget'] });
    runRules(resources, index, { rules: [pods, keyed, core].map(({ rule }) => ({ rule, severity: 1 as const })), kubernetesVersion: '1.35', unreadableDocuments: 0 });
    expect(pods.seen).toEqual(['settings', 'web', 'with-template']);
    expect(keyed.seen).toEqual(['web', 'with-template', 'without-template']);
    expect(core.seen).toEqual(['web', 'with-template']);
  });

  it('keeps one list per kind, the same array when no rule of the kind is podTemplateOnly', () => {
    const [configMap, deployment] = resourcesOf(MANIFESTS);
    const plain = recorder('plain', { kinds: ['ConfigMap'] });
    const pods = recorder('pods', { podTemplateOnly: true, kinds: ['Deployment'] });
    const lookup = kindRules([plain, pods].map(({ rule }) => ({ rule, severity: 1 as const })));
    const ofConfigMap = lookup(configMap);
    expect(ofConfigMap.all.map((each) => each.rule.id)).toEqual(['plain']);
    expect(ofConfigMap.templateless).toBe(ofConfigMap.all);
    expect(lookup(configMap)).toBe(ofConfigMap);
    const ofDeployment = lookup(deployment);
    expect(ofDeployment.all.map((each) => each.rule.id)).toEqual(['pods']);
    expect(ofDeployment.templateless).toEqual([]);
    // The index is asked only when the lists differ.
    const noIndex = new Proxy({}, { get: () => { throw new Error('index asked'); } }) as never;
    expect(rulesOf(ofConfigMap, configMap, noIndex)).toBe(ofConfigMap.all);
    expect(rulesOf(ofDeployment, deployment, localIndex())).toBe(ofDeployment.all);
    expect(rulesByKind([plain, pods].map(({ rule }) => ({ rule, severity: 1 as const })))(deployment).map((each) => each.rule.id)).toEqual(['pods']);
  });
});

describe('podTemplateOnly and podTemplateOr rules', () => {
  const resources = manifests(path.join(ROOT, 'fixtures')).flatMap((file) => resourcesOf(readFileSync(file, 'utf8'), file));
  const index = localIndex();

  it('are declared by the rules whose check starts by returning on an object without a pod template', () => {
    expect(allRules.filter((rule) => rule.podTemplateOnly).length).toBeGreaterThanOrEqual(19);
  });

  /** Where `rule` reports, or reads the index past podTemplate, on a fixture object without a pod template. */
  function templatelessProblems(rule: Rule): string[] {
    const wrong: string[] = [];
    for (const resource of resources) {
      if (index.podTemplate(resource) !== undefined || (rule.kinds && !rule.kinds.includes(resource.kind))) continue;
      if (rule.podTemplateOr?.some((kind) => kind === resource.kind || kind === `${resource.group}/${resource.kind}`)) continue;
      const where = `${rule.id} on ${resource.kind} ${resource.name} (${path.relative(ROOT, resource.file.path)})`;
      const context = {
        resource, index, kubernetesVersion: '1.35', settings: { rejectUnknownKinds: false },
        report: () => void wrong.push(`${where}: reported`),
        get admission(): never { throw new NotLocal('admission'); },
      };
      try {
        rule.check(context);
      } catch (error) {
        wrong.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    return wrong;
  }

  it('neither report nor read the index past podTemplate on any fixture object without a pod template', () => {
    expect(resources.filter((resource) => index.podTemplate(resource) === undefined).length).toBeGreaterThan(500);
    expect(allRules.filter((rule) => rule.podTemplateOnly).flatMap(templatelessProblems)).toEqual([]);
  });

  it('podTemplateOr rules neither report nor read the index past podTemplate on other kinds without a pod template', () => {
    const declaring = allRules.filter((rule) => rule.podTemplateOr);
    expect(declaring.map((rule) => rule.id).sort()).toEqual(['invalid-pod-spec', 'invalid-port', 'invalid-quantity', 'pod-security-violation']);
    expect(declaring.flatMap(templatelessProblems)).toEqual([]);
  });

  it('the check above fails for rules that look at objects without a pod template', () => {
    for (const id of ['invalid-port', 'invalid-quantity', 'missing-namespace', 'pod-security-violation']) {
      const rule = allRules.find((each) => each.id === id)!;
      expect(rule.podTemplateOnly, id).toBeUndefined();
      // Without the kinds it names, the rule would be skipped where it does report.
      expect(templatelessProblems({ ...rule, podTemplateOr: undefined }).length, id).toBeGreaterThan(0);
    }
  });
});
