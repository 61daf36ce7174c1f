import { describe, expect, it } from 'vitest';
import { controllerPodLabels, jobActivePods, namespaceLabels, networkPolicyTypes, selectedNamespaceName, servicePorts, unlistedNamespaceLabels } from '../../src/k8s/defaults.js';
import { matchesLabels, matchesSelector } from '../../src/k8s/selectors.js';

const owner = (kind: string, group: string, name: string, spec: unknown = {}) => ({ kind, group, name, value: { spec } });

describe('controllerPodLabels', () => {
  it('adds the StatefulSet pod name and index, with ordinals only', () => {
    const labels = controllerPodLabels(owner('StatefulSet', 'apps', 'web'));
    expect(matchesLabels({ 'statefulset.kubernetes.io/pod-name': 'web-12' }, {}, labels)).toBe(true);
    expect(matchesLabels({ 'statefulset.kubernetes.io/pod-name': 'web-01' }, {}, labels)).toBe(false);
    expect(matchesLabels({ 'statefulset.kubernetes.io/pod-name': 'webx-1' }, {}, labels)).toBe(false);
    expect(matchesLabels({ 'apps.kubernetes.io/pod-index': '0' }, {}, labels)).toBe(true);
    expect(matchesLabels({ 'apps.kubernetes.io/pod-index': 'a' }, {}, labels)).toBe(false);
  });

  it('names the pods of a Job after it, and of a CronJob after its Jobs', () => {
    const job = controllerPodLabels(owner('Job', 'batch', 'migrate'));
    expect(matchesLabels({ 'job-name': 'migrate', 'batch.kubernetes.io/controller-uid': 'x' }, {}, job)).toBe(true);
    expect(matchesLabels({ 'job-name': 'migrat' }, {}, job)).toBe(false);
    expect(job.has('batch.kubernetes.io/job-completion-index')).toBe(false);
    expect(controllerPodLabels(owner('Job', 'batch', 'i', { completionMode: 'Indexed' })).has('batch.kubernetes.io/job-completion-index')).toBe(true);
    expect(controllerPodLabels(owner('Job', 'batch', 'm', { manualSelector: true })).size).toBe(0);
    const cron = controllerPodLabels(owner('CronJob', 'batch', 'nightly'));
    expect(matchesLabels({ 'batch.kubernetes.io/job-name': 'nightly-29000000' }, {}, cron)).toBe(true);
    expect(matchesLabels({ 'batch.kubernetes.io/job-name': 'nightly' }, {}, cron)).toBe(false);
    expect(controllerPodLabels(owner('CronJob', 'batch', 'm', { jobTemplate: { spec: { manualSelector: true } } })).size).toBe(0);
  });

  it('adds nothing to ReplicaSets, Pods and custom kinds', () => {
    expect(controllerPodLabels(owner('ReplicaSet', 'apps', 'r')).size).toBe(0);
    expect(controllerPodLabels(owner('Pod', '', 'p')).size).toBe(0);
    expect(controllerPodLabels(owner('Deployment', 'example.com', 'd')).size).toBe(0);
    expect(controllerPodLabels(owner('Deployment', 'extensions', 'd')).has('pod-template-hash')).toBe(true);
  });

  it('evaluates expressions on added labels', () => {
    const deployment = controllerPodLabels(owner('Deployment', 'apps', 'web'));
    const job = controllerPodLabels(owner('Job', 'batch', 'migrate'));
    const expr = (operator: string, key: string, values?: string[]) => ({ matchExpressions: [{ key, operator, ...(values ? { values } : {}) }] });
    expect(matchesSelector(expr('Exists', 'pod-template-hash'), {}, deployment)).toBe(true);
    expect(matchesSelector(expr('DoesNotExist', 'pod-template-hash'), {}, deployment)).toBe(false);
    expect(matchesSelector(expr('In', 'pod-template-hash', ['abc']), {}, deployment)).toBe(true);
    expect(matchesSelector(expr('NotIn', 'pod-template-hash', ['abc']), {}, deployment)).toBe(true);
    expect(matchesSelector(expr('In', 'job-name', ['other']), {}, job)).toBe(false);
    expect(matchesSelector(expr('NotIn', 'job-name', ['migrate']), {}, job)).toBe(false);
    expect(matchesSelector(expr('Exists', 'pod-template-hash'), {}, job)).toBe(false);
  });
});

