import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import {
  KUBERNETES_KEYWORDS,
  LATEST_VERSION,
  SUPPORTED_VERSIONS,
  kindsServedIn,
  lookupKind,
  minorVersion,
  resolveVersion,
  servedGroupVersions,
  versionsServing,
} from '../src/schemas.js';
import { definitionBodies } from '../src/schema-bodies.js';

const range = (from: string, to: string): string[] =>
  SUPPORTED_VERSIONS.slice(SUPPORTED_VERSIONS.indexOf(from), SUPPORTED_VERSIONS.indexOf(to) + 1);

const validators = new Map<string, ValidateFunction>();
function validator(version: string, apiVersion: string, kind: string): ValidateFunction {
  const key = `${version} ${apiVersion} ${kind}`;
  let validate = validators.get(key);
  if (validate === undefined) {
    const found = lookupKind(version, apiVersion, kind);
    if (found === undefined) throw new Error(`${key} not served`);
    validate = new Ajv({ strict: false, allErrors: true }).compile(found.schema);
    validators.set(key, validate);
  }
  return validate;
}

function deployment(spec: Record<string, unknown> = {}, container: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [{
            name: 'web',
            image: 'nginx:1.27',
            ports: [{ containerPort: 80, protocol: 'TCP' }],
            ...container,
          }],
        },
      },
      ...spec,
    },
  };
}

describe('version list', () => {
  it('matches the generated index', () => {
    const index = JSON.parse(readFileSync(new URL('../schemas/index.json', import.meta.url), 'utf8')) as {
      latest: string; versions: Record<string, unknown>;
    };
    expect(Object.keys(index.versions)).toEqual([...SUPPORTED_VERSIONS]);
    expect(index.latest).toBe(LATEST_VERSION);
    expect(SUPPORTED_VERSIONS[0]).toBe('1.23');
    expect(LATEST_VERSION).toBe('1.35');
  });

  it('resolves version spellings', () => {
    expect(resolveVersion('1.30')).toBe('1.30');
    expect(resolveVersion('v1.30.4')).toBe('1.30');
    expect(resolveVersion('v1.29.3-gke.1')).toBe('1.29');
    expect(resolveVersion('1.22')).toBeUndefined();
    expect(resolveVersion('latest')).toBeUndefined();
  });

  it('rejects unsupported versions', () => {
    expect(() => lookupKind('1.22', 'apps/v1', 'Deployment')).toThrow(RangeError);
    expect(() => servedGroupVersions('2.0')).toThrow(RangeError);
  });
});

