import { defineRule, isDns1123Subdomain, isRecord } from '../src/rule-api.js';

export default defineRule({
  id: 'invalid-service-spec',
  severity: 'error',
  kinds: ['Service'],
  description: 'Service whose type contradicts its other fields: a headless NodePort or LoadBalancer, an ExternalName without a valid externalName',
  docs: {
    why:
      'pkg/apis/core/validation `ValidateService` refuses `clusterIP: None` on a `NodePort` or `LoadBalancer` Service ' +
      '("may not be set to \'None\' for NodePort services": node ports forward to a cluster IP), an `ExternalName` ' +
      'Service without `externalName` or with one that is not a DNS-1123 subdomain (a trailing dot allowed), or with a ' +
      '`clusterIP` ("may not be set for ExternalName services"), and a `sessionAffinityConfig.clientIP.timeoutSeconds` ' +
      'outside 1-86400 (`validateClientIPAffinityConfig`). An omitted `type` is `ClusterIP` (`SetDefaults_Service`). ' +
      'A `nodePort` on a ClusterIP Service is `invalid-port`\'s.',
    fix: 'Use `type: ClusterIP` for a headless Service; give an ExternalName Service a DNS name in `externalName` and no clusterIP.',
  },
  messages: {
    headless: 'Service `{{name}}` sets `clusterIP: None` with type `{{type}}`, which the API server rejects; a headless Service must be `ClusterIP` (drop `type` or the `None`)',
    externalName: 'Service `{{name}}` of type `ExternalName` {{problem}}; set `externalName` to the DNS name it stands for (e.g. `db.example.com`)',
    externalClusterIP: 'Service `{{name}}` of type `ExternalName` sets clusterIP `{{value}}`, which the API server rejects; remove it',
    timeout: 'Service `{{name}}` sessionAffinityConfig timeoutSeconds `{{value}}` is outside 1-86400',
  },
  check({ resource, report }) {
    if (resource.group !== '' || !isRecord(resource.value.spec)) return;
    const spec = resource.value.spec;
    const name = resource.name;
    const type = typeof spec.type === 'string' ? spec.type : '';
    const firstIP = typeof spec.clusterIP === 'string' && spec.clusterIP !== '' ? spec.clusterIP : Array.isArray(spec.clusterIPs) && typeof spec.clusterIPs[0] === 'string' ? spec.clusterIPs[0] : '';
    const ipNode = typeof spec.clusterIP === 'string' && spec.clusterIP !== '' ? resource.node('spec', 'clusterIP') : resource.node('spec', 'clusterIPs', 0);
    if ((type === 'NodePort' || type === 'LoadBalancer') && firstIP === 'None') report(ipNode, 'headless', { name, type });
    if (type === 'ExternalName') {
      const external = spec.externalName;
      if (typeof external !== 'string' || external === '') report(resource.key('spec', 'type'), 'externalName', { name, problem: 'has no `externalName`, which the API server requires' });
      else {
        const reasons = isDns1123Subdomain(external.replace(/\.$/, ''));
        if (reasons.length > 0) report(resource.node('spec', 'externalName'), 'externalName', { name, problem: `has externalName \`${external}\`, which is not a DNS-1123 subdomain: ${reasons.join('; ')}` });
      }
      if (firstIP !== '') report(ipNode, 'externalClusterIP', { name, value: firstIP });
    }
    const config = isRecord(spec.sessionAffinityConfig) && isRecord(spec.sessionAffinityConfig.clientIP) ? spec.sessionAffinityConfig.clientIP : undefined;
    const timeout = config?.timeoutSeconds;
    if (spec.sessionAffinity === 'ClientIP' && typeof timeout === 'number' && (timeout < 1 || timeout > 86400)) {
      report(resource.node('spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'), 'timeout', { name, value: timeout });
    }
  },
});
