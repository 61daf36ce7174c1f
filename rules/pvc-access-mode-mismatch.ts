import { claimUsers, claimUses, containerLabel, defineRule, podCount, runsSeveralPods, type ClaimUse, type ResourceIndex } from '../src/rule-api.js';

const SINGLE_NODE = new Set(['ReadWriteOnce', 'ReadWriteOncePod']);

function accessModes(claim: { value: unknown }): string[] {
  const spec = (claim.value as { spec?: { accessModes?: unknown } }).spec;
  return Array.isArray(spec?.accessModes) ? spec.accessModes.map(String) : [];
}

export default defineRule({
  id: 'pvc-access-mode-mismatch',
  severity: 'warn',
  podTemplateOnly: true,
  description: "PersistentVolumeClaim used in a way its access modes do not allow",
  docs: {
    why:
      'Access modes are used to bind a claim to a volume; attaching and mounting follow the pod volume\'s ' +
      '`persistentVolumeClaim.readOnly` (kubernetes/kubernetes#37465, #40148). A `ReadOnlyMany` claim mounted without ' +
      '`readOnly: true` is therefore attached read-write: file storage lets every pod write to data meant to be shared ' +
      'read-only, and block storage that allows several nodes only read-only (e.g. GCE PD) fails to attach on the ' +
      'second node. A `ReadWriteOnce` volume attaches to one node: the attach/detach controller refuses a second node ' +
      '(`isMultiAttachForbidden`), so a pod scheduled elsewhere stays in `ContainerCreating` with `Multi-Attach error ' +
      'for volume ... Volume is already used by pod(s) ...`; a `ReadWriteOncePod` claim admits one pod and the others ' +
      'stay `Pending`. That happens when a Deployment, ReplicaSet, Job or shared StatefulSet volume runs several pods ' +
      '(replicas, parallelism, a HorizontalPodAutoscaler\'s maxReplicas), with any DaemonSet, or when two workloads ' +
      "mount the same claim. It is a warning: pods that land on one node work, and a claim may bind a volume with more " +
      'modes than it asks for. Claims defined outside the linted files are not checked; a StatefulSet ' +
      '`volumeClaimTemplates` entry gives each pod its own claim and is fine.',
    fix:
      'Set `persistentVolumeClaim.readOnly: true` for ReadOnlyMany claims; give each replica its own claim ' +
      '(StatefulSet `volumeClaimTemplates`, or an `ephemeral` volume), use a ReadWriteMany storage class, or run one pod ' +
      '(and `strategy: Recreate`).',
  },
  messages: {
    readOnlyMany: '{{subject}} mounts PersistentVolumeClaim `{{claim}}` read-write through volume `{{volume}}`, but the claim is ReadOnlyMany; set `readOnly: true` on the volume\'s persistentVolumeClaim',
    replicas: '{{owner}} runs {{pods}}, all mounting {{mode}} PersistentVolumeClaim `{{claim}}`; {{effect}}; give each pod its own claim or use a ReadWriteMany one',
    shared: '{{mode}} PersistentVolumeClaim `{{claim}}` is mounted by {{owner}} and also by {{others}}; {{effect}}; mount it from one workload or use a ReadWriteMany claim',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    // The pod count (and its text) only when a claim could be reported: most claims are ReadWriteMany or fine.
    let count: ReturnType<typeof podCount> | undefined;
    for (const use of claimUses(template)) {
      const claim = index.get('PersistentVolumeClaim', template.namespace, use.claim);
      if (!claim) continue;
      const modes = accessModes(claim);
      if (modes.length === 0) continue;
      const readOnlyMany = modes.every((m) => m === 'ReadOnlyMany');
      if (!readOnlyMany && !modes.every((m) => SINGLE_NODE.has(m))) continue;
      count ??= podCount(index, template);
      if (count.count === 0) return;
      if (readOnlyMany) {
        const writable = use.mounts.find((m) => !m.readOnly);
        if (use.sourceReadOnly || !writable) continue;
        const raw = (writable.ref.container[writable.field] ?? [])[writable.index] as { readOnly?: unknown } | undefined;
        const at = resource.node(...writable.path, raw?.readOnly === undefined ? 'name' : 'readOnly');
        report(at, 'readOnlyMany', { subject: containerLabel(template, writable.ref), claim: use.claim, volume: use.volume });
        continue;
      }
      const mode = modes.includes('ReadWriteOncePod') ? 'ReadWriteOncePod' : 'ReadWriteOnce';
      const effect = mode === 'ReadWriteOncePod'
        ? 'only one pod can use it, the others stay Pending'
        : 'pods on a second node stay in ContainerCreating with a Multi-Attach error';
      const others = otherOwners(index, use);
      const data = { owner: resource.label, claim: use.claim, mode, effect };
      if (others.length > 0) {
        report(resource.node(...use.path), 'shared', { ...data, others: others.join(', ') });
      } else if (runsSeveralPods(count)) {
        report(resource.node(...use.path), 'replicas', { ...data, pods: count.text });
      }
    }
  },
});

function otherOwners(index: ResourceIndex, use: ClaimUse): string[] {
  const names = new Set<string>();
  for (const other of claimUsers(index, use.template.namespace, use.claim)) {
    if (other.template === use.template || other.template.replicas === 0) continue;
    names.add(`${other.template.owner.kind} \`${other.template.owner.name}\``);
  }
  return [...names];
}