describe('networkPolicyTypes', () => {
  it('defaults to Ingress, plus Egress with egress rules', () => {
    expect([...networkPolicyTypes({})]).toEqual(['Ingress']);
    expect([...networkPolicyTypes({ egress: [] })]).toEqual(['Ingress']);
    expect([...networkPolicyTypes({ egress: [{}] })]).toEqual(['Ingress', 'Egress']);
    expect([...networkPolicyTypes({ egress: [{}], policyTypes: ['Egress'] })]).toEqual(['Egress']);
    expect([...networkPolicyTypes({ policyTypes: [] })]).toEqual(['Ingress']);
  });
});

describe('jobActivePods', () => {
  it('runs min(parallelism, completions) pods, 1 when both are unset', () => {
    expect(jobActivePods({})).toBe(1);
    expect(jobActivePods({ parallelism: 5 })).toBe(5);
    expect(jobActivePods({ parallelism: 5, completions: 2 })).toBe(2);
    expect(jobActivePods({ completions: 8 })).toBe(1);
    expect(jobActivePods({ parallelism: 0, completions: 3 })).toBe(0);
  });
});

describe('namespace name label', () => {
  const name = 'kubernetes.io/metadata.name';
  it('names the one namespace a selector on kubernetes.io/metadata.name selects', () => {
    expect(selectedNamespaceName({ matchLabels: { [name]: 'shop' } })).toBe('shop');
    expect(selectedNamespaceName({ matchExpressions: [{ key: name, operator: 'In', values: ['shop'] }] })).toBe('shop');
    expect(selectedNamespaceName({ matchExpressions: [{ key: name, operator: 'In', values: ['a', 'b'] }] })).toBeUndefined();
    expect(selectedNamespaceName({ matchExpressions: [{ key: name, operator: 'NotIn', values: ['a'] }] })).toBeUndefined();
    expect(selectedNamespaceName({ matchLabels: { [name]: 'shop', team: 'a' } })).toBeUndefined();
    expect(selectedNamespaceName({})).toBeUndefined();
  });

  it('evaluates a selector on the name label alone without the Namespace object', () => {
    expect(unlistedNamespaceLabels({ matchLabels: { [name]: 'shop' } }, 'shop')?.[name]).toBe('shop');
    expect(unlistedNamespaceLabels({ matchLabels: { [name]: 'shop', env: 'prod' } }, 'shop')).toBeUndefined();
    expect(namespaceLabels('shop', { env: 'prod', [name]: 'other' })).toEqual({ env: 'prod', [name]: 'shop' });
  });
});

describe('servicePorts entries', () => {
  it('have the same keys in the same order whether or not the optional ones are set', () => {
    const [full, bare] = servicePorts({ ports: [
      { name: 'http', port: 80, targetPort: 'web', protocol: 'UDP', nodePort: 30080 },
      { port: 81, targetPort: 0 },
    ] });
    expect(Object.keys(full)).toEqual(['index', 'name', 'port', 'targetPort', 'targetPortWritten', 'protocol', 'nodePort']);
    expect(full).toEqual({ index: 0, name: 'http', port: 80, targetPort: 'web', targetPortWritten: true, protocol: 'UDP', nodePort: 30080 });
    expect(Object.keys(bare)).toEqual(['index', 'port', 'targetPort', 'targetPortWritten', 'protocol']);
    expect(bare).toEqual({ index: 1, port: 81, targetPort: 81, targetPortWritten: false, protocol: 'TCP' });
    expect(servicePorts({ ports: [null, { port: '80' }, { port: 8080 }] }).map((p) => p.index)).toEqual([2]);
  });
});
