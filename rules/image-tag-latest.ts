import { containerLabel, defineRule, effectiveTag, parseImageReference, pinnedImage, repositoryOf } from '../src/rule-api.js';

const POLICY: ReadonlyMap<string, string> = new Map([
  ['', ' and imagePullPolicy defaults to `Always`'],
  ['IfNotPresent', ' and, with imagePullPolicy `IfNotPresent`, each node keeps the `latest` it pulled first'],
]);

export default defineRule({
  id: 'image-tag-latest',
  severity: 'warn',
  podTemplateOnly: true,
  description: 'Container image tagged `latest` or not tagged at all',
  docs: {
    why:
      'An image without tag or digest is pulled as `<image>:latest` (the kubelet\'s `applyDefaultImageTag`), and a ' +
      'tag is a movable name. The API server defaults `imagePullPolicy` to `Always` when the tag is `latest` or absent ' +
      '(core/v1 `SetDefaults_Container`), so every pod start depends on the registry being reachable and may run a ' +
      'different image than its siblings; with `IfNotPresent` each node keeps the `latest` it happened to pull first. ' +
      'Either way the manifest does not say what runs: two replicas can run different code, and rolling back a ' +
      'Deployment restores the same `latest` reference, not the previous image. A digest (`@sha256:...`) pins the ' +
      'image even next to a `latest` tag. Malformed references are left to invalid-image-reference.',
    fix: 'Pin a version tag (`nginx:1.27.3`) or a digest (`nginx@sha256:...`), and bump it in the manifest to deploy.',
  },
  messages: {
    latest: '{{subject}} image `{{image}}` {{how}}{{policy}}; pin a version tag or a digest{{hint}}',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    const { containers } = template;
    for (let i = 0; i < containers.length; i++) {
      const ref = containers[i];
      const { image, imagePullPolicy } = ref.container;
      if (typeof image !== 'string') continue;
      const parsed = parseImageReference(image);
      if (!parsed.ok || parsed.reference.digest !== undefined || effectiveTag(parsed.reference) !== 'latest') continue;
      const pinned = pinnedImage(index, repositoryOf(parsed.reference));
      const hint = pinned ? `, as ${pinned.template.owner.kind} \`${pinned.template.owner.name}\` does with \`${pinned.image}\`` : '';
      report(resource.node(...ref.path, 'image'), 'latest', {
        subject: containerLabel(template, ref),
        image,
        how: parsed.reference.tag === undefined ? `has no tag, so the kubelet pulls \`${image}:latest\`` : 'uses the `latest` tag',
        policy: POLICY.get(typeof imagePullPolicy === 'string' ? imagePullPolicy : '') ?? '',
        hint,
      });
    }
  },
});
