/** podTemplateOf: where each workload kind keeps its pod, and the paths of its containers from the owner's root. */
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load.js';
import { toResources } from '../../src/resource.js';
import { podTemplateObject, podTemplateOf } from '../../src/k8s/pod-template.js';

const objects = (text: string) => toResources(loadFile({ path: 'test.yaml', text }).documents, 'default');

describe('podTemplateOf', () => {
  const [pod, cronJob, podTemplate] = objects(`apiVersion: v1
kind: Pod
metadata: {name: p, namespace: shop, labels: {app: shop}}
spec:
  initContainers: [{name: init, image: busybox}]
  containers: [{name: a, image: a}, junk, {name: b, image: b}]
  ephemeralContainers: [{name: debug, image: busybox}]
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: '0 0 * * *'
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: nightly, port: 80}}
        spec: {containers: [{name: job, image: job}], restartPolicy: Never}
---
apiVersion: v1
kind: PodTemplate
metadata: {name: tpl, namespace: shop}
template:
  spec: {containers: [{name: t, image: t}]}
`);

  it('lists the containers of every group in order, with their paths from the owner', () => {
    const template = podTemplateOf(pod)!;
    expect(template.containers.map((r) => [r.container.name, r.group, r.index, r.path])).toEqual([
      ['a', 'containers', 0, ['spec', 'containers', 0]],
      ['b', 'containers', 2, ['spec', 'containers', 2]],
      ['init', 'initContainers', 0, ['spec', 'initContainers', 0]],
      ['debug', 'ephemeralContainers', 0, ['spec', 'ephemeralContainers', 0]],
    ]);
    // Made once and shared by every rule that reads it: frozen, so no caller can change it for the others.
    expect(template.containers[0].path).toBe(template.containers[0].path);
    expect(() => (template.containers[0].path as unknown[]).push('changed')).toThrow(TypeError);
    expect(template.containers[0].path).toEqual(['spec', 'containers', 0]);
    expect([template.namespace, template.replicas, { ...template.labels }]).toEqual(['shop', 1, { app: 'shop' }]);
  });

  it('finds the template below a CronJob, with string labels, and points node() below its spec', () => {
    const template = podTemplateOf(cronJob)!;
    const specPath = ['spec', 'jobTemplate', 'spec', 'template', 'spec'];
    expect(template.containers.map((r) => r.path)).toEqual([[...specPath, 'containers', 0]]);
    expect({ ...template.labels }).toEqual({ app: 'nightly', port: '80' });
    expect([template.namespace, template.owner, [...template.controllerLabels.keys()]]).toEqual(['default', cronJob, expect.arrayContaining(['job-name'])]);
    expect(template.node('containers', 0, 'image')).toMatchObject({ docIndex: 1, path: [...specPath, 'containers', 0, 'image'] });
    expect(template.node()).toMatchObject({ path: specPath });
  });

  it('reads a core PodTemplate object only through podTemplateObject', () => {
    expect(podTemplateOf(podTemplate)).toBeUndefined();
    const template = podTemplateObject(podTemplate)!;
    expect(template.containers.map((r) => r.path)).toEqual([['template', 'spec', 'containers', 0]]);
    expect(template.node('containers')).toMatchObject({ path: ['template', 'spec', 'containers'] });
  });
});
