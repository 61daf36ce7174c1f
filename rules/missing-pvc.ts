import { defineRule, missingHint, podReferences, referenceData, resolveReference } from '../src/rule-api.js';

export default defineRule({
  id: 'missing-pvc',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Pod template mounts a PersistentVolumeClaim that does not exist in its namespace',
  crossResource: true,
  docs: {
    why:
      "Before placing a pod, the scheduler's VolumeBinding plugin looks up the claim of every `persistentVolumeClaim` " +
      "volume in the pod's namespace, mounted or not. When it does not exist the pod stays `Pending` with a " +
      '`FailedScheduling` event `persistentvolumeclaim "…" not found`, until the claim is created. Claims that a ' +
      "StatefulSet's `volumeClaimTemplates` create (`<template>-<statefulset>-<ordinal>`) count as defined; a " +
      'StatefulSet template volume named like one of its volumeClaimTemplates is replaced by that claim, and an ' +
      '`ephemeral` volume creates its own claim, so neither is reported.',
    fix:
      "Create the PersistentVolumeClaim in the pod's namespace or fix `claimName`; for per-replica storage use a " +
      "StatefulSet's `volumeClaimTemplates` or an `ephemeral` volume.",
  },
  messages: {
    missing:
      '{{subject}} uses PersistentVolumeClaim `{{name}}` {{where}}, but no PersistentVolumeClaim `{{name}}` exists in namespace `{{namespace}}`{{hint}}',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    for (const ref of podReferences(template)) {
      if (ref.kind !== 'PersistentVolumeClaim') continue;
      const found = resolveReference(index, template, ref);
      if (!found.exists) report(resource.node(...ref.path), 'missing', { ...referenceData(template, ref), hint: missingHint(ref, found) });
    }
  },
});
