import { defineRule } from '../src/rule-api.js';

const GROUP_LABEL = { containers: 'container', initContainers: 'init container', ephemeralContainers: 'ephemeral container' };
/** Kinds whose pod template the API server validates with `ValidatePodTemplateSpec` / `ValidatePodSpec`. */
const BUILT_IN = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Job', 'CronJob']);
const BUILT_IN_GROUPS = new Set(['', 'apps', 'batch', 'extensions']);

export default defineRule({
  id: 'missing-container-image',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Container without an image in a Pod or a built-in workload',
  docs: {
    why:
      '`image` is optional in the OpenAPI schema (so that tools can fill it in later), but the API server requires ' +
      'it: `validateContainerCommon` in pkg/apis/core/validation adds `field.Required(path.Child("image"))` for ' +
      'every container, init container and ephemeral container whose image is empty, and it runs for Pods and for ' +
      'the pod templates of Deployments, ReplicaSets, StatefulSets, DaemonSets, ReplicationControllers, Jobs and ' +
      'CronJobs alike. `kubectl apply` fails with `spec.template.spec.containers[0].image: Required value`. ' +
      'Custom workloads are not checked (OpenShift DeploymentConfigs fill images in from triggers). An empty ' +
      'string image is reported by `invalid-image-reference`.',
    fix: 'Set `image` on the container, e.g. `image: ghcr.io/acme/api:1.4.2`.',
  },
  messages: {
    missing: '{{owner}} {{group}} `{{container}}` has no `image`, which the API server requires',
  },
  check({ resource, index, report }) {
    if (!BUILT_IN.has(resource.kind) || !BUILT_IN_GROUPS.has(resource.group)) return;
    const template = index.podTemplate(resource);
    if (!template) return;
    const { containers } = template;
    for (let k = 0; k < containers.length; k++) {
      const { container, group, index: i, path } = containers[k];
      const image = container.image as unknown;
      if (image !== undefined && image !== null) continue;
      const node = image === null ? resource.key(...path, 'image') : resource.node(...path, 'name');
      report(node, 'missing', { owner: resource.label, group: GROUP_LABEL[group], container: typeof container.name === 'string' ? container.name : `${group}[${i}]` });
    }
  },
});
