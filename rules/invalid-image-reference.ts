import { defineRule, edit, parseImageReference } from '../src/rule-api.js';

export default defineRule({
  id: 'invalid-image-reference',
  severity: 'error',
  podTemplateOnly: true,
  fixable: true,
  hasSuggestions: true,
  description: 'Container image that the kubelet cannot parse (InvalidImageName)',
  docs: {
    why:
      'Before pulling, the kubelet parses `image` with the docker/distribution reference grammar ' +
      '(`ParseNormalizedNamed`). A reference that does not parse (uppercase repository, a tag with ' +
      '`:` or over 128 characters, a digest of the wrong length, spaces, a URL scheme) leaves the ' +
      'container waiting with reason `InvalidImageName`: the pod never starts and is never retried ' +
      'with another name. A well-formed name of an image that does not exist is a different ' +
      'failure (`ErrImagePull`) and is not reported here.',
    fix:
      'Write `[registry[:port]/]repository[:tag][@sha256:<64 hex>]` with a lowercase repository, ' +
      'e.g. `ghcr.io/acme/api:1.4.2`. `--fix` lowercases the repository (and a digest) and trims surrounding ' +
      'whitespace, which names the only image the reference can mean; other corrections (such as dropping a URL ' +
      'scheme) are offered in the editor only.',
  },
  messages: {
    invalid: '{{owner}} container `{{container}}` has image `{{image}}`, which the kubelet rejects with InvalidImageName: {{reason}}{{suggestion}}',
    replace: 'Use image `{{image}}`',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    const { containers } = template;
    for (let i = 0; i < containers.length; i++) {
      const { container, path } = containers[i];
      if (typeof container.image !== 'string') continue;
      const parsed = parseImageReference(container.image);
      if (parsed.ok) continue;
      const node = resource.node(...path, 'image');
      const suggested = parsed.suggestion;
      // Only the case and surrounding whitespace differ: the same image, spelt as the kubelet accepts it.
      const safe = suggested !== undefined && suggested.toLowerCase() === container.image.trim().toLowerCase();
      const fixes = suggested === undefined ? {}
        : safe ? { fix: [edit.replace(node, suggested)] } : { suggestions: [{ messageId: 'replace' as const, data: { image: suggested }, fix: [edit.replace(node, suggested)] }] };
      report(node, 'invalid', {
        owner: `${resource.kind} \`${resource.name}\``,
        container: String(container.name),
        image: container.image,
        reason: parsed.reason,
        suggestion: parsed.suggestion ? `; did you mean \`${parsed.suggestion}\`?` : '',
      }, fixes);
    }
  },
});
