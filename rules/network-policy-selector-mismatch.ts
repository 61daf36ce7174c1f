import { defineRule, formatSelector, isEmptySelector, isRecord, labelSelector, networkPolicyTypes, selectedNamespaceName, selectorMiss, type Path } from '../src/rule-api.js';

const PEERS = [['ingress', 'from', 'from', 'Ingress'], ['egress', 'to', 'to', 'Egress']] as const;

export default defineRule({
  id: 'network-policy-selector-mismatch',
  severity: 'warn',
  kinds: ['networking.k8s.io/NetworkPolicy', 'extensions/NetworkPolicy'],
  description: 'NetworkPolicy podSelector, or a peer podSelector (same namespace, or one named by `kubernetes.io/metadata.name`), that matches no pod template',
  crossResource: true,
  docs: {
    why:
      'A NetworkPolicy applies to the pods of its own namespace that match `spec.podSelector`; an empty selector ' +
      'applies to every pod there. A non-empty selector that matches no pod isolates nothing: the pods it was written ' +
      'for keep accepting (or sending) all traffic. In `ingress[].from` and `egress[].to`, a peer with a `podSelector` ' +
      'and no `namespaceSelector` selects pods of the policy\'s own namespace only (API reference, NetworkPolicyPeer: ' +
      '"Otherwise it selects the pods matching podSelector in the policy\'s own namespace"); when no pod there matches, ' +
      'the rule allows no traffic and the intended clients or servers are cut off once the pods are isolated. A common ' +
      'cause is a peer meant for another namespace (an ingress controller, Prometheus) written without a ' +
      '`namespaceSelector`. A peer whose `namespaceSelector` names one namespace through `kubernetes.io/metadata.name` (a ' +
      'label the API server sets on every Namespace) is checked against the pod templates of that namespace when the run ' +
      'has some; other peers with a `namespaceSelector`, and `ipBlock` peers, are not checked, nor the rules of a direction ' +
      'the policy does not restrict (`policyTypes`, which defaults to `Ingress`, plus `Egress` when there are egress rules). It is a warning because the ' +
      'pods may come from outside these manifests; findings on peers are left out when the namespace has no pod ' +
      'template at all.',
    fix:
      "Match the pod template's `metadata.labels`; for pods of another namespace add a `namespaceSelector` to the same " +
      'peer entry, e.g. `kubernetes.io/metadata.name: <namespace>` (set on every namespace since 1.21).',
  },
  messages: {
    noMatch: 'NetworkPolicy `{{policy}}` applies to pods matching `{{selector}}`, but no pod in namespace `{{namespace}}` has those labels, so it isolates nothing; {{closest}}',
    otherNamespace:
      'NetworkPolicy `{{policy}}` applies to pods matching `{{selector}}`, which only matches pods of {{owner}} in namespace `{{other}}`; a NetworkPolicy applies to pods of its own namespace `{{namespace}}`',
    peerNoMatch:
      'NetworkPolicy `{{policy}}` allows traffic {{direction}} pods matching `{{selector}}`, but no pod in namespace `{{namespace}}` has those labels, so this peer matches nothing; {{closest}}',
    peerOtherNamespace:
      'NetworkPolicy `{{policy}}` allows traffic {{direction}} pods matching `{{selector}}`, which only matches pods of {{owner}} in namespace `{{other}}`; without a `namespaceSelector` a peer selects pods of the policy\'s own namespace `{{namespace}}`: add `namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: {{other}}}}`',
  },
  check({ resource, index, report }) {
    const spec = resource.value.spec;
    if (!isRecord(spec)) return;
    const namespace = resource.namespace!;
    const hasTemplates = index.podTemplates(namespace).length > 0;
    const verify = (value: unknown, path: Path, peer?: 'from' | 'to') => {
      const selector = labelSelector(value);
      if (!selector || isEmptySelector(selector)) return;
      const miss = selectorMiss(index, selector, namespace, resource.name);
      if (!miss || (peer && !hasTemplates && !miss.elsewhere)) return;
      const data = { policy: resource.name, namespace, selector: formatSelector(selector), direction: peer ?? '' };
      if (miss.elsewhere) {
        const owner = `${miss.elsewhere.owner.kind} \`${miss.elsewhere.owner.name}\``;
        report(resource.node(...path), peer ? 'peerOtherNamespace' : 'otherNamespace', { ...data, owner, other: miss.elsewhere.namespace });
      } else {
        report(resource.node(...path, ...miss.path), peer ? 'peerNoMatch' : 'noMatch', { ...data, closest: miss.closestText });
      }
    };
    // A peer whose namespaceSelector names one namespace by `kubernetes.io/metadata.name` (set on every
    // Namespace) selects pods there: checked when the run has pod templates in that namespace.
    const verifyIn = (namespaceSelector: unknown, value: unknown, path: Path, direction: 'from' | 'to') => {
      const names = labelSelector(namespaceSelector);
      const other = names && selectedNamespaceName(names);
      const selector = labelSelector(value);
      if (other === undefined || !selector || isEmptySelector(selector) || index.podTemplates(other).length === 0) return;
      const miss = selectorMiss(index, selector, other, resource.name);
      if (miss) report(resource.node(...path, ...miss.path), 'peerNoMatch', { policy: resource.name, namespace: other, selector: formatSelector(selector), direction, closest: miss.closestText });
    };
    verify(spec.podSelector, ['spec', 'podSelector']);
    const types = networkPolicyTypes(spec);
    for (const [section, field, direction, type] of PEERS) {
      if (!types.has(type)) continue; // rules of a direction the policy does not restrict are ignored
      const rules = Array.isArray(spec[section]) ? spec[section] : [];
      rules.forEach((rule, i) => {
        const peers = isRecord(rule) && Array.isArray(rule[field]) ? rule[field] : [];
        peers.forEach((peer, j) => {
          if (!isRecord(peer)) return;
          const at = ['spec', section, i, field, j, 'podSelector'];
          if (peer.namespaceSelector === undefined) verify(peer.podSelector, at, direction);
          else verifyIn(peer.namespaceSelector, peer.podSelector, at, direction);
        });
      });
    }
  },
});
