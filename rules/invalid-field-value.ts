import { containerEnumSites, defineRule, enumHint, isRecord, labelKeysProblems, objectEnumSites, podSpecEnumSites, podTemplateObject, type LabelKeysProblem, type Path, type PodTemplate, type Resource, type RuleContext } from '../src/rule-api.js';

const PROTOCOLS = ['TCP', 'UDP', 'SCTP'];
const CLUSTER_LOCAL = ['Cluster', 'Local'];
const RESTART_POLICIES: ReadonlyMap<string, readonly string[]> = new Map([
  ['/Pod', ['Always', 'OnFailure', 'Never']],
  ['batch/Job', ['OnFailure', 'Never']],
  ['batch/CronJob', ['OnFailure', 'Never']],
  ...['apps/Deployment', 'apps/ReplicaSet', 'apps/StatefulSet', 'apps/DaemonSet', 'extensions/Deployment',
    'extensions/ReplicaSet', 'extensions/DaemonSet', '/ReplicationController'].map((k): [string, string[]] => [k, ['Always']]),
]);
/** [path, allowed values, whether `""` is rejected too (pointer fields are not defaulted from "")]. */
type Field = readonly [Path, readonly string[], boolean?];
const SERVICE_FIELDS: readonly Field[] = [
  [['spec', 'type'], ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']],
  [['spec', 'sessionAffinity'], ['ClientIP', 'None']],
  [['spec', 'externalTrafficPolicy'], CLUSTER_LOCAL],
  [['spec', 'internalTrafficPolicy'], CLUSTER_LOCAL, true],
];
const PATH_TYPES = ['Exact', 'Prefix', 'ImplementationSpecific'];
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];

type Report = RuleContext<'unsupported' | 'restartPolicy' | 'restartPolicyDefault' | 'notPositive' | 'topologyKey' | 'minDomains' | LabelKeysProblem['problem']>['report'];

const list = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(', ').replace(/, ([^,]*)$/, ' or $1');

function get(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, key) => (isRecord(v) || Array.isArray(v) ? (v as Record<string | number, unknown>)[key] : undefined), value);
}

