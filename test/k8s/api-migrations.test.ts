import { describe, expect, it } from 'vitest';
import removedApiVersion from '../../rules/removed-api-version.js';
import { fixText } from '../helpers/test-fix.js';
import { lintText } from '../helpers/test-rule.js';

const workload = (apiVersion: string, kind: string, spec: string) => `apiVersion: ${apiVersion}
kind: ${kind}
metadata: {name: web}
spec:
${spec}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: nginx}
`;

/** `fix`, `suggestion: <desc>` or `none` for the one finding of `code`. */
async function offered(code: string): Promise<string> {
  const [message] = await lintText(code, removedApiVersion);
  if (message.fix) return 'fix';
  return message.suggestions ? `suggestion: ${message.suggestions[0].desc}` : 'none';
}

describe('apiVersion migrations', () => {
  it('migrates workloads safely only when every default that changed is set explicitly', async () => {
    expect(await offered(workload('apps/v1beta2', 'DaemonSet', ''))).toBe('fix');
    expect(await offered(workload('extensions/v1beta1', 'DaemonSet', ''))).toBe(
      'suggestion: Switch to `apps/v1`, which changes the defaults of `spec.updateStrategy.type` (OnDelete -> RollingUpdate)');
    expect(await offered(workload('extensions/v1beta1', 'DaemonSet', '  updateStrategy: {type: OnDelete}\n'))).toBe('fix');
    expect(await offered(workload('apps/v1beta1', 'StatefulSet', '  serviceName: web\n'))).toMatch(/^suggestion: .*updateStrategy/);
    expect(await offered(workload('apps/v1beta1', 'StatefulSet', '  serviceName: web\n  updateStrategy: {type: RollingUpdate}\n'))).toBe('fix');
    expect(await offered(workload('extensions/v1beta1', 'Deployment', '  revisionHistoryLimit: 5\n  progressDeadlineSeconds: 600\n  strategy: {type: Recreate}\n'))).toBe('fix');
    expect(await offered(workload('extensions/v1beta1', 'Deployment', '  revisionHistoryLimit: 5\n  progressDeadlineSeconds: 600\n  strategy: {rollingUpdate: {maxSurge: 1}}\n')))
      .toBe('suggestion: Switch to `apps/v1`, which changes the defaults of `spec.strategy.rollingUpdate.maxUnavailable` (1 -> 25%)');
  });

  it('converts Ingress backends in block and flow style, and offers nothing for one it cannot convert one to one', async () => {
    const ingress = (backend: string) => `apiVersion: networking.k8s.io/v1beta1
kind: Ingress
metadata: {name: web}
spec:
  rules:
    - http:
        paths:
          - path: /
            backend:
${backend}`;
    expect(await offered(ingress('              serviceName: web\n              servicePort: 80\n'))).toBe('fix');
    expect(await offered(ingress('              serviceName: web\n'))).toBe('none');
    expect(await offered(ingress('              {serviceName: web, servicePort: 80}\n'))).toBe('fix');
    expect(await offered(ingress('              {serviceName: web, servicePort: 80, extra: 1}\n'))).toBe('none');
  });

  it('migrates a JSON manifest as JSON', async () => {
    const text = JSON.stringify({
      apiVersion: 'extensions/v1beta1', kind: 'Ingress', metadata: { name: 'web' },
      spec: { backend: { serviceName: 'web', servicePort: 80 }, rules: [{ http: { paths: [{ path: '/', backend: { serviceName: 'web', servicePort: 'http' } }] } }] },
    }, null, 2);
    const result = await fixText(text, removedApiVersion, 'ingress.json');
    expect(JSON.parse(result.output!)).toEqual({
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'web' },
      spec: {
        defaultBackend: { service: { name: 'web', port: { number: 80 } } },
        rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { name: 'http' } } }, pathType: 'ImplementationSpecific' }] } }],
      },
    });
  });
});
