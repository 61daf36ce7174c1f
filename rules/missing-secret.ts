import { defineRule, meantName, missingHint, missingKeys, podReferences, referenceData, resolveReference, useInstead } from '../src/rule-api.js';

export default defineRule({
  id: 'missing-secret',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Pod template reads a Secret, or a Secret key, that does not exist in its namespace',
  crossResource: true,
  hasSuggestions: true,
  docs: {
    why:
      'The kubelet reads Secrets from the pod\'s own namespace while it starts the pod. A missing Secret in `envFrom` ' +
      'or `env[].valueFrom.secretKeyRef`, or a key it lacks (`couldn\'t find key … in Secret …`), fails the container ' +
      'config: the container waits in `CreateContainerConfigError` until the Secret appears. Behind a mounted `secret` ' +
      'or `projected` volume, `MountVolume.SetUp failed … secret "…" not found` (or `references non-existent secret ' +
      'key` for `items`) keeps the pod in `ContainerCreating`. A missing `imagePullSecrets` entry does not block the ' +
      'pod: the kubelet logs "Unable to retrieve pull secret, the image pull may not succeed" and pulls with the other ' +
      'credentials or anonymously, so only images from a private registry fail (`ErrImagePull`, `ImagePullBackOff`); ' +
      'it is reported as a warning. Secrets that a SealedSecret, ExternalSecret or cert-manager Certificate of the run ' +
      'creates count as defined; their keys are checked only when the manifest lists them. `optional: true` ' +
      'references and volumes no container mounts are not reported.',
    fix:
      "Create the Secret (or the SealedSecret/ExternalSecret that makes it) in the pod's namespace or fix the name or " +
      'key; mark the reference `optional: true` if the workload runs without it.',
  },
  messages: {
    useInstead: 'Use `{{meant}}`',
    missing: '{{subject}} reads Secret `{{name}}` {{where}}, but no Secret `{{name}}` exists in namespace `{{namespace}}`{{hint}}',
    missingKey: '{{subject}} reads key `{{key}}` of Secret `{{name}}` {{where}}, but Secret `{{name}}` has no key `{{key}}` ({{keys}}){{hint}}',
    missingPullSecret:
      '{{subject}} pulls images with Secret `{{name}}` {{where}}, but no Secret `{{name}}` exists in namespace `{{namespace}}`, so the kubelet pulls without it{{hint}}',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    for (const ref of podReferences(template)) {
      if (ref.kind !== 'Secret' || ref.optional || ref.unused) continue;
      const found = resolveReference(index, template, ref);
      if (found.exists) {
        for (const miss of missingKeys(ref, found)) {
          const node = resource.node(...miss.path);
          report(node, 'missingKey', { ...referenceData(template, ref), key: miss.key, keys: miss.keys, hint: miss.hint }, useInstead(node, miss.meant, 'useInstead'));
        }
      } else if (ref.source === 'imagePullSecrets') {
        report(resource.node(...ref.path), 'missingPullSecret', { ...referenceData(template, ref), hint: missingHint(ref, found) }, { severity: 'warn', ...useInstead(resource.node(...ref.path), meantName(found), 'useInstead') });
      } else {
        report(resource.node(...ref.path), 'missing', { ...referenceData(template, ref), hint: missingHint(ref, found) }, useInstead(resource.node(...ref.path), meantName(found), 'useInstead'));
      }
    }
  },
});
