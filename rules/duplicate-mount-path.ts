import { containerLabel, defineRule, isRecord, mountsOf, type MountRef } from '../src/rule-api.js';

function verb(m: MountRef): string {
  return m.field === 'volumeMounts' ? 'mounts volume' : 'attaches block volume';
}

const TARGETS = [['volumeMounts', 'mountPath'], ['volumeDevices', 'devicePath']] as const;

/** How many mounts and devices of `container` name a target (what `check` compares), counted in place. */
function mountTargets(container: object): number {
  let count = 0;
  for (const [field, target] of TARGETS) {
    const mounts = (container as Record<string, unknown>)[field];
    if (!Array.isArray(mounts)) continue;
    for (const mount of mounts) if (isRecord(mount) && typeof mount[target] === 'string' && mount[target] !== '') count++;
  }
  return count;
}

export default defineRule({
  id: 'duplicate-mount-path',
  severity: 'error',
  podTemplateOnly: true,
  description: 'Two volumes mounted at the same path in one container',
  docs: {
    why:
      'pkg/apis/core/validation `ValidateVolumeMounts` keeps the set of `mountPath`s of each container and rejects a ' +
      'repeat (`spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/data": must be unique`), and a ' +
      'mountPath that is also a `volumeDevices` devicePath (`must not already exist as a path in volumeDevices`); ' +
      '`ValidateVolumeDevices` rejects a repeated `devicePath` the same way. The comparison is on the exact string ' +
      '(`/data` and `/data/` differ). The API server rejects the Pod or workload; for a StatefulSet, whose pod template ' +
      'it does not validate, it rejects every pod the StatefulSet creates (`FailedCreate`).',
    fix: 'Mount each volume at its own path; to put several files in one directory, use a `projected` volume or `subPath` mounts of distinct files.',
  },
  messages: {
    duplicate: '{{subject}} {{verb}} `{{second}}` at `{{path}}`, where it already {{firstVerb}} `{{first}}`; each {{field}} must be unique within a container',
    deviceClash: '{{subject}} mounts volume `{{second}}` at `{{path}}`, which is the devicePath of block volume `{{first}}`; a mountPath must not also be a devicePath',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    const { containers } = template;
    for (let i = 0; i < containers.length; i++) {
      const ref = containers[i];
      if (mountTargets(ref.container) < 2) continue; // nothing to clash with
      const mounts = mountsOf(ref).filter((m) => typeof m.target === 'string' && m.target !== '');
      const subject = containerLabel(template, ref);
      const devices = new Map(mounts.filter((m) => m.field === 'volumeDevices').map((m) => [m.target, m] as const).reverse());
      const seen = new Map<unknown, MountRef>();
      for (const mount of mounts) {
        const at = resource.node(...mount.path, mount.field === 'volumeMounts' ? 'mountPath' : 'devicePath');
        const first = seen.get(`${mount.field}|${String(mount.target)}`);
        const device = mount.field === 'volumeMounts' ? devices.get(mount.target) : undefined;
        if (first) {
          report(at, 'duplicate', {
            subject,
            verb: verb(mount),
            second: String(mount.name),
            path: String(mount.target),
            firstVerb: verb(first),
            first: String(first.name),
            field: mount.field === 'volumeMounts' ? 'mountPath' : 'devicePath',
          });
        } else if (device) {
          report(at, 'deviceClash', { subject, second: String(mount.name), path: String(mount.target), first: String(device.name) });
        }
        seen.set(`${mount.field}|${String(mount.target)}`, first ?? mount);
      }
    }
  },
});
