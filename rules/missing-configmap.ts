import { defineRule, meantName, missingHint, missingKeys, podReferences, referenceData, resolveReference, useInstead } from '../src/rule-api.js';

export default defineRule({
  id: 'missing-configmap',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Pod template reads a ConfigMap, or a ConfigMap key, that does not exist in its namespace',
  crossResource: true,
  hasSuggestions: true,
  docs: {
    why:
      'The kubelet reads ConfigMaps from the pod\'s own namespace while it starts the pod. A missing ConfigMap in ' +
      '`envFrom` or `env[].valueFrom.configMapKeyRef`, or a key it lacks (`couldn\'t find key … in ConfigMap …`), fails ' +
      'the container config: the container waits in `CreateContainerConfigError` and the kubelet retries until the ' +
      'ConfigMap appears. Behind a mounted `configMap` or `projected` volume, `MountVolume.SetUp failed … configmap "…" ' +
      'not found` (or `references non-existent config key` for `items`) keeps the pod in `ContainerCreating`. ' +
      'Environment variables read only `data`, never `binaryData`. Not reported: `optional: true` references (the ' +
      'kubelet skips them), volumes no container mounts (the kubelet never sets them up) and `kube-root-ca.crt`, ' +
      'which every namespace has.',
    fix:
      "Create the ConfigMap in the pod's namespace or fix the name or key; mark the reference `optional: true` if " +
      'the workload runs without it.',
  },
  messages: {
    useInstead: 'Use `{{meant}}`',
    missing: '{{subject}} reads ConfigMap `{{name}}` {{where}}, but no ConfigMap `{{name}}` exists in namespace `{{namespace}}`{{hint}}',
    missingKey: '{{subject}} reads key `{{key}}` of ConfigMap `{{name}}` {{where}}, but ConfigMap `{{name}}` has no key `{{key}}` ({{keys}}){{hint}}',
    binaryKey:
      '{{subject}} reads key `{{key}}` of ConfigMap `{{name}}` {{where}}, but `{{key}}` is in `binaryData`, which environment variables cannot read',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    for (const ref of podReferences(template)) {
      if (ref.kind !== 'ConfigMap' || ref.optional || ref.unused) continue;
      const found = resolveReference(index, template, ref);
      if (!found.exists) {
        report(resource.node(...ref.path), 'missing', { ...referenceData(template, ref), hint: missingHint(ref, found) }, useInstead(resource.node(...ref.path), meantName(found), 'useInstead'));
        continue;
      }
      for (const miss of missingKeys(ref, found)) {
        const node = resource.node(...miss.path);
        report(node, miss.unreadable ? 'binaryKey' : 'missingKey', { ...referenceData(template, ref), key: miss.key, keys: miss.keys, hint: miss.hint }, useInstead(node, miss.meant, 'useInstead'));
      }
    }
  },
});
