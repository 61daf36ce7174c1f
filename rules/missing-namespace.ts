import { defineRule, didYouMean } from '../src/rule-api.js';

/** Per run (its index): whether each namespace asked about exists. */
const known = new WeakMap<object, Map<string, boolean>>();

export default defineRule({
  id: 'missing-namespace',
  severity: 'warn',
  description: 'Object in a namespace that none of the Namespaces defined in the linted files creates',
  crossResource: true,
  docs: {
    why:
      'Creating an object in a namespace that does not exist fails: `kubectl apply` prints `Error from server ' +
      '(NotFound): error when creating …: namespaces "shop" not found` (the NamespaceLifecycle admission plugin) ' +
      'and moves on to the next object. The check only runs when the linted files define at least one Namespace, ' +
      'i.e. when they manage their namespaces themselves; `default`, `kube-system`, `kube-public` and ' +
      '`kube-node-lease` always exist, and Namespaces declared in the configuration (`external`) count as existing. ' +
      'An object without `metadata.namespace` goes to the default namespace (`--default-namespace`, else `default`). ' +
      'It is a warning because the namespace may be created another way (`helm install --create-namespace`, a ' +
      'platform team, a previous apply).',
    fix: 'Add the Namespace to the manifests (apply it first) or fix `metadata.namespace`.',
  },
  messages: {
    missing: '{{object}} is in namespace `{{namespace}}`{{defaulted}}, but none of the Namespaces defined here ({{defined}}) is `{{namespace}}`: applying it fails (namespaces "{{namespace}}" not found){{hint}}',
  },
  check({ resource, index, report }) {
    const namespace = resource.namespace;
    if (namespace === undefined) return;
    // The lookup first, once per namespace and run (a run holds many objects and few namespaces):
    // the list of Namespaces is built only for an object whose namespace is missing.
    let exists = known.get(index);
    if (exists === undefined) known.set(index, (exists = new Map()));
    let found = exists.get(namespace);
    if (found === undefined) exists.set(namespace, (found = index.exists('Namespace', undefined, namespace)));
    if (found) return;
    const defined = index.list('Namespace').filter((r) => r.group === '').map((r) => r.name);
    if (defined.length === 0) return;
    const written = typeof resource.value.metadata?.namespace === 'string' && resource.value.metadata.namespace !== '';
    const shown = [...new Set(defined)].sort();
    report(written ? resource.node('metadata', 'namespace') : resource.node('metadata', 'name'), 'missing', {
      object: resource.label,
      namespace,
      defaulted: written ? '' : ' (the default namespace: `metadata.namespace` is not set)',
      defined: shown.slice(0, 5).map((n) => `\`${n}\``).join(', ') + (shown.length > 5 ? `, ${shown.length - 5} more` : ''),
      hint: didYouMean(namespace, shown),
    });
  },
});