describe('served group/versions and kinds', () => {
  it('serves apps/v1 Deployment in every version', () => {
    expect(versionsServing('apps/v1', 'Deployment')).toEqual([...SUPPORTED_VERSIONS]);
    for (const v of SUPPORTED_VERSIONS) {
      expect(lookupKind(v, 'apps/v1', 'Deployment')).toBeDefined();
      expect(servedGroupVersions(v).has('apps/v1')).toBe(true);
      expect(servedGroupVersions(v).has('v1')).toBe(true);
      expect(servedGroupVersions(v).has('networking.k8s.io/v1')).toBe(true);
    }
  });

  it('serves batch/v1beta1 CronJob in 1.23 and 1.24 only', () => {
    expect(versionsServing('batch/v1beta1', 'CronJob')).toEqual(['1.23', '1.24']);
    expect(lookupKind('1.24', 'batch/v1beta1', 'CronJob')).toBeDefined();
    expect(lookupKind('1.25', 'batch/v1beta1', 'CronJob')).toBeUndefined();
    expect(servedGroupVersions('1.25').has('batch/v1beta1')).toBe(false);
    expect(versionsServing('batch/v1', 'CronJob')).toEqual([...SUPPORTED_VERSIONS]);
  });

  it('drops policy/v1beta1 (PodSecurityPolicy) at 1.25', () => {
    expect(versionsServing('policy/v1beta1', 'PodSecurityPolicy')).toEqual(['1.23', '1.24']);
    expect(versionsServing('policy/v1beta1', 'PodDisruptionBudget')).toEqual(['1.23', '1.24']);
    expect(lookupKind('1.25', 'policy/v1beta1', 'PodSecurityPolicy')).toBeUndefined();
    expect(servedGroupVersions('1.25').has('policy/v1beta1')).toBe(false);
  });

  it('follows the flowcontrol and autoscaling graduations', () => {
    const fc = 'flowcontrol.apiserver.k8s.io';
    expect(versionsServing(`${fc}/v1beta1`, 'FlowSchema')).toEqual(range('1.23', '1.25'));
    expect(versionsServing(`${fc}/v1beta2`, 'FlowSchema')).toEqual(range('1.23', '1.28'));
    expect(versionsServing(`${fc}/v1beta3`, 'PriorityLevelConfiguration')).toEqual(range('1.26', '1.31'));
    expect(versionsServing(`${fc}/v1`, 'FlowSchema')).toEqual(range('1.29', '1.35'));
    expect(versionsServing('autoscaling/v2beta1', 'HorizontalPodAutoscaler')).toEqual(['1.23', '1.24']);
    expect(versionsServing('autoscaling/v2beta2', 'HorizontalPodAutoscaler')).toEqual(range('1.23', '1.25'));
    expect(versionsServing('autoscaling/v2', 'HorizontalPodAutoscaler')).toEqual([...SUPPORTED_VERSIONS]);
    expect(versionsServing('extensions/v1beta1', 'Ingress')).toEqual([]);
    expect(versionsServing('apps/v1', 'NoSuchKind')).toEqual([]);
  });

  it('lists the kinds of a version, without the API machinery kinds', () => {
    const kinds = kindsServedIn('1.35');
    const keys = kinds.map((k) => `${k.apiVersion} ${k.kind}`);
    expect(keys).toContain('apps/v1 Deployment');
    expect(keys).toContain('v1 ConfigMap');
    expect(keys).toContain('networking.k8s.io/v1 Ingress');
    expect(keys).not.toContain('batch/v1beta1 CronJob');
    expect(keys.some((k) => /DeleteOptions|WatchEvent| Status$/.test(k))).toBe(false);
    expect(keys).toEqual([...keys].sort((a, b) => {
      const [av, ak] = a.split(' ');
      const [bv, bk] = b.split(' ');
      return av! < bv! ? -1 : av! > bv! ? 1 : ak! < bk! ? -1 : ak! > bk! ? 1 : 0;
    }));
    expect(kindsServedIn('1.23').map((k) => `${k.apiVersion} ${k.kind}`)).toContain('batch/v1beta1 CronJob');
    for (const v of ['1.23', '1.35']) {
      for (const { apiVersion, kind } of kindsServedIn(v)) {
        expect(servedGroupVersions(v).has(apiVersion)).toBe(true);
        expect(versionsServing(apiVersion, kind)).toContain(v);
      }
    }
  });
});

