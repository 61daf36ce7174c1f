import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/load.js';
import { podSpecProblems } from '../../src/k8s/pod-spec-checks.js';
import { podTemplateOf } from '../../src/k8s/pod-template.js';
import { toResources } from '../../src/resource.js';

function templateOf(text: string) {
  const [resource] = toResources(loadFile({ path: 'test.yaml', text }).documents, 'default', () => {});
  return podTemplateOf(resource)!;
}

const CLEAN = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      containers:
        - name: web
          image: nginx
          env: [{ name: A, valueFrom: { secretKeyRef: { name: s, key: k } } }]
          livenessProbe: { httpGet: { path: /, port: 80 } }
      volumes: [{ name: data, emptyDir: {} }]
`;

const BROKEN = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  template:
    spec:
      dnsPolicy: None
      containers:
        - name: ok
          image: nginx
        - name: web
          image: nginx
          livenessProbe: { httpGet: { path: /, port: 80 }, exec: { command: [true] }, periodSeconds: -1 }
      volumes: [{ name: data, emptyDir: {}, secret: { secretName: s } }]
      tolerations: [{ key: 'bad key', operator: Equal }]
`;

describe('podSpecProblems', () => {
  it('asks for the owner text only when there is a problem', () => {
    let asked = 0;
    expect(podSpecProblems(templateOf(CLEAN), () => `${++asked}`, '1.35')).toEqual([]);
    expect(asked).toBe(0);
  });

  it('finds the same problems with the owner as a text or as a function (called once)', () => {
    const template = templateOf(BROKEN);
    const withText = podSpecProblems(template, 'Deployment `web`', '1.35');
    let asked = 0;
    const withFunction = podSpecProblems(template, () => (asked++, 'Deployment `web`'), '1.35');
    expect(withFunction).toEqual(withText);
    expect(asked).toBe(1);
    expect(withText.map((p) => `${p.problem} ${p.subject} ${p.path.join('.')}`)).toEqual([
      'handlers Deployment `web` container `web` spec.template.spec.containers.1.livenessProbe.exec',
      'negative Deployment `web` container `web` spec.template.spec.containers.1.livenessProbe.periodSeconds',
      'volumeSources Deployment `web` volume `data` spec.template.spec.volumes.0.secret',
      'tolerationKey Deployment `web` tolerations[0] spec.template.spec.tolerations.0.key',
      'dnsNone Deployment `web` spec.template.spec.dnsPolicy',
    ]);
  });
});
