import { defineRule, edit, formatLabels, plainSelector, type Edit, type Labels, type PodTemplate, type Resource } from '../src/rule-api.js';

function describeTemplate(template: PodTemplate): string {
  const labels = formatLabels(template.labels);
  return `pods of ${template.owner.kind} \`${template.owner.name}\` are labelled ${labels ? `\`${labels}\`` : 'with nothing'}`;
}

/** The pod template's labels, shown beside the finding in editors. */
function labelsOf(template: PodTemplate) {
  return { node: template.owner.node(...template.path, 'metadata', 'labels'), message: describeTemplate(template) };
}

/**
 * Edits that make `selector` select `template`: values it disagrees on take the template's, keys the
 * template lacks go. Undefined when nothing of the selector would be left.
 */
function selectTemplate(resource: Resource, selector: Labels, template: PodTemplate): { edits: Edit[]; selector: Labels } | undefined {
  const kept = Object.keys(selector).filter((key) => key in template.labels);
  if (kept.length === 0) return undefined;
  const edits = Object.keys(selector).flatMap((key) => {
    const node = resource.node('spec', 'selector', key);
    if (!(key in template.labels)) return [edit.removeKey(node)];
    return template.labels[key] === selector[key] ? [] : [edit.replace(node, template.labels[key])];
  });
  return { edits, selector: Object.fromEntries(kept.map((key) => [key, template.labels[key]])) };
}

export default defineRule({
  id: 'service-selector-mismatch',
  severity: 'error',
  kinds: ['Service'],
  hasSuggestions: true,
  description: 'Service selector matches no pod template in its namespace',
  docs: {
    why:
      'The endpoints controller adds to a Service the ready pods of its own namespace whose labels ' +
      'contain every `key: value` pair of `spec.selector`. When no pod matches, the Service has no ' +
      'endpoints: connections are refused or time out, and an Ingress in front of it answers 503. ' +
      'Services without a selector (endpoints managed by hand) and `ExternalName` Services are not checked.',
    fix:
      "Make the selector a subset of the pod template's `metadata.labels` (not the workload's own " +
      'labels), and keep the Service in the same namespace as the pods.',
  },
  messages: {
    noMatch: 'Service `{{service}}` selects `{{selector}}`, but no pod in namespace `{{namespace}}` has those labels; {{closest}}',
    selectTemplate: 'Select the pods of {{owner}} (`{{selector}}`)',
    otherNamespace:
      'Service `{{service}}` selects `{{selector}}`, which only matches pods of {{owner}} in namespace `{{other}}`; a Service selects pods of its own namespace `{{namespace}}`',
  },
  check({ resource, index, report }) {
    if (resource.group !== '') return;
    const spec = resource.value.spec as { type?: string; selector?: unknown } | undefined;
    if (spec?.type === 'ExternalName') return;
    const selector = plainSelector(spec?.selector);
    if (!selector || Object.keys(selector).length === 0) return;
    const namespace = resource.namespace!;
    if (index.podTemplatesMatching(selector, namespace).length > 0) return;

    const data = { service: resource.name, selector: formatLabels(selector), namespace };
    const elsewhere = index.podTemplates().find((t) => t.namespace !== namespace && index.podTemplatesMatching(selector, t.namespace).includes(t));
    if (elsewhere) {
      const owner = `${elsewhere.owner.kind} \`${elsewhere.owner.name}\``;
      report(resource.node('spec', 'selector'), 'otherNamespace', { ...data, owner, other: elsewhere.namespace }, { related: [labelsOf(elsewhere)] });
      return;
    }
    const closest = index.closestPodTemplate(selector, namespace, resource.name);
    const missingKey = closest ? Object.keys(selector).find((key) => closest.labels[key] !== selector[key]) : undefined;
    // Pointing the Service at other pods changes where traffic goes: an editor suggestion, never --fix.
    const select = closest && selectTemplate(resource, selector, closest);
    const owner = closest && `${closest.owner.kind} \`${closest.owner.name}\``;
    report(
      missingKey !== undefined ? resource.node('spec', 'selector', missingKey) : resource.node('spec', 'selector'),
      'noMatch',
      { ...data, closest: closest ? describeTemplate(closest) : 'the namespace has no pod templates' },
      {
        ...(closest ? { related: [labelsOf(closest)] } : {}),
        ...(select ? { suggestions: [{ messageId: 'selectTemplate', data: { owner: owner!, selector: formatLabels(select.selector) }, fix: select.edits }] } : {}),
      },
    );
  },
});
