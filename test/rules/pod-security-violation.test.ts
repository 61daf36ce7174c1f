import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import rule from '../../rules/pod-security-violation.js';
import { effectiveConfig, lintOptions, parse } from '../../src/cli-args.js';
import { loadConfig } from '../../src/config.js';
import { lint } from '../../src/engine.js';
import { testRule } from '../helpers/test-rule.js';

const namespace = (labels: string) => `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {${labels}}\n---\n`;
const deployment = (podSpec: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n${podSpec}`;
const probeHost = '      containers:\n        - name: web\n          image: nginx\n          livenessProbe: {httpGet: {host: 10.0.0.1, port: 80}}\n';

testRule(rule, {
  valid: [
    { name: 'no labelled Namespace and no configuration', code: deployment('      hostNetwork: true\n      containers: [{name: web, image: nginx}]\n') },
    { name: 'a privileged namespace', code: namespace('pod-security.kubernetes.io/enforce: privileged') + deployment('      hostPID: true\n      containers: [{name: web, image: nginx}]\n') },
    { name: 'latest is the target version (probe hosts are checked from 1.34)', code: namespace('pod-security.kubernetes.io/enforce: baseline') + deployment(probeHost), options: { kubernetesVersion: '1.33' } },
    {
      name: 'Deployment and ReplicaSet pods exempt through the controller username',
      code: namespace('pod-security.kubernetes.io/enforce: baseline') + deployment('      hostIPC: true\n      containers: [{name: web, image: nginx}]\n'),
      options: { podSecurity: { exemptions: { usernames: ['system:serviceaccount:kube-system:replicaset-controller'] } } },
    },
  ],
  invalid: [
    {
      name: 'enforce: the message names the policy, the label, the check and the outcome',
      code: namespace('pod-security.kubernetes.io/enforce: baseline') + deployment(probeHost),
      errors: [{
        message:
          'The pods of Deployment `web` are never created (FailedCreate): violates PodSecurity `baseline:latest` (label `pod-security.kubernetes.io/enforce: baseline` of Namespace `shop`): probe or lifecycle host (container "web" uses probe or lifecycle host "10.0.0.1")',
        line: 16,
        column: 43,
        severity: 2,
      }],
    },
    {
      name: 'a custom kind with a pod template (Argo Rollout)',
      code: namespace('pod-security.kubernetes.io/enforce: baseline') +
        'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web, namespace: shop}\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers: [{name: web, image: nginx}]\n',
      errors: [{ message: /^The pods of Rollout `web` are never created \(FailedCreate\): violates PodSecurity `baseline:latest` .*: host namespaces \(hostNetwork=true\)$/, line: 13, column: 20 }],
    },
    {
      name: 'a namespace declared in the configuration (its Namespace object is not linted)',
      code: deployment('      hostPID: true\n      containers: [{name: web, image: nginx}]\n'),
      options: { podSecurity: { namespaces: { shop: { enforce: 'baseline', 'enforce-version': 'v1.30' } } } },
      errors: [{ message: 'The pods of Deployment `web` are never created (FailedCreate): violates PodSecurity `baseline:v1.30` (`podSecurity.namespaces.shop.enforce` in the configuration): host namespaces (hostPID=true)', line: 7, column: 16 }],
    },
    {
      name: 'a pinned version is named with its label',
      code: namespace('pod-security.kubernetes.io/enforce: baseline, pod-security.kubernetes.io/enforce-version: v1.20') + deployment('      hostPID: true\n      containers: [{name: web, image: nginx}]\n'),
      errors: [{ message: /^The pods of Deployment `web` are never created \(FailedCreate\): violates PodSecurity `baseline:v1\.20` \(labels `pod-security\.kubernetes\.io\/enforce: baseline` and `pod-security\.kubernetes\.io\/enforce-version: v1\.20` of Namespace `shop`\): host namespaces \(hostPID=true\)$/, line: 13, column: 16 }],
    },
    {
      name: 'warn and audit: a warning naming both consequences',
      code: namespace('pod-security.kubernetes.io/warn: baseline, pod-security.kubernetes.io/audit: baseline') +
        'apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: shop}\nspec:\n  containers:\n    - name: web\n      image: nginx\n      securityContext: {capabilities: {add: [NET_ADMIN]}}\n',
      errors: [{
        message:
          'Pod `web` would violate PodSecurity `baseline:latest` (label `pod-security.kubernetes.io/warn: baseline` of Namespace `shop`): non-default capabilities (container "web" must not include "NET_ADMIN" in securityContext.capabilities.add); kubectl prints it as a warning on apply and the audit log records it',
        line: 14,
        column: 46,
        severity: 1,
      }],
    },
    {
      name: 'enforce a pinned version, warn at latest: only what enforce misses is a warning',
      code: namespace('pod-security.kubernetes.io/enforce: baseline, pod-security.kubernetes.io/enforce-version: v1.33, pod-security.kubernetes.io/warn: baseline') +
        deployment('      hostPID: true\n' + probeHost),
      errors: [
        { message: /^The pods of Deployment `web` are never created .* host namespaces \(hostPID=true\)$/, line: 13, column: 16, severity: 2 },
        { message: /^The pods of Deployment `web` would violate PodSecurity `baseline:latest` .*: probe or lifecycle host/, line: 17, column: 43, severity: 1 },
      ],
    },
  ],
});

describe('configuration `podSecurity`', () => {
  async function load(text: string) {
    const dir = mkdtempSync(path.join(tmpdir(), 'k8s-lint-psa-'));
    writeFileSync(path.join(dir, '.k8s-lint.yaml'), text);
    return loadConfig(path.join(dir, '.k8s-lint.yaml'), allRules.map((r) => r.id), '.k8s-lint.yaml');
  }

  it('accepts defaults, declared namespaces and exemptions', async () => {
    const loaded = await load('podSecurity:\n  defaults: {enforce: baseline, enforce-version: v1.30, warn: restricted}\n  namespaces:\n    payments: {enforce: restricted}\n  exemptions: {namespaces: [kube-system], runtimeClasses: [kata]}\n');
    expect(loaded.ok && loaded.loaded.config.podSecurity?.namespaces?.payments).toEqual({ enforce: 'restricted' });
  });

  it('reaches the rule through the effective configuration', async () => {
    const loaded = await load('podSecurity:\n  defaults: {enforce: baseline}\n');
    if (!loaded.ok) throw new Error(loaded.message);
    const flags = parse(['x.yaml']).values;
    const options = lintOptions(effectiveConfig(flags, loaded.loaded, allRules.map((r) => r.id)), flags, loaded.loaded.dir, loaded.loaded);
    expect(options.podSecurity).toEqual({ defaults: { enforce: 'baseline' } });
    const output = await lint([{ path: 'p.yaml', text: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  hostIPC: true\n  containers: [{name: c, image: nginx}]\n' }], { ...options, ruleSet: [rule] });
    expect(output.results[0].messages.map((m) => m.message)).toEqual([expect.stringMatching(/^Pod `p` is rejected: violates PodSecurity `baseline:latest` \(the cluster default `podSecurity.defaults.enforce`/)]);
  });

  it('rejects an unknown level and a malformed version with the key and line', async () => {
    const loaded = await load('podSecurity:\n  defaults:\n    enforce: strict\n    warn-version: "1.30"\n');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) {
      expect(loaded.message).toContain('.k8s-lint.yaml:3:14: `podSecurity.defaults.enforce`: must be one of `privileged`, `baseline`, `restricted`');
      expect(loaded.message).toContain('.k8s-lint.yaml:4:19: `podSecurity.defaults.warn-version`: `1.30` is not valid');
    }
  });
});