/** `value[key]` of a map, undefined for anything else. */
function at(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** A string the API server rejects: not `""` (unset, defaulted) unless `rejectEmpty`, and not one of `allowed`. */
function unsupported(value: unknown, allowed: readonly string[], rejectEmpty: boolean): value is string {
  return typeof value === 'string' && (value === '' ? rejectEmpty : !allowed.includes(value));
}

/** Reports `value`, found at `path`, when the API server rejects it; the path is built by the caller only then. */
function checkValue(resource: Resource, report: Report, path: Path, allowed: readonly string[], subject = resource.label, rejectEmpty = false, field = String(path.at(-1))): void {
  const value = get(resource.value, path);
  if (!unsupported(value, allowed, rejectEmpty)) return;
  report(resource.node(...path), 'unsupported', { subject, field, value, allowed: list(allowed), hint: enumHint(value, allowed) });
}

/** pkg/apis/core/validation `validateTopologySpreadConstraints`, field by field. */
function checkTopologySpread(resource: Resource, report: Report, podSpec: unknown, spec: Path): void {
  const constraints = at(podSpec, 'topologySpreadConstraints');
  if (!Array.isArray(constraints)) return;
  constraints.forEach((constraint, i) => {
    if (!isRecord(constraint)) return;
    const at = [...spec, 'topologySpreadConstraints', i];
    const subject = `${resource.label} topologySpreadConstraints[${i}]`;
    for (const field of ['maxSkew', 'minDomains'] as const) {
      const value = constraint[field];
      if (typeof value === 'number' && value <= 0) report(resource.node(...at, field), 'notPositive', { subject, field, value });
    }
    // A missing topologyKey is schema-violation's (a required field); an empty one passes the schema.
    if (constraint.topologyKey === '') report(resource.node(...at, 'topologyKey'), 'topologyKey', { subject });
    checkValue(resource, report, [...at, 'whenUnsatisfiable'], ['DoNotSchedule', 'ScheduleAnyway'], subject, true);
    checkValue(resource, report, [...at, 'nodeAffinityPolicy'], ['Honor', 'Ignore'], subject, true);
    checkValue(resource, report, [...at, 'nodeTaintsPolicy'], ['Honor', 'Ignore'], subject, true);
    const when = constraint.whenUnsatisfiable;
    if (typeof constraint.minDomains === 'number' && constraint.minDomains > 0 && when === 'ScheduleAnyway') {
      report(resource.node(...at, 'minDomains'), 'minDomains', { subject, value: when });
    }
  });
}

/** `matchLabelKeys` / `mismatchLabelKeys` of topology spread constraints and pod (anti-)affinity terms. */
function checkLabelKeys(resource: Resource, report: Report, spec: Path, template: PodTemplate, kubernetesVersion: string): void {
  const carries = (key: string) => Object.hasOwn(template.labels, key) || template.controllerLabels.has(key);
  for (const found of labelKeysProblems(template.spec, spec, carries, kubernetesVersion)) {
    const subject = `${resource.label} ${found.subject}`;
    const node = resource.node(...found.path);
    if (found.problem === 'noSelector') report(node, found.problem, { subject, field: found.field });
    else if (found.problem === 'invalidKey') report(node, found.problem, { subject, field: found.field, value: found.key, reason: found.reason });
    else if (found.problem === 'inBothLists') report(node, found.problem, { subject, value: found.key });
    else report(node, found.problem, { subject, value: found.key, rejected: found.pods ? `its pods, which carry the label \`${found.key}\`` : 'it' });
  }
}

function arrayAt(resource: Resource, path: Path): unknown[] {
  const value = get(resource.value, path);
  return Array.isArray(value) ? value : [];
}

export default defineRule({
  id: 'invalid-field-value',
  severity: 'error',
  description: 'Enumerated field with a value the API server does not support (values are case-sensitive), or a scheduling constraint it rejects',
  docs: {
    why:
      'The OpenAPI schemas describe these fields as plain strings, but the API server accepts only fixed values ' +
      '(pkg/apis/core/validation, apps, batch and networking validation) and rejects the object with ' +
      '`Unsupported value: "tcp": supported values: "SCTP", "TCP", "UDP"`. Checked: container port and Service port ' +
      '`protocol` (`TCP`, `UDP`, `SCTP`); `imagePullPolicy` (`Always`, `IfNotPresent`, `Never`); pod `dnsPolicy` ' +
      '(`ClusterFirst`, `ClusterFirstWithHostNet`, `Default`, `None`); pod `restartPolicy` (`Always`, `OnFailure`, ' +
      '`Never` in a Pod; only `Always` in Deployments, ReplicaSets, StatefulSets, DaemonSets and ' +
      'ReplicationControllers; `OnFailure` or `Never` in Jobs and CronJobs, where an omitted restartPolicy defaults ' +
      'to `Always` and is rejected, kubernetes/kubernetes#41194); Service `type`, `sessionAffinity` (`ClientIP`, `None`), `externalTrafficPolicy` ' +
      'and `internalTrafficPolicy` (`Cluster`, `Local`); Ingress `pathType` (`Exact`, `Prefix`, ' +
      '`ImplementationSpecific`); Deployment `strategy.type`; StatefulSet `podManagementPolicy`, `updateStrategy.type`, ' +
      '`persistentVolumeClaimRetentionPolicy`; DaemonSet `updateStrategy.type`; Job `completionMode`, `podReplacementPolicy`; ' +
      'CronJob `concurrencyPolicy`; PersistentVolumeClaim (and claim template) `accessModes`, `volumeMode`; NetworkPolicy ' +
      '`policyTypes` and port `protocol`; Service `ipFamilyPolicy`, `ipFamilies`; pod `tolerations` `operator` and `effect`, ' +
      '`preemptionPolicy`, seccomp profile `type`, node affinity operators, `hostPath.type`, container ' +
      '`terminationMessagePolicy` (src/k8s/enum-fields.ts names the validation functions); pod `topologySpreadConstraints` (`validateTopologySpreadConstraints`): `maxSkew` ' +
      'and `minDomains` greater than zero, `minDomains` only with `whenUnsatisfiable: DoNotSchedule`, a `topologyKey`, ' +
      '`whenUnsatisfiable` `DoNotSchedule` or `ScheduleAnyway`, `nodeAffinityPolicy` and `nodeTaintsPolicy` `Honor` or ' +
      '`Ignore`; `matchLabelKeys` and `mismatchLabelKeys` of topology spread constraints (from 1.27) and pod affinity and ' +
      'anti-affinity terms (from 1.31; `validateMatchLabelKeysInTopologySpread`, `validateMatchLabelKeysAndMismatchLabelKeys`): ' +
      'only beside a `labelSelector`, valid label keys, no key in both lists, and no key of `matchLabelKeys` that the ' +
      'labelSelector also names (from 1.34 for topology spread, and always for affinity, the API server merges ' +
      '`key In (<pod value>)` into the selector when it creates a pod carrying the label, and then rejects that pod, so a ' +
      'workload applies but gets no pods). An empty string counts as unset where the API server defaults it.',
    fix: 'Use one of the listed values, spelled exactly (e.g. `TCP`, not `tcp`).',
  },
  messages: {
    unsupported: '{{subject}} {{field}} `{{value}}` is not one of {{allowed}}{{hint}}',
    restartPolicy: '{{subject}} restartPolicy `{{value}}` is not allowed in a {{kind}}, which accepts {{allowed}}{{hint}}',
    restartPolicyDefault: '{{subject}} sets no restartPolicy, which defaults to `Always`; a {{kind}} accepts only {{allowed}}',
    notPositive: '{{subject}} {{field}} `{{value}}` must be greater than zero',
    topologyKey: '{{subject}} has an empty `topologyKey`, which the API server rejects (e.g. `topology.kubernetes.io/zone`)',
    minDomains: '{{subject}} sets `minDomains` with whenUnsatisfiable `{{value}}`; the API server allows minDomains only with `DoNotSchedule`',
    noSelector: '{{subject}} sets `{{field}}` without a `labelSelector`, which the API server forbids; add the labelSelector the keys narrow',
    invalidKey: '{{subject}} {{field}} entry `{{value}}` is not a valid label key: {{reason}}',
    inBothLists: '{{subject}} lists `{{value}}` in both `matchLabelKeys` and `mismatchLabelKeys`, which the API server rejects; keep it in one list',
    inSelector:
      '{{subject}} lists `{{value}}` in `matchLabelKeys` while its `labelSelector` also selects on it, so the API server rejects {{rejected}} ("exists in both matchLabelKeys and labelSelector"); drop `{{value}}` from the labelSelector',
  },
  check({ resource, index, kubernetesVersion, report }) {
    // Values are read straight from the object; a path, subject and message are built only for a
    // value the API server rejects (nearly every object has none).
    const kind = `${resource.group}/${resource.kind}`;
    const value = resource.value as Record<string, unknown>;
    if (kind === '/Service') {
      const spec = at(value, 'spec');
      for (let i = 0; i < SERVICE_FIELDS.length; i++) {
        const field = SERVICE_FIELDS[i]!;
        const path = field[0];
        const allowed = field[1];
        const rejectEmpty = field[2] ?? false;
        if (unsupported(at(spec, String(path[1])), allowed, rejectEmpty)) checkValue(resource, report, path, allowed, resource.label, rejectEmpty);
      }
      const ports = at(spec, 'ports');
      if (Array.isArray(ports)) {
        ports.forEach((port, i) => {
          if (!unsupported(at(port, 'protocol'), PROTOCOLS, false)) return;
          const subject = `${resource.label} port \`${isRecord(port) ? String(port.name ?? port.port) : i}\``;
          checkValue(resource, report, ['spec', 'ports', i, 'protocol'], PROTOCOLS, subject);
        });
      }
    }
    if (kind === 'networking.k8s.io/Ingress' || kind === 'extensions/Ingress') {
      // Each pathType read in place; its path and the label are built only for a value to report.
      arrayAt(resource, ['spec', 'rules']).forEach((rule, i) => {
        const paths = get(rule, ['http', 'paths']);
        if (!Array.isArray(paths)) return;
        paths.forEach((entry, j) => {
          if (unsupported(at(entry, 'pathType'), PATH_TYPES, true)) checkValue(resource, report, ['spec', 'rules', i, 'http', 'paths', j, 'pathType'], PATH_TYPES, resource.label, true);
        });
      });
    }
    for (const site of objectEnumSites(kind, value, true)) checkValue(resource, report, site.path, site.allowed, resource.label, site.rejectEmpty, site.field);
    const template = index.podTemplate(resource) ?? podTemplateObject(resource);
    if (!template) return;
    const podSpec: unknown = template.spec;
    const spec = template.path.concat('spec');
    for (const site of podSpecEnumSites(podSpec, spec, true)) checkValue(resource, report, site.path, site.allowed, resource.label, site.rejectEmpty, site.field);
    if (unsupported(at(podSpec, 'dnsPolicy'), DNS_POLICIES, false)) checkValue(resource, report, [...spec, 'dnsPolicy'], DNS_POLICIES);
    checkTopologySpread(resource, report, podSpec, spec);
    if (at(podSpec, 'topologySpreadConstraints') !== undefined || at(podSpec, 'affinity') !== undefined) checkLabelKeys(resource, report, spec, template, kubernetesVersion);
    const { containers } = template;
    for (let i = 0; i < containers.length; i++) {
      const { container, path } = containers[i];
      const ports = container.ports;
      const badProtocol = Array.isArray(ports) && ports.some((port) => unsupported(at(port, 'protocol'), PROTOCOLS, false));
      const sites = containerEnumSites(container, path, true);
      if (!badProtocol && sites.length === 0 && !unsupported(container.imagePullPolicy, PULL_POLICIES, false)) continue;
      const subject = `${resource.label} container \`${String(container.name)}\``;
      checkValue(resource, report, [...path, 'imagePullPolicy'], PULL_POLICIES, subject);
      for (const site of sites) checkValue(resource, report, site.path, site.allowed, subject, site.rejectEmpty, site.field);
      arrayAt(resource, [...path, 'ports']).forEach((_, i) => checkValue(resource, report, [...path, 'ports', i, 'protocol'], PROTOCOLS, subject));
    }
    const allowed = RESTART_POLICIES.get(kind);
    if (!allowed) return;
    const restartPolicy = at(podSpec, 'restartPolicy');
    if (typeof restartPolicy === 'string' && restartPolicy !== '' && !allowed.includes(restartPolicy)) {
      const data = { subject: resource.label, kind: resource.kind, allowed: list(allowed) };
      report(resource.node(...spec, 'restartPolicy'), 'restartPolicy', { ...data, value: restartPolicy, hint: enumHint(restartPolicy, allowed) });
    } else if ((restartPolicy === undefined || restartPolicy === '') && !allowed.includes('Always')) {
      report(resource.key(...spec), 'restartPolicyDefault', { subject: resource.label, kind: resource.kind, allowed: list(allowed) });
    }
  },
});
