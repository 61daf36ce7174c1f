import { defineRule, podSpecProblems, podTemplateObject, type PodSpecProblem } from '../src/rule-api.js';

const list = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(', ').replace(/, ([^,]*)$/, ' and $1');
const oneOf = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(', ').replace(/, ([^,]*)$/, ' or $1');

/** Problems with a field that should not be there (or not alone): reported at its key, not its value. */
const AT_KEY: ReadonlySet<PodSpecProblem['problem']> = new Set([
  'noHandler', 'handlers', 'initContainerField', 'volumeSources', 'projectionSources', 'valueFromSources', 'noValueFromSource', 'valueAndValueFrom', 'dnsNone',
  'tolerationSeconds', 'tolerationValue',
]);

/** The message data of a problem: its fields, lists written out. */
function dataOf(found: PodSpecProblem): Record<string, string | number> {
  const data: Record<string, string | number> = { subject: found.subject };
  for (const [key, value] of Object.entries(found)) {
    if (key === 'path' || key === 'problem' || key === 'subject') continue;
    data[key] = Array.isArray(value) ? (key === 'allowed' ? oneOf(value) : list(value)) : (value as string | number);
  }
  return data;
}

export default defineRule({
  id: 'invalid-pod-spec',
  severity: 'error',
  podTemplateOr: ['/PodTemplate'],
  description: 'Pod template the API server rejects: probe or hook handlers, probe thresholds, init-container fields, volume and env sources, DNS config, tolerations, privilege escalation',
  docs: {
    why:
      'The API server validates every pod spec, in Pods and in the templates of Deployments, StatefulSets, DaemonSets, ' +
      'ReplicaSets, ReplicationControllers, Jobs, CronJobs and PodTemplates, beyond what its OpenAPI schema says ' +
      '(pkg/apis/core/validation/validation.go), and refuses the whole object: a probe names exactly one handler ' +
      '(`exec`, `httpGet`, `tcpSocket` or `grpc`; `validateHandler`: "must specify a handler type", "may not specify more ' +
      'than 1 handler type"), as does a `postStart` or `preStop` hook (`exec`, `httpGet`, `tcpSocket` or `sleep`); probe ' +
      'delays, periods, timeouts and thresholds are not negative (0 is defaulted) and a probe ' +
      '`terminationGracePeriodSeconds` is positive (`validateProbe`); liveness and startup probes need `successThreshold` 1 ' +
      '(`validateContainers`); an init container without `restartPolicy: Always` may not have probes or `lifecycle`, and ' +
      'an init container `restartPolicy` can only be `Always`, which makes it a sidecar (`validateInitContainers`; ' +
      'Kubernetes 1.29 and later, before which the field is dropped); a volume names one source (`validateVolumeSource`; ' +
      'none at all is defaulted to `emptyDir`) and each projected source one kind (`validateProjectionSources`); an env ' +
      'var with `valueFrom` has an empty `value` and one of `fieldRef`, `resourceFieldRef`, `configMapKeyRef`, ' +
      '`secretKeyRef` (`validateEnvVarValueFrom`); `dnsPolicy: None` needs `dnsConfig.nameservers` (`validatePodDNSConfig`); ' +
      'a toleration without `key` needs `operator: Exists`, `Exists` takes no `value`, `tolerationSeconds` needs ' +
      '`effect: NoExecute` (`ValidateTolerations`); `allowPrivilegeEscalation: false` contradicts `privileged: true` and ' +
      'an added `CAP_SYS_ADMIN` (`ValidateSecurityContext`).',
    fix: 'Keep one handler or source per entry (split volumes and projected sources), drop probes from plain init containers or make them sidecars, and use the values the messages name.',
  },
  messages: {
    noHandler: '{{subject}} {{what}} names no handler; the API server requires exactly one of {{allowed}}',
    handlers: '{{subject}} {{what}} names {{found}}; the API server allows one handler, keep one of them',
    successThreshold: '{{subject}} {{probe}} successThreshold `{{value}}` must be 1 for liveness and startup probes',
    negative: '{{subject}} {{field}} `{{value}}` must not be negative',
    notPositive: '{{subject}} {{field}} `{{value}}` must be greater than zero',
    initContainerField:
      '{{subject}} sets `{{field}}`, which the API server forbids on an init container without `restartPolicy: Always`; remove it, or make the container a sidecar with `restartPolicy: Always`',
    initRestartPolicy: '{{subject}} restartPolicy `{{value}}` is not supported: an init container accepts only `Always` (a sidecar); remove it for a container that runs to completion',
    volumeSources: '{{subject}} names {{found}}; a volume has exactly one source, define one volume per source',
    projectionSources: '{{subject}} has a projected source naming {{found}}; each entry of `sources` names one, split it into separate entries',
    noProjectionSource: '{{subject}} has a projected source naming none of {{allowed}}',
    valueFromSources: '{{subject}} valueFrom names {{found}}; it takes exactly one source',
    noValueFromSource: '{{subject}} valueFrom names none of {{allowed}}',
    valueAndValueFrom: '{{subject}} sets both `value` and `valueFrom`, which the API server rejects; keep one of them',
    dnsNone: '{{subject}} sets dnsPolicy `None` with {{missing}}; the API server requires at least one nameserver in `dnsConfig.nameservers`',
    tolerationOperator: '{{subject}} has no `key`, so its operator must be `Exists` (tolerate every taint); set `operator: Exists` or name the taint key',
    tolerationValue: '{{subject}} sets a `value` with operator `Exists`, which the API server rejects; remove the value or use `operator: Equal`',
    tolerationSeconds: '{{subject}} sets `tolerationSeconds` without `effect: NoExecute`, which the API server rejects; set `effect: NoExecute` or remove tolerationSeconds',
    tolerationKey: '{{subject}} key `{{key}}` is not a valid label key: {{reason}}',
    privilegedEscalation: '{{subject}} sets `allowPrivilegeEscalation: false` with `privileged: true`, which the API server rejects; a privileged container always can escalate, drop one of them',
    sysAdminEscalation: '{{subject}} sets `allowPrivilegeEscalation: false` while adding capability `CAP_SYS_ADMIN`, which the API server rejects; drop one of them',
  },
  check({ resource, index, kubernetesVersion, report }) {
    const template = index.podTemplate(resource) ?? podTemplateObject(resource);
    if (!template) return;
    for (const found of podSpecProblems(template, () => resource.label, kubernetesVersion)) {
      const atKey = AT_KEY.has(found.problem) && typeof found.path.at(-1) === 'string';
      report(atKey ? resource.key(...found.path) : resource.node(...found.path), found.problem, dataOf(found));
    }
  },
});
