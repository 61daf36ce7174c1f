import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load.js';
import { toResources } from '../../src/resource.js';
import { ResourceIndex } from '../../src/resource-index.js';
import { closestLabelled, declaredPorts, monitoredPods, monitoredServices, monitorScope, selectsClusterService, servicePods, servicePortList } from '../../src/k8s/monitoring.js';

const { documents } = loadFile({ path: 'test.yaml', text: `
apiVersion: v1
kind: Service
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {selector: {app: api-pods}, ports: [{name: metrics, port: 9090, targetPort: m}, {port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: other, labels: {app: api}}
spec: {ports: [{port: 80}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api, namespace: shop}
spec:
  template:
    metadata: {labels: {app: api-pods}}
    spec:
      initContainers: [{name: init, image: busybox, ports: [{name: sidecar, containerPort: 15090}]}]
      containers: [{name: api, image: api, ports: [{name: m, containerPort: 9090}, {containerPort: 8080}]}]
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: own, namespace: shop}
spec: {selector: {matchLabels: {app: api}}, endpoints: [{port: metrics}]}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: any, namespace: monitoring}
spec: {namespaceSelector: {any: true}, selector: {matchLabels: {app: api}}, endpoints: [{port: metrics}]}
---
apiVersion: monitoring.coreos.com/v1
kind: PodMonitor
metadata: {name: pods, namespace: monitoring}
spec: {namespaceSelector: {matchNames: [shop, shop]}, selector: {matchExpressions: [{key: app, operator: In, values: [api-pods]}]}}
` });
const index = new ResourceIndex(toResources(documents, 'default'));
const get = (kind: string, namespace: string, name: string) => index.get(`monitoring.coreos.com/${kind}`, namespace, name)!;

describe('prometheus-operator discovery', () => {
  it('searches the own namespace by default, matchNames, or every namespace', () => {
    expect(monitorScope(get('ServiceMonitor', 'shop', 'own'))).toEqual({ any: false, namespaces: ['shop'] });
    expect(monitorScope(get('ServiceMonitor', 'monitoring', 'any'))).toEqual({ any: true, namespaces: [] });
    expect(monitorScope(get('PodMonitor', 'monitoring', 'pods'))).toEqual({ any: false, namespaces: ['shop'] });
  });

  it("matches a Service's own labels and a pod template's labels", () => {
    expect(monitoredServices(index, get('ServiceMonitor', 'shop', 'own')).map((s) => s.namespace)).toEqual(['shop']);
    expect(monitoredServices(index, get('ServiceMonitor', 'monitoring', 'any')).map((s) => s.namespace).sort()).toEqual(['other', 'shop']);
    expect(monitoredPods(index, get('PodMonitor', 'monitoring', 'pods')).map((t) => t.owner.name)).toEqual(['api']);
  });

  it('finds Services by their own labels through the index', () => {
    expect(index.servicesLabelled({ app: 'api' }, 'shop').map((s) => s.name)).toEqual(['api']);
    expect(index.servicesLabelled({ app: 'api-pods' }, 'shop')).toEqual([]);
    expect(index.servicesLabelled({}, 'shop')).toEqual([]);
  });

  it('reads ports of Services and pods', () => {
    const service = index.get('Service', 'shop', 'api')!;
    expect(servicePortList(service)).toEqual([{ name: 'metrics', port: 9090, targetPort: 'm' }, { name: undefined, port: 80, targetPort: undefined }]);
    const [pods] = servicePods(index, service);
    expect(declaredPorts(pods).map((p) => `${p.container}:${p.name ?? ''}:${p.number}`)).toEqual(['api:m:9090', 'api::8080', 'init:sidecar:15090']);
    expect(servicePods(index, index.get('Service', 'other', 'api')!)).toEqual([]);
  });

  it('knows the Services every cluster has', () => {
    const monitors = toResources(loadFile({ path: 'm.yaml', text: `
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: dns, namespace: kube-system}
spec: {selector: {matchLabels: {k8s-app: kube-dns}}, endpoints: [{port: metrics}]}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: dns, namespace: monitoring}
spec: {selector: {matchLabels: {k8s-app: kube-dns}}, endpoints: [{port: metrics}]}
` }).documents, 'default');
    expect(monitors.map(selectsClusterService)).toEqual([true, false]);
  });

  it('finds the closest labelled candidate', () => {
    const items: Array<{ n: string; l: Record<string, string> }> = [{ n: 'a', l: { app: 'web' } }, { n: 'b', l: { app: 'api', tier: 'x' } }];
    expect(closestLabelled({ matchLabels: { app: 'api' } }, items, (i) => i.l, (i) => i.n, '')?.n).toBe('b');
    expect(closestLabelled({ matchLabels: { app: 'api' } }, [], (i: { l: Record<string, string> }) => i.l, () => '', '')).toBeUndefined();
  });
});
