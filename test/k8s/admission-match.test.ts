import { describe, expect, it } from 'vitest';
import { guessResource } from '../../src/admission/match.js';

describe('guessResource', () => {
  it('names built-in and custom resources as the API server does', () => {
    const cases: Record<string, string> = {
      Deployment: 'deployments', Ingress: 'ingresses', NetworkPolicy: 'networkpolicies', Endpoints: 'endpoints',
      ComponentStatus: 'componentstatuses', IPAddress: 'ipaddresses', Gateway: 'gateways', HTTPRoute: 'httproutes',
    };
    for (const [kind, resource] of Object.entries(cases)) expect(guessResource(kind), kind).toBe(resource);
  });
});
