import { describe, expect, it } from 'vitest';
import { findInTemplate, valuesOfDefine } from '../../src/units/template-lines.js';

const template = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ template "app.fullname" . }}
spec:
  {{- if not .Values.hpa.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      {{- with .Values.podSecurityContext }}
      securityContext:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      containers:
        {{- if .Values.sidecar.enabled }}
        - name: sidecar
          image: busybox
        {{- end }}
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          ports:
            - name: http
              containerPort: {{ .Values.service.port | default 8080 }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
`;
const rendered = { spec: { template: { spec: { containers: [{ name: 'app', ports: [{ name: 'http' }] }] } } } };

describe('findInTemplate', () => {
  it('finds a key whose value comes from .Values', () => {
    expect(findInTemplate(template, ['spec', 'replicas'], rendered, 'Deployment')).toEqual({
      range: { line: 7, column: 13, endLine: 7, endColumn: 39 },
      complete: true,
      valuesPath: ['replicaCount'],
    });
  });

  it('picks the written list item for a rendered item (the sidecar is conditional)', () => {
    const found = findInTemplate(template, ['spec', 'template', 'spec', 'containers', 0, 'image'], rendered, 'Deployment');
    expect(found?.range.line).toBe(21);
    expect(found?.valuesPath).toEqual(['image', 'repository']);
  });

  it('follows a path into a `default`', () => {
    const found = findInTemplate(template, ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort'], rendered, 'Deployment');
    expect(found).toMatchObject({ complete: true, valuesPath: ['service', 'port'] });
    expect(found?.range.line).toBe(24);
  });

  it('continues a path into values inserted with toYaml', () => {
    const found = findInTemplate(template, ['spec', 'template', 'spec', 'containers', 0, 'resources', 'limits', 'memory'], rendered, 'Deployment');
    expect(found).toMatchObject({ complete: false, valuesPath: ['resources', 'limits', 'memory'] });
    expect(found?.range).toEqual({ line: 25, column: 11, endLine: 25, endColumn: 20 });
  });

  it('continues into a `with` scope', () => {
    const found = findInTemplate(template, ['spec', 'template', 'spec', 'securityContext', 'runAsUser'], rendered, 'Deployment');
    expect(found).toMatchObject({ complete: false, valuesPath: ['podSecurityContext', 'runAsUser'] });
    expect(found?.range.line).toBe(12);
  });

  it('points at the key when asked, and at the nearest key that exists otherwise', () => {
    expect(findInTemplate(template, ['metadata', 'name'], rendered, 'Deployment', true)?.range).toEqual({ line: 4, column: 3, endLine: 4, endColumn: 7 });
    expect(findInTemplate(template, ['spec', 'minReadySeconds'], rendered, 'Deployment')).toMatchObject({ complete: false, range: { line: 5 } });
  });

  it('picks the document of the kind in a multi-document template', () => {
    const two = 'apiVersion: v1\nkind: Service\nspec:\n  type: ClusterIP\n---\napiVersion: v1\nkind: ConfigMap\ndata:\n  type: x\n';
    expect(findInTemplate(two, ['data', 'type'], {}, 'ConfigMap')?.range.line).toBe(9);
  });

  it('picks the document of the rendered name among several of one kind (kustomize prefixes names)', () => {
    const two = 'kind: ConfigMap\nmetadata:\n  name: a\ndata:\n  x: "1"\n---\nkind: ConfigMap\nmetadata:\n  name: b\ndata:\n  x: "2"\n';
    expect(findInTemplate(two, ['data', 'x'], { metadata: { name: 'prod-b' } }, 'ConfigMap')?.range.line).toBe(11);
  });

  it('names the template an `include` inserts, and the values its `define` reads', () => {
    const text = 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: app\n          image: {{ include "app.image" . | quote }}\n';
    expect(findInTemplate(text, ['spec', 'template', 'spec', 'containers', 0, 'image'], {}, 'Deployment')).toMatchObject({ include: 'app.image', rest: [] });
    const helpers = '{{- define "app.name" -}}{{ .Chart.Name }}{{- end }}\n{{- define "app.image" -}}\n{{ .Values.image.repository }}:{{ .Values.image.tag }}\n{{- end -}}\n';
    expect(valuesOfDefine(helpers, 'app.image')).toEqual(['image', 'repository']);
    expect(valuesOfDefine(helpers, 'app.name')).toBeUndefined();
    expect(valuesOfDefine(helpers, 'app.missing')).toBeUndefined();
  });
});
