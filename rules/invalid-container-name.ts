import { defineRule, dns1123LabelProblem, formatPath, type ContainerRef } from '../src/rule-api.js';

const GROUP_LABEL = { containers: 'container', initContainers: 'init container', ephemeralContainers: 'ephemeral container' };

/** `My_App` -> `my-app`, when that is a valid label. */
function suggestion(name: string): string {
  const label = name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return label !== '' && label !== name && dns1123LabelProblem(label) === undefined ? `; did you mean \`${label}\`?` : '';
}

export default defineRule({
  id: 'invalid-container-name',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Container name that is not a DNS-1123 label, or that another container of the same pod already uses',
  docs: {
    why:
      'The API server validates every container of a Pod or pod template (pkg/apis/core/validation ' +
      '`validateContainerCommon`): the name is required and must be a DNS-1123 label (`IsDNS1123Label`: at most ' +
      '63 lowercase letters, digits and `-`, starting and ending with a letter or digit, no dots or underscores). ' +
      'Names must also be unique across `containers`, `initContainers` and `ephemeralContainers` ' +
      '(`validateContainers`, `validateInitContainers` and `validateEphemeralContainers` report ' +
      '"Duplicate value"). Either error makes the API server reject the whole object, e.g. ' +
      '`spec.template.spec.containers[0].name: Invalid value: "my_app": a lowercase RFC 1123 label must consist of ...`. ' +
      'For custom workloads (Argo Rollouts) the controller\'s pods are rejected the same way.',
    fix: 'Use a lowercase name of letters, digits and `-` (e.g. `my-app` instead of `my_app` or `MyApp`), different from every other container of the pod.',
  },
  messages: {
    invalid: '{{owner}} {{group}} name `{{name}}` is not a DNS-1123 label: {{reason}}{{suggestion}}',
    duplicate: '{{owner}} {{group}} name `{{name}}` is already used by `{{first}}`; container names must be unique across containers, initContainers and ephemeralContainers',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    const seen = new Map<string, ContainerRef>();
    const { containers } = template;
    for (let i = 0; i < containers.length; i++) {
      const ref = containers[i];
      const name = ref.container.name as unknown;
      if (typeof name !== 'string') continue;
      const reason = dns1123LabelProblem(name);
      const first = seen.get(name);
      // The texts and the node only for a finding (nearly every name is valid and unique).
      if (reason !== undefined || first) {
        const data = { owner: resource.label, group: GROUP_LABEL[ref.group], name };
        const node = resource.node(...ref.path, 'name');
        if (reason !== undefined) report(node, 'invalid', { ...data, reason, suggestion: suggestion(name) });
        if (first) report(node, 'duplicate', { ...data, first: formatPath(first.path) });
      }
      if (!first && name !== '') seen.set(name, ref);
    }
  },
});
