import { containerLabel, defineRule } from '../src/rule-api.js';

export default defineRule({
  id: 'image-pull-policy-never',
  severity: 'warn',
  podTemplateOnly: true,
  description: 'Controller pod template that never pulls its images',
  docs: {
    why:
      'With `imagePullPolicy: Never` the kubelet only uses an image already present on the node; otherwise the ' +
      'container waits with reason `ErrImageNeverPull` ("Container image ... is not present with pull policy of ' +
      'Never", pkg/kubelet/images `EnsureImageExists`) and is never pulled. A controller (Deployment, StatefulSet, ' +
      'DaemonSet, ReplicaSet, ReplicationController, Job, CronJob, or a custom workload) places its pods on any node ' +
      'and replaces them on new nodes, so this works only while every node has the image preloaded: typical of a ' +
      'local cluster (kind, minikube) and a trap elsewhere. A bare Pod is not reported, as it is usually pinned on ' +
      'purpose.',
    fix: 'Use `imagePullPolicy: IfNotPresent` (the default for tagged images) and push the image to a registry the nodes can reach.',
  },
  messages: {
    never: '{{subject}} sets imagePullPolicy `Never` for image `{{image}}`, so its pods fail with ErrImageNeverPull on any node without that image preloaded; use `IfNotPresent`',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template || resource.kind === 'Pod') return;
    const { containers } = template;
    for (let i = 0; i < containers.length; i++) {
      const ref = containers[i];
      if (ref.container.imagePullPolicy !== 'Never') continue;
      const image = typeof ref.container.image === 'string' ? ref.container.image : '';
      report(resource.node(...ref.path, 'imagePullPolicy'), 'never', { subject: containerLabel(template, ref), image });
    }
  },
});
