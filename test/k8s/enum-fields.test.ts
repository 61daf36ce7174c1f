/** Enumerated-field sites: every site present in order, or only those holding a value the API server rejects. */
import { describe, expect, it } from 'vitest';
import { containerEnumSites, objectEnumSites, podSpecEnumSites } from '../../src/k8s/enum-fields.js';

const statefulSet = {
  spec: {
    podManagementPolicy: 'Parallel',
    updateStrategy: { type: 'rollingUpdate' },
    volumeClaimTemplates: [
      { spec: { accessModes: ['ReadWriteOnce', 'ReadWriteMany'] } },
      { spec: { accessModes: ['', 'ReadWriteOnce'], volumeMode: 'Filesystem' } },
    ],
  },
};

describe('objectEnumSites', () => {
  it('lists every site present, list items in order, with the field as messages name it', () => {
    expect(objectEnumSites('apps/StatefulSet', statefulSet).map(({ path, field, rejectEmpty }) => [path.join('.'), field, rejectEmpty])).toEqual([
      ['spec.podManagementPolicy', 'podManagementPolicy', false],
      ['spec.updateStrategy.type', 'updateStrategy.type', false],
      ['spec.volumeClaimTemplates.0.spec.accessModes.0', 'volumeClaimTemplates[0].spec.accessModes[0]', true],
      ['spec.volumeClaimTemplates.0.spec.accessModes.1', 'volumeClaimTemplates[0].spec.accessModes[1]', true],
      ['spec.volumeClaimTemplates.1.spec.accessModes.0', 'volumeClaimTemplates[1].spec.accessModes[0]', true],
      ['spec.volumeClaimTemplates.1.spec.accessModes.1', 'volumeClaimTemplates[1].spec.accessModes[1]', true],
      ['spec.volumeClaimTemplates.1.spec.volumeMode', 'volumeClaimTemplates[1].spec.volumeMode', true],
    ]);
  });

  it('keeps only unsupported values when asked: a wrong case, and "" where it is rejected', () => {
    expect(objectEnumSites('apps/StatefulSet', statefulSet, true).map((s) => s.path.join('.'))).toEqual([
      'spec.updateStrategy.type',
      'spec.volumeClaimTemplates.1.spec.accessModes.0',
    ]);
  });

  it('reads extensions kinds as apps or networking, and knows nothing of other kinds', () => {
    const daemonSet = { spec: { updateStrategy: { type: 'Never' } } };
    expect(objectEnumSites('extensions/DaemonSet', daemonSet, true).map((s) => s.field)).toEqual(['updateStrategy.type']);
    expect(objectEnumSites('example.com/DaemonSet', daemonSet)).toEqual([]);
    expect(objectEnumSites('apps/StatefulSet', { spec: { updateStrategy: 'OnDelete', volumeClaimTemplates: {} } })).toEqual([]);
  });
});

describe('podSpecEnumSites and containerEnumSites', () => {
  it('prefix paths with where the spec or container sits, and skip "" where it is defaulted', () => {
    const spec = { tolerations: [{ operator: 'Exists' }, { operator: 'exists', effect: '' }, 'x'], preemptionPolicy: '' };
    const at = ['spec', 'template', 'spec'];
    expect(podSpecEnumSites(spec, at).map((s) => s.field)).toEqual(['tolerations[0].operator', 'tolerations[1].operator', 'tolerations[1].effect', 'preemptionPolicy']);
    expect(podSpecEnumSites(spec, at, true).map((s) => s.path.join('.'))).toEqual(['spec.template.spec.tolerations.1.operator', 'spec.template.spec.preemptionPolicy']);
    const container = { terminationMessagePolicy: 'file', securityContext: { seccompProfile: { type: 'RuntimeDefault' } } };
    expect(containerEnumSites(container, [...at, 'containers', 0]).map((s) => s.field)).toEqual(['terminationMessagePolicy', 'securityContext.seccompProfile.type']);
    expect(containerEnumSites(container, [...at, 'containers', 0], true)).toEqual([
      { path: [...at, 'containers', 0, 'terminationMessagePolicy'], field: 'terminationMessagePolicy', allowed: ['File', 'FallbackToLogsOnError'], rejectEmpty: false },
    ]);
  });
});
