import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load.js';
import { toResources } from '../../src/resource.js';
import { ResourceIndex } from '../../src/resource-index.js';
import {
  desiredPods, effectiveContainers, formatAmount, isBestEffort, limitRangeItems, missingForQuota, podTotals, quotaAppliesTo, quotasIn,
  requirementNode,
} from '../../src/k8s/resources.js';

function indexOf(text: string) {
  const { documents } = loadFile({ path: 'test.yaml', text });
  const index = new ResourceIndex(toResources(documents, 'default'));
  const owner = index.resources.find((r) => index.podTemplate(r) !== undefined && r.name === 'web')!;
  const template = index.podTemplate(owner)!;
  return { index, template, containers: effectiveContainers(index, template) };
}

const web = (spec: string, kind = 'Deployment', extra = '') =>
  `apiVersion: ${kind === 'Deployment' ? 'apps/v1' : kind === 'Pod' ? 'v1' : 'batch/v1'}\nkind: ${kind}\nmetadata: {name: web, namespace: shop}\nspec:\n${extra}${kind === 'Pod' ? spec : `  template:\n    spec:\n${spec.replace(/^/gm, '    ')}`}\n`;
const amounts = (map: ReadonlyMap<string, { text: string; source: string }>) => Object.fromEntries([...map].map(([k, v]) => [k, `${v.text}/${v.source}`]));

describe('limitRangeItems', () => {
  it('applies SetDefaults_LimitRangeItem to Container items only', () => {
    const { index } = indexOf(
      'apiVersion: v1\nkind: LimitRange\nmetadata: {name: lr, namespace: shop}\nspec:\n  limits:\n    - {type: Container, max: {cpu: "2"}, min: {memory: 64Mi}, default: {memory: 512Mi}}\n    - {type: Pod, max: {cpu: "4"}}\n---\n' +
        web('  containers: [{name: a, image: nginx}]\n', 'Pod'),
    );
    const [container, pod] = limitRangeItems(index.list('LimitRange')[0]);
    expect(amounts(container.default)).toEqual({ memory: '512Mi/default', cpu: '2/default' });
    expect(amounts(container.defaultRequest)).toEqual({ memory: '512Mi/default', cpu: '2/default' });
    expect(pod.default.size).toBe(0);
  });
});

describe('effectiveContainers', () => {
  it('defaults requests to limits, then fills LimitRange defaults, first LimitRange by name winning', () => {
    const lr = (name: string, items: string) => `apiVersion: v1\nkind: LimitRange\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  limits: [${items}]\n---\n`;
    const { containers } = indexOf(
      lr('b', '{type: Container, default: {cpu: "3", memory: 3Gi}}') +
        lr('a', '{type: Container, default: {cpu: "1"}, defaultRequest: {cpu: 100m}}') +
        web('  initContainers: [{name: init, image: busybox, resources: {limits: {memory: 1Gi}}}]\n  containers: [{name: app, image: nginx}]\n  ephemeralContainers: [{name: debug, image: busybox}]\n', 'Pod'),
    );
    expect(containers.map((c) => c.name)).toEqual(['app', 'init']);
    expect(amounts(containers[0].limits)).toEqual({ cpu: '1/default', memory: '3Gi/default' });
    expect(amounts(containers[0].requests)).toEqual({ cpu: '100m/default', memory: '3Gi/default' });
    expect(amounts(containers[1].requests)).toEqual({ memory: '1Gi/limit', cpu: '100m/default' });
    expect(containers[1].limits.get('cpu')?.limitRange?.name).toBe('a');
  });
});

describe('podTotals', () => {
  it('sums containers and sidecars and keeps at least the largest init container', () => {
    const { containers } = indexOf(
      web(
        '  initContainers:\n    - {name: sidecar, image: envoy, restartPolicy: Always, resources: {requests: {cpu: 100m}}}\n    - {name: init, image: busybox, resources: {requests: {cpu: "2", memory: 1Gi}}}\n  containers:\n    - {name: a, image: nginx, resources: {requests: {cpu: 200m, memory: 256Mi}}}\n    - {name: b, image: nginx, resources: {requests: {cpu: 300m}}}\n',
        'Pod',
      ),
    );
    const totals = podTotals(containers, 'requests');
    expect(totals.get('cpu')).toBeCloseTo(2.1);
    expect(totals.get('memory')).toBe(2 ** 30);
    expect(podTotals(containers, 'requests', new Map([['cpu', { value: 4, text: '4', source: 'set' }]])).get('cpu')).toBe(4);
  });
});

