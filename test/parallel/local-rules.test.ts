/** Pins LOCAL_RULES: each runs over every fixture's built-in objects with an index that only serves `podTemplate`. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import { loadFile } from '../../src/load.js';
import { isBuiltInKind, LOCAL_RULES, localIndex, NotLocal } from '../../src/parallel/local.js';
import { toResources } from '../../src/resource.js';
import { manifests } from '../helpers/manifests.js';
import { ROOT } from '../helpers/test-rule.js';

const resources = manifests(path.join(ROOT, 'fixtures')).flatMap((file) => {
  const { documents } = loadFile({ path: file, text: readFileSync(file, 'utf8') });
  return toResources(documents, 'default', () => {}).filter(isBuiltInKind);
});

/** The ids of rules that reached past their object on some fixture object, with where. */
function reachingRules(): Map<string, string> {
  const reached = new Map<string, string>();
  const index = localIndex();
  for (const rule of allRules) {
    for (const resource of resources) {
      if (rule.kinds && !rule.kinds.includes(resource.kind) && !rule.kinds.includes(`${resource.group}/${resource.kind}`)) continue;
      const context = {
        resource, index, kubernetesVersion: '1.35', settings: { rejectUnknownKinds: false }, report: () => {},
        get admission(): never { throw new NotLocal('admission'); },
      };
      try {
        rule.check(context);
      } catch (error) {
        if (error instanceof NotLocal && !reached.has(rule.id)) reached.set(rule.id, `${error.message} on ${resource.file.path}`);
      }
    }
  }
  return reached;
}

describe('LOCAL_RULES', () => {
  it('are built-in rules that run on objects, not the loader\'s', () => {
    const byId = new Map(allRules.map((rule) => [rule.id, rule]));
    for (const id of LOCAL_RULES) {
      expect(byId.get(id), id).toBeDefined();
      expect(byId.get(id)!.crossResource, id).not.toBe(true);
      expect(byId.get(id)!.builtIn, id).not.toBe(true);
    }
  });

  it('never read past their object on any fixture', () => {
    expect(resources.length).toBeGreaterThan(500);
    const reached = reachingRules();
    expect([...LOCAL_RULES].filter((id) => reached.has(id)).map((id) => `${id}: ${reached.get(id)}`)).toEqual([]);
    // The cross-resource rules are caught by the same check (it can fail).
    expect(reached.has('service-selector-mismatch')).toBe(true);
    expect(reached.has('missing-configmap')).toBe(true);
  });

  it('leave custom resources to the main thread', () => {
    const kinds = (apiVersion: string, kind: string) => isBuiltInKind({ apiVersion, kind } as never);
    expect(kinds('v1', 'Service')).toBe(true);
    expect(kinds('apps/v1', 'Deployment')).toBe(true);
    expect(kinds('policy/v1', 'PodDisruptionBudget')).toBe(true);
    expect(kinds('gateway.networking.k8s.io/v1', 'HTTPRoute')).toBe(false);
    expect(kinds('example.com/v1', 'Widget')).toBe(false);
  });
});
