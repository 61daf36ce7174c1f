import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load.js';
import { toResources } from '../../src/resource.js';
import { ResourceIndex } from '../../src/resource-index.js';
import { parseImageReference } from '../../src/k8s/image-reference.js';
import { claimUsers, claimUses, containerLabelFrom, formatHostPort, hostPortConflicts, hostPortUses, mountsOf, pinnedImage, podCount, repositoryOf, runsSeveralPods } from '../../src/k8s/workload.js';
import { portReferences, probeCheck, probeTiming } from '../../src/k8s/probes.js';

function indexOf(text: string) {
  const { documents } = loadFile({ path: 'test.yaml', text });
  return new ResourceIndex(toResources(documents, 'default'));
}

function templateOf(index: ResourceIndex, name: string) {
  return index.podTemplate(index.resources.find((r) => r.name === name)!)!;
}

const run = indexOf(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  template:
    spec:
      hostNetwork: true
      initContainers:
        - name: proxy
          image: envoy:1.31
          restartPolicy: Always
          ports: [{containerPort: 15000, protocol: UDP}]
        - name: init
          image: busybox
          ports: [{containerPort: 1, hostPort: 1}]
      containers:
        - name: app
          image: ghcr.io/acme/web:2.0
          ports: [{name: http, containerPort: 8080}]
          readinessProbe: {httpGet: {port: http}}
          livenessProbe: {httpGet: {path: /, port: 8080, scheme: http}, periodSeconds: 10}
          startupProbe: {tcpSocket: {port: http, host: db}}
          lifecycle: {preStop: {httpGet: {port: admin}}, postStart: {tcpSocket: {port: http}}}
          volumeMounts: [{name: data, mountPath: /data, readOnly: true}, {name: unused-claim-typo, mountPath: /x}]
          volumeDevices: [{name: raw, devicePath: /dev/raw}]
      volumes:
        - {name: data, persistentVolumeClaim: {claimName: shared, readOnly: true}}
        - {name: spare, persistentVolumeClaim: {claimName: shared}}
        - {name: raw, persistentVolumeClaim: {claimName: block}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec: {scaleTargetRef: {kind: Deployment, name: web}, maxReplicas: 6}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: monitoring}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: ghcr.io/acme/web
          ports: [{containerPort: 9, hostPort: 8080, hostIP: 10.0.0.1}, {containerPort: 9, hostPort: 15000, protocol: UDP}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  replicas: 1
  template:
    spec:
      containers:
        - name: pg
          image: postgres
          ports: [{containerPort: 5432, hostPort: 8080, hostIP: 10.0.0.2}]
          volumeMounts: [{name: data, mountPath: /data}, {name: shared, mountPath: /shared}]
      volumes:
        - {name: data, persistentVolumeClaim: {claimName: replaced-by-template}}
        - {name: shared, persistentVolumeClaim: {claimName: shared}}
  volumeClaimTemplates: [{metadata: {name: data}}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: batch, namespace: shop}
spec:
  parallelism: 0
  template:
    spec:
      containers: [{name: j, image: j, ports: [{containerPort: 8080, hostPort: 8080}]}]
`);

describe('podCount', () => {
  it('uses an autoscaler maxReplicas above the replicas', () => {
    const count = podCount(run, templateOf(run, 'web'));
    expect(count).toEqual({ count: 6, text: 'up to 6 replicas (HorizontalPodAutoscaler `web`)' });
    expect(runsSeveralPods(count)).toBe(true);
  });
  it('says one pod per node for a DaemonSet and counts parallel Job pods', () => {
    expect(podCount(run, templateOf(run, 'agent'))).toEqual({ count: undefined, text: 'one pod per node' });
    expect(runsSeveralPods(podCount(run, templateOf(run, 'db')))).toBe(false);
    expect(podCount(run, templateOf(run, 'batch')).text).toBe('0 parallel pods');
  });
});

describe('probes and hooks', () => {
  const web = templateOf(run, 'web');
  const app = web.containers.find((c) => c.container.name === 'app')!;
  it('lists probe and httpGet hook ports with their paths, skipping tcpSocket hooks', () => {
    expect(portReferences(app).map((r) => [r.site, r.action, r.port, r.host, r.path.slice(-3).join('.')])).toEqual([
      ['startupProbe', 'tcpSocket', 'http', 'db', 'startupProbe.tcpSocket.port'],
      ['readinessProbe', 'httpGet', 'http', undefined, 'readinessProbe.httpGet.port'],
      ['livenessProbe', 'httpGet', 8080, undefined, 'livenessProbe.httpGet.port'],
      ['preStop', 'httpGet', 'admin', undefined, 'preStop.httpGet.port'],
    ]);
  });
  it('treats defaulted and resolved probes as the same check', () => {
    const { readinessProbe, livenessProbe } = app.container;
    const ready = probeCheck(readinessProbe!, app.container)!;
    expect(ready).toEqual({ key: probeCheck(livenessProbe!, app.container)!.key, port: 8080, text: 'httpGet `:8080/`' });
    expect(probeTiming(readinessProbe!)).toEqual({ initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 1, failureThreshold: 3 });
    expect(probeCheck({ exec: { command: ['cat', '/ready'] } }, app.container)!.text).toBe('exec `cat /ready`');
  });
});

describe('volumes', () => {
  it('lists mounts and devices', () => {
    const app = templateOf(run, 'web').containers.find((c) => c.container.name === 'app')!;
    expect(mountsOf(app).map((m) => [m.field, m.name, m.target, m.readOnly])).toEqual([
      ['volumeMounts', 'data', '/data', true],
      ['volumeMounts', 'unused-claim-typo', '/x', false],
      ['volumeDevices', 'raw', '/dev/raw', false],
    ]);
  });
  it('keeps mounted claim volumes and skips unused ones and StatefulSet claim templates', () => {
    expect(claimUses(templateOf(run, 'web')).map((u) => [u.volume, u.claim, u.sourceReadOnly, u.mounts.length])).toEqual([
      ['data', 'shared', true, 1],
      ['raw', 'block', false, 1],
    ]);
    expect(claimUses(templateOf(run, 'db')).map((u) => u.volume)).toEqual(['shared']);
  });
  it('finds every user of a claim in its namespace', () => {
    expect(claimUsers(run, 'shop', 'shared').map((u) => u.template.owner.name)).toEqual(['web', 'db']);
    expect(claimUsers(run, 'monitoring', 'shared')).toEqual([]);
  });
});

describe('host ports', () => {
  it('takes container ports of hostNetwork pods and sidecars, not of init containers', () => {
    expect(hostPortUses(templateOf(run, 'web')).map((u) => [formatHostPort(u), u.path.at(-1)])).toEqual([
      ['8080/TCP', 'containerPort'],
      ['15000/UDP', 'containerPort'],
    ]);
  });
  it('finds conflicts across namespaces with overlapping addresses, ignoring scaled-down templates', () => {
    const [http] = hostPortUses(templateOf(run, 'web')).filter((u) => u.hostPort === 8080);
    const others = hostPortConflicts(run, http).map((u) => containerLabelFrom('shop', u.template, u.ref));
    expect(others).toEqual(['DaemonSet `agent` container `agent` in namespace `monitoring`', 'StatefulSet `db` container `pg`']);
    const [agent] = hostPortUses(templateOf(run, 'agent'));
    expect(hostPortConflicts(run, agent).map((u) => u.template.owner.name)).toEqual(['web']);
  });
});

describe('images', () => {
  it('normalises Docker Hub repositories', () => {
    const repo = (image: string) => {
      const parsed = parseImageReference(image);
      if (!parsed.ok) throw new Error(parsed.reason);
      return repositoryOf(parsed.reference);
    };
    expect(repo('nginx')).toBe('docker.io/library/nginx');
    expect(repo('index.docker.io/library/nginx:1.27')).toBe('docker.io/library/nginx');
    expect(repo('bitnami/redis')).toBe('docker.io/bitnami/redis');
    expect(repo('localhost:5000/app:1')).toBe('localhost:5000/app');
  });
  it('finds an image of the run that pins the repository', () => {
    expect(pinnedImage(run, 'ghcr.io/acme/web')?.image).toBe('ghcr.io/acme/web:2.0');
    expect(pinnedImage(run, 'docker.io/library/postgres')).toBeUndefined();
  });
});
