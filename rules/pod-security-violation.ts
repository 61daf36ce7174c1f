import {
  minorVersion, defineRule, isRecord, podSecurityViolations, policyLabels, policyToEvaluate, POD_SECURITY_LABEL_PREFIX,
  type PodSecurityMode, type Resource,
} from '../src/rule-api.js';

const CONSEQUENCE: Readonly<Record<Exclude<PodSecurityMode, 'enforce'>, string>> = {
  warn: 'kubectl prints it as a warning on apply',
  audit: 'the audit log records it',
};

function labelsOf(namespace: Resource | undefined): Readonly<Record<string, unknown>> | undefined {
  if (!namespace) return undefined;
  const labels = (namespace.value.metadata as { labels?: unknown } | undefined)?.labels;
  return isRecord(labels) ? labels : {};
}

export default defineRule({
  id: 'pod-security-violation',
  severity: 'error',
  podTemplateOr: ['/Namespace'],
  description: 'Pod template breaks the Pod Security Standard its namespace enforces, warns or audits (PodSecurity admission)',
  docs: {
    why:
      'The PodSecurity admission plugin (k8s.io/pod-security-admission) checks every pod created in a namespace against ' +
      'the level (`privileged`, `baseline`, `restricted`) and version (`latest` or `v1.x`) of the namespace labels ' +
      '`pod-security.kubernetes.io/enforce`, `warn` and `audit` (each with a `-version`), falling back to the defaults of ' +
      'its AdmissionConfiguration. An `enforce` violation rejects the pod: `pods "web-7d9c" is forbidden: violates ' +
      'PodSecurity "restricted:latest": allowPrivilegeEscalation != false (...)`. Workloads are accepted (PodSecurity only ' +
      'warns on them), so a Deployment, StatefulSet, DaemonSet, Job or CronJob applies cleanly and never gets a pod: the ' +
      'controller reports `FailedCreate`. `warn` prints a warning on apply, `audit` writes an audit annotation; the pods ' +
      'are created. The checks are those of the upstream policy package, version by version: baseline forbids host ' +
      'namespaces, privileged containers, capabilities beyond the default set, hostPath volumes, hostPorts, AppArmor ' +
      '`Unconfined` (field or annotation), SELinux types other than the container ones and any user or role, a `procMount` ' +
      'other than `Default` (allowed for `hostUsers: false` pods from v1.35), seccomp `Unconfined` (annotations before ' +
      'v1.19), sysctls outside the safe set (which grew in v1.27, v1.29 and v1.32), Windows `hostProcess`, and a `host` ' +
      'on probes and lifecycle handlers (v1.34). Restricted adds: only configMap, csi, downwardAPI, emptyDir, ephemeral, ' +
      'persistentVolumeClaim, projected, secret (and image from Kubernetes 1.33) volumes; `allowPrivilegeEscalation: false` ' +
      '(v1.8); `runAsNonRoot: true` on the pod or every container; no `runAsUser: 0` (v1.23); seccomp `RuntimeDefault` or ' +
      '`Localhost` (v1.19); capabilities `drop: [ALL]` and at most `add: [NET_BIND_SERVICE]` (v1.22). From v1.25 Windows ' +
      'pods (`spec.os.name: windows`) skip the privilege escalation, seccomp and capabilities checks; from v1.35 pods with ' +
      '`hostUsers: false` skip runAsNonRoot and runAsUser. Init, sidecar and ephemeral containers are checked like the ' +
      'others. `latest` and versions above the target Kubernetes version evaluate as the target version. Configuration ' +
      '`podSecurity` gives the cluster defaults, the labels of namespaces not in the run, and the exemptions ' +
      '(namespaces, runtime classes, the controllers\' usernames); a namespace with neither a Namespace object nor a ' +
      'configured policy is not checked. A Namespace with an invalid label value is itself rejected on create.',
    fix:
      'Set the fields the check names in the pod template (for restricted: `allowPrivilegeEscalation: false`, ' +
      '`runAsNonRoot: true`, `seccompProfile: {type: RuntimeDefault}`, `capabilities: {drop: [ALL]}`), or run the workload ' +
      'in a namespace whose level allows it.',
  },
  messages: {
    enforce: '{{pods}}: violates PodSecurity `{{policy}}` ({{source}}): {{reason}} ({{detail}})',
    warn: '{{pods}} would violate PodSecurity `{{policy}}` ({{source}}): {{reason}} ({{detail}}); {{consequence}}',
    invalidLabel: 'Namespace `{{namespace}}` is rejected by PodSecurity admission: label `{{label}}: {{value}}` {{problem}}',
  },
  check({ resource, index, kubernetesVersion, settings, report }) {
    if (resource.kind === 'Namespace' && resource.group === '') {
      const labels = policyLabels(labelsOf(resource) ?? {});
      if (Object.keys(labels).length === 0) return;
      const defaults = { level: 'privileged', version: 'latest' } as const;
      for (const problem of policyToEvaluate(labels, { enforce: defaults, warn: defaults, audit: defaults }).problems) {
        const label = `${POD_SECURITY_LABEL_PREFIX}${problem.name}`;
        report(resource.node('metadata', 'labels', label), 'invalidLabel', { namespace: resource.name, label, value: problem.value, problem: problem.message });
      }
      return;
    }
    const template = index.podTemplate(resource);
    if (!template) return;
    const namespaceLabels = labelsOf(index.get('Namespace', undefined, template.namespace));
    // Nothing to evaluate without a labelled Namespace or a configured policy.
    const configured = settings.podSecurity?.defaults !== undefined || settings.podSecurity?.namespaces?.[template.namespace] !== undefined;
    if (!configured && !Object.keys(namespaceLabels ?? {}).some((key) => key.startsWith(POD_SECURITY_LABEL_PREFIX))) return;
    const violations = podSecurityViolations({ template, namespaceLabels }, settings.podSecurity, minorVersion(kubernetesVersion));
    const isPod = resource.kind === 'Pod' && resource.group === '';
    for (const violation of violations) {
      const node = resource.node(...template.path, ...violation.site.path);
      const data = { policy: violation.policy, source: violation.source, reason: violation.reason, detail: violation.site.detail };
      if (violation.mode === 'enforce') {
        report(node, 'enforce', { ...data, pods: isPod ? `${resource.label} is rejected` : `The pods of ${resource.label} are never created (FailedCreate)` });
      } else {
        const consequence = violation.modes.map((mode) => CONSEQUENCE[mode as Exclude<PodSecurityMode, 'enforce'>]).join(' and ');
        report(node, 'warn', { ...data, pods: isPod ? resource.label : `The pods of ${resource.label}`, consequence }, { severity: 'warn' });
      }
    }
  },
});