describe('kind schemas', () => {
  it('are self-contained, annotated and cached', () => {
    const found = lookupKind('1.35', 'apps/v1', 'Deployment')!;
    expect(lookupKind('1.35', 'apps/v1', 'Deployment')).toBe(found);
    const schema = found.schema as {
      definitions: Record<string, unknown>;
      'x-kubernetes-group-version-kind': unknown;
      additionalProperties: unknown;
    };
    expect(schema['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    expect(schema.additionalProperties).toBe(false);
    const refs = JSON.stringify(schema).match(/"\$ref":"[^"]*"/g) ?? [];
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of new Set(refs)) {
      const name = ref.slice('"$ref":"#/definitions/'.length, -1);
      expect(schema.definitions[name], name).toBeDefined();
    }
    expect(schema.definitions['io.k8s.api.core.v1.PodSpec']).toBeDefined();
    expect(schema.definitions['io.k8s.api.batch.v1.JobSpec']).toBeUndefined();
  });

  it('compile under strict ajv once the Kubernetes keywords are registered', () => {
    const ajv = new Ajv({ strict: true, allErrors: true });
    ajv.addVocabulary([...KUBERNETES_KEYWORDS]);
    expect(() => ajv.compile(lookupKind('1.35', 'apps/v1', 'Deployment')!.schema)).not.toThrow();
    expect(() => ajv.compile(lookupKind('1.23', 'policy/v1beta1', 'PodSecurityPolicy')!.schema)).not.toThrow();
  });

  it('accept a valid Deployment and reject replicas: "3"', () => {
    for (const v of ['1.23', LATEST_VERSION]) {
      const validate = validator(v, 'apps/v1', 'Deployment');
      expect(validate(deployment()), JSON.stringify(validate.errors)).toBe(true);
      expect(validate(deployment({ replicas: '3' }))).toBe(false);
      expect(validate.errors?.some((e) => e.instancePath === '/spec/replicas' && e.keyword === 'type')).toBe(true);
    }
  });

  it('reject unknown fields and missing required fields', () => {
    const validate = validator(LATEST_VERSION, 'apps/v1', 'Deployment');
    expect(validate(deployment({ replica: 3 }))).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({
      instancePath: '/spec', keyword: 'additionalProperties', params: { additionalProperty: 'replica' },
    }));
    expect(validate(deployment({}, { imagePullPolicy: 'Always', imagePulPolicy: 'Always' }))).toBe(false);
    expect(validate.errors?.[0]?.instancePath).toBe('/spec/template/spec/containers/0');
    const noSelector = deployment();
    delete (noSelector.spec as Record<string, unknown>).selector;
    expect(validate(noSelector)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({
      instancePath: '/spec', keyword: 'required', params: { missingProperty: 'selector' },
    }));
    // Maps stay open.
    expect(validate(deployment({}, { env: [{ name: 'A', value: 'b' }] }))).toBe(true);
  });

  it('accept an integer or a string for IntOrString and Quantity in 1.23 and 1.35', () => {
    for (const v of ['1.23', '1.35']) {
      const validate = validator(v, 'apps/v1', 'Deployment');
      for (const maxUnavailable of [1, '25%']) {
        const d = deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge: 1 } } });
        expect(validate(d), `${v} maxUnavailable ${maxUnavailable}`).toBe(true);
      }
      expect(validate(deployment({ strategy: { rollingUpdate: { maxUnavailable: true } } }))).toBe(false);
      for (const cpu of [1, 0.5, '100m']) {
        const d = deployment({}, { resources: { limits: { cpu, memory: '128Mi' }, requests: { cpu } } });
        expect(validate(d), `${v} cpu ${cpu}`).toBe(true);
      }
      expect(validate(deployment({}, { resources: { limits: { cpu: { amount: 1 } } } }))).toBe(false);
      const probe = { httpGet: { path: '/healthz', port: 'http' } };
      expect(validate(deployment({}, { livenessProbe: probe, readinessProbe: { tcpSocket: { port: 8080 } } }))).toBe(true);
    }
  });

  it('handle the recursive CustomResourceDefinition schema', () => {
    const validate = validator(LATEST_VERSION, 'apiextensions.k8s.io/v1', 'CustomResourceDefinition');
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        names: { kind: 'Widget', plural: 'widgets' },
        scope: 'Namespaced',
        versions: [{
          name: 'v1', served: true, storage: true,
          schema: {
            openAPIV3Schema: {
              type: 'object',
              properties: {
                spec: {
                  type: 'object',
                  'x-kubernetes-preserve-unknown-fields': true,
                  properties: { size: { type: 'integer', default: 1, description: 'size' } },
                },
              },
            },
          },
        }],
      },
    };
    expect(validate(crd), JSON.stringify(validate.errors)).toBe(true);
    const bad = structuredClone(crd);
    (bad.spec.versions[0]!.schema.openAPIV3Schema.properties.spec.properties.size as Record<string, unknown>).typo = 1;
    expect(validate(bad)).toBe(false);
  });

  it('keep per-group/version differences of shared types (1.23 ObjectMeta.clusterName)', () => {
    const meta = { name: 'x', clusterName: 'c' };
    const deploy = validator('1.23', 'apps/v1', 'Deployment');
    expect(deploy({ ...deployment(), metadata: meta })).toBe(true);
    const apiService = validator('1.23', 'apiregistration.k8s.io/v1', 'APIService');
    expect(apiService({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: { name: 'x' } })).toBe(true);
    expect(apiService({ apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService', metadata: meta })).toBe(false);
    expect(validator('1.25', 'apps/v1', 'Deployment')({ ...deployment(), metadata: meta })).toBe(false);
  });

  it('resolves every served kind of the oldest and newest versions', () => {
    for (const v of ['1.23', LATEST_VERSION]) {
      for (const { apiVersion, kind } of kindsServedIn(v)) {
        const found = lookupKind(v, apiVersion, kind);
        expect(found, `${v} ${apiVersion} ${kind}`).toBeDefined();
        expect(found!.schema['x-kubernetes-group-version-kind']).toEqual([{
          group: apiVersion.includes('/') ? apiVersion.split('/')[0] : '',
          version: apiVersion.split('/').pop(),
          kind,
        }]);
      }
    }
  });
});

describe('definition bodies, parsed one at a time', () => {
  const data = readFileSync(new URL('../schemas/definitions.json', import.meta.url));
  const whole = (JSON.parse(data.toString('utf8')) as { bodies: Record<string, unknown> }).bodies;

  it('reads every body of the shipped file as parsing it whole does', () => {
    const lazy = definitionBodies(data);
    expect(Object.keys(whole).length).toBeGreaterThan(500);
    for (const [hash, body] of Object.entries(whole)) expect(lazy.get(hash), hash).toEqual(body);
    expect(lazy.get('no-such-hash')).toBeUndefined();
    expect(lazy.get('constructor')).toBeUndefined();
    const [first] = Object.keys(whole);
    expect(lazy.get(first)).toBe(lazy.get(first));
  });

  it("knows each body's references as walking the parsed body finds them", () => {
    const lazy = definitionBodies(data);
    const walk = (node: unknown, found: Set<string>): Set<string> => {
      if (Array.isArray(node)) for (const x of node) walk(x, found);
      else if (node !== null && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/')) found.add(v.slice('#/definitions/'.length));
          else walk(v, found);
        }
      }
      return found;
    };
    let referencing = 0;
    for (const hash of Object.keys(whole)) {
      const body = lazy.get(hash)!;
      const refs = lazy.refs(body)!;
      expect(new Set(refs), hash).toEqual(walk(body, new Set()));
      expect(refs.length, hash).toBe(new Set(refs).size);
      if (refs.length > 0) referencing++;
    }
    expect(referencing).toBeGreaterThan(100);
    expect(lazy.refs({ $ref: '#/definitions/x' })).toBeUndefined();
  });

  it('parses a file in another layout whole', () => {
    const compact = JSON.stringify({ format: 1, bodies: { a: { type: 'string' }, b: { $ref: '#/definitions/x' } } });
    const lazy = definitionBodies(Buffer.from(compact));
    expect(lazy.get('b')).toEqual({ $ref: '#/definitions/x' });
    expect(lazy.get('constructor')).toBeUndefined();
    const oneLine = definitionBodies(Buffer.from('{"format":1,"bodies":{\n"a":{"type":"string"},\n"b":{"type":"integer"}}}\n'));
    expect(oneLine.get('b')).toEqual({ type: 'integer' });
    const crlf = definitionBodies(Buffer.from('{"format":1,"bodies":{\r\n"a":{"type":"string"},\r\n"é":{"type":"integer"}\r\n}}\r\n'));
    expect(crlf.get('é')).toEqual({ type: 'integer' });
    expect(crlf.get('a')).toEqual({ type: 'string' });
  });

  it('finds each body by byte offset after multi-byte text in hashes and bodies', () => {
    const text = '{"format":1,"bodies":{\n"é☃":{"description":"naïve ☃ ü"},\n"b":{"type":"integer"},\t\n"c":{"enum":["€"]}\n}}\n';
    const bodies = definitionBodies(Buffer.from(text));
    expect(bodies.get('é☃')).toEqual({ description: 'naïve ☃ ü' });
    expect(bodies.get('b')).toEqual({ type: 'integer' });
    expect(bodies.get('c')).toEqual({ enum: ['€'] });
    expect(bodies.refs(bodies.get('b')!)).toEqual([]);
  });
});

describe('minorVersion', () => {
  it('is the second dot-separated number of the version as spelt, parsed once per spelling', () => {
    expect(minorVersion('1.34')).toBe(34);
    expect(minorVersion('1.34')).toBe(34);
    expect(minorVersion('v1.30.4')).toBe(30);
    expect(minorVersion('1.9')).toBe(9);
    expect(minorVersion('2')).toBeNaN();
  });
});
