import { claimTemplateNames, closest, containerLabel, defineRule, isRecord, mountsOf } from '../src/rule-api.js';

export default defineRule({
  id: 'missing-volume',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Container mounts a volume that its pod does not define',
  docs: {
    why:
      'Every `volumeMounts[].name` and `volumeDevices[].name` must name an entry of the pod\'s `volumes` ' +
      '(pkg/apis/core/validation `ValidateVolumeMounts` and `ValidateVolumeDevices`: ' +
      '`spec.containers[0].volumeMounts[0].name: Not found: "data"`). The API server rejects a Pod, Deployment, ' +
      'DaemonSet, ReplicaSet, Job or CronJob with such a mount, so nothing is created. A StatefulSet is the exception ' +
      'in both directions: each `volumeClaimTemplates` entry becomes a pod volume of the same name, so mounting it is ' +
      'valid; and the API server does not validate the StatefulSet\'s pod template (`ValidatePodTemplateSpecForStatefulSet` ' +
      'skips the pod spec), so a StatefulSet with a bad mount is accepted and every pod it creates is rejected ' +
      '(`FailedCreate` events, no pods).',
    fix:
      'Fix the mount `name` to match a volume, or add the volume to `spec.volumes` (for a StatefulSet, a ' +
      '`volumeClaimTemplates` entry of that name also works).',
  },
  messages: {
    missing: '{{subject}} {{verb}} volume `{{name}}`, but {{owner}} defines no {{what}} `{{name}}`{{hint}}',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    // The pod's volumes, then its claim templates (loops: this runs cold for every workload).
    const names = new Set<string>();
    const volumes: unknown = template.spec.volumes;
    if (Array.isArray(volumes)) {
      for (let i = 0; i < volumes.length; i++) {
        const v: unknown = volumes[i];
        if (isRecord(v) && typeof v.name === 'string') names.add(v.name);
      }
    }
    const claims = claimTemplateNames(resource);
    for (let i = 0; i < claims.length; i++) names.add(claims[i]);
    const statefulSet = resource.kind === 'StatefulSet' && resource.group === 'apps';
    const what = statefulSet ? 'volume or volumeClaimTemplate' : 'volume';
    for (const ref of template.containers) {
      for (const mount of mountsOf(ref)) {
        if (typeof mount.name !== 'string' || mount.name === '' || names.has(mount.name)) continue;
        const near = closest(mount.name, names);
        const all = [...names].map((n) => `\`${n}\``).join(', ');
        const hint = near !== undefined ? `; did you mean \`${near}\`?` : names.size === 0 ? '; the pod has no volumes' : `; the pod's volumes are ${all}`;
        report(resource.node(...mount.path, 'name'), 'missing', {
          subject: containerLabel(template, ref),
          verb: mount.field === 'volumeMounts' ? 'mounts' : 'attaches the block device of',
          name: mount.name,
          owner: resource.label,
          what,
          hint,
        });
      }
    }
  },
});