describe('quotaAppliesTo', () => {
  const quota = (scopes: string) => `apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: shop}\nspec:\n  hard: {pods: "5"}\n${scopes}---\n`;
  const check = (scopes: string, spec: string, extra = '') => {
    const { index, template, containers } = indexOf(extra + quota(scopes) + web(spec, 'Pod'));
    return quotaAppliesTo(index, quotasIn(index, 'shop')[0], template, containers);
  };
  const plain = '  containers: [{name: a, image: nginx}]\n';
  it('evaluates BestEffort, Terminating and cross-namespace affinity scopes', () => {
    expect(check('  scopes: [BestEffort]\n', plain)).toBe(true);
    expect(check('  scopes: [NotBestEffort]\n', plain)).toBe(false);
    expect(check('  scopes: [Terminating]\n', `  activeDeadlineSeconds: 60\n${plain}`)).toBe(true);
    expect(check('  scopes: [NotTerminating, BestEffort]\n', `  activeDeadlineSeconds: 60\n${plain}`)).toBe(false);
    expect(check('  scopes: [CrossNamespacePodAffinity]\n', `  affinity: {podAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: zone, namespaceSelector: {}}]}}\n${plain}`)).toBe(true);
  });
  it('evaluates PriorityClass selectors, with the globalDefault PriorityClass of the run', () => {
    const selector = (op: string, values = '') => `  scopeSelector:\n    matchExpressions: [{scopeName: PriorityClass, operator: ${op}${values}}]\n`;
    expect(check(selector('In', ', values: [high]'), `  priorityClassName: high\n${plain}`)).toBe(true);
    expect(check(selector('NotIn', ', values: [high]'), `  priorityClassName: high\n${plain}`)).toBe(false);
    expect(check(selector('Exists'), plain)).toBeUndefined();
    const globalDefault = 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: normal}\nvalue: 100\nglobalDefault: true\n---\n';
    expect(check(selector('In', ', values: [normal]'), plain, globalDefault)).toBe(true);
  });
  it('reports the quota names a container lacks', () => {
    const { index, containers } = indexOf('apiVersion: v1\nkind: ResourceQuota\nmetadata: {name: q, namespace: shop}\nspec: {hard: {cpu: "1", limits.memory: 1Gi, requests.storage: 1Gi}}\n---\n' + web(plain, 'Pod'));
    expect(missingForQuota(quotasIn(index, 'shop')[0], containers[0])).toEqual(['cpu', 'limits.memory']);
    expect(isBestEffort(containers, indexOf(web(plain, 'Pod')).template)).toBe(true);
  });
});

describe('desiredPods', () => {
  it('uses replicas, the HPA minimum, and Job parallelism capped by completions', () => {
    expect(desiredPods(...pair(web('  containers: [{name: a, image: nginx}]\n', 'Deployment', '  replicas: 4\n')))).toEqual({ count: 4 });
    const hpa = 'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: h, namespace: shop}\nspec: {scaleTargetRef: {kind: Deployment, name: web}, minReplicas: 2, maxReplicas: 5}\n---\n';
    expect(desiredPods(...pair(hpa + web('  containers: [{name: a, image: nginx}]\n', 'Deployment', '  replicas: 4\n')))?.count).toBe(2);
    expect(desiredPods(...pair(web('  containers: [{name: a, image: nginx}]\n', 'Job', '  parallelism: 5\n  completions: 3\n')))).toEqual({ count: 3 });
    expect(desiredPods(...pair(web('  containers: [{name: a, image: nginx}]\n', 'Job', '  suspend: true\n')))).toEqual({ count: 0 });
  });
});

function pair(text: string) {
  const { index, template } = indexOf(text);
  return [index, template] as const;
}

describe('formatAmount and requirementNode', () => {
  it('formats cpu and bytes', () => {
    expect(formatAmount('requests.cpu', 2.5)).toBe('2500m');
    expect(formatAmount('cpu', 3)).toBe('3');
    expect(formatAmount('limits.memory', 1536 * 2 ** 20)).toBe('1536Mi');
    expect(formatAmount('memory', 2 * 2 ** 30)).toBe('2Gi');
    expect(formatAmount('memory', 5e8)).toBe('500M');
    expect(formatAmount('pods', 7)).toBe('7');
  });
  it('points at the value, the field key, resources or the container name', () => {
    const { template, containers } = indexOf(web('  containers:\n    - {name: a, image: nginx, resources: {requests: {cpu: 1}}}\n    - {name: b, image: nginx}\n', 'Pod'));
    expect(requirementNode(template, containers[0], 'requests', 'cpu').path).toEqual(['spec', 'containers', 0, 'resources', 'requests', 'cpu']);
    expect(requirementNode(template, containers[0], 'limits')).toMatchObject({ path: ['spec', 'containers', 0, 'resources'], key: true });
    expect(requirementNode(template, containers[1], 'limits').path).toEqual(['spec', 'containers', 1, 'name']);
  });
});
