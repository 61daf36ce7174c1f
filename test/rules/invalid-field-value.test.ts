import rule from '../../rules/invalid-field-value.js';
import { testRule } from '../helpers/test-rule.js';

const pod = (spec: string, container = '') =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec}  containers: [{name: a, image: nginx${container}}]\n`;
const service = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n${spec}`;
const workload = (apiVersion: string, kind: string, podSpec: string) =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n${podSpec}      containers: [{name: a, image: nginx}]\n`;

const spread = (keys: string, selector = '') =>
  `      topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule${selector}, matchLabelKeys: ${keys}}]\n`;
const antiAffinity = '      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: zone, matchLabelKeys: [a]}]}}\n';

testRule(rule, {
  valid: [
    { name: 'affinity label keys before 1.31 (dropped as alpha)', code: workload('apps/v1', 'Deployment', antiAffinity), options: { kubernetesVersion: '1.30' } },
    { name: 'topology label keys before 1.27 (dropped as alpha)', code: workload('apps/v1', 'Deployment', spread('[a]')), options: { kubernetesVersion: '1.26' } },
    { name: 'a selector key the pods lack, from 1.34', code: workload('apps/v1', 'DaemonSet', spread('[a]', ', labelSelector: {matchLabels: {a: b}}')) },
    { name: 'empty strings are defaulted', code: pod('  dnsPolicy: ""\n  restartPolicy: ""\n', ', imagePullPolicy: ""') },
    { name: 'non-string value (schema rules own it)', code: service('  type: 1\n') },
    { name: 'CronJob with OnFailure', code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate: {spec: {template: {spec: {restartPolicy: OnFailure, containers: [{name: a, image: x}]}}}}\n' },
    { name: 'Deployment without restartPolicy', code: workload('apps/v1', 'Deployment', '') },
    { name: 'custom workload restartPolicy is not judged', code: workload('argoproj.io/v1alpha1', 'Rollout', '      restartPolicy: Never\n') },
    { name: 'Knative Service is not a core Service', code: 'apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: k}\nspec:\n  type: foo\n' },
  ],
  invalid: [
    ...(['apps/v1 ReplicaSet', 'apps/v1 DaemonSet', 'batch/v1 Job', 'v1 ReplicationController'] as const).map((type) => {
      const [apiVersion, kind] = type.split(' ');
      return {
        name: `${kind} label keys without a labelSelector`,
        code: workload(apiVersion, kind, `${kind === 'Job' ? '      restartPolicy: Never\n' : ''}${spread('[a]')}`),
        errors: [{ message: `${kind} \`w\` topologySpreadConstraints[0] sets \`matchLabelKeys\` without a \`labelSelector\`, which the API server forbids; add the labelSelector the keys narrow`, line: kind === 'Job' ? 8 : 7, column: 117 }],
      };
    }),
    {
      name: 'Pod affinity label keys without a labelSelector',
      code: pod(antiAffinity.slice(4)),
      errors: [{ message: /^Pod `p` podAntiAffinity requiredDuringSchedulingIgnoredDuringExecution\[0\] sets `matchLabelKeys` without/, line: 5, column: 117 }],
    },
    {
      name: 'a selector key the pods lack, before 1.34',
      code: workload('apps/v1', 'Deployment', spread('[a]', ', labelSelector: {matchLabels: {a: b}}')),
      options: { kubernetesVersion: '1.33' },
      errors: [{ message: 'Deployment `w` topologySpreadConstraints[0] lists `a` in `matchLabelKeys` while its `labelSelector` also selects on it, so the API server rejects it ("exists in both matchLabelKeys and labelSelector"); drop `a` from the labelSelector', line: 7, column: 156 }],
    },
    {
      name: 'a selector key on a label the controller adds',
      code: workload('apps/v1', 'Deployment', spread('[pod-template-hash]', ', labelSelector: {matchExpressions: [{key: pod-template-hash, operator: Exists}]}')),
      errors: [{ message: /so the API server rejects its pods, which carry the label `pod-template-hash`/, line: 7, column: 199 }],
    },
    {
      name: 'container port protocol, with the case fixed',
      code: pod('', ', ports: [{containerPort: 53, protocol: udp}]'),
      errors: [{ message: 'Pod `p` container `a` protocol `udp` is not one of `TCP`, `UDP` or `SCTP`; did you mean `UDP`?', line: 5, column: 78, endColumn: 81 }],
    },
    {
      name: 'dnsPolicy typo',
      code: pod('  dnsPolicy: ClusterFirstWithHostNetwork\n'),
      errors: [{ message: 'Pod `p` dnsPolicy `ClusterFirstWithHostNetwork` is not one of `ClusterFirstWithHostNet`, `ClusterFirst`, `Default` or `None`; did you mean `ClusterFirstWithHostNet`?', line: 5, column: 14 }],
    },
    {
      name: 'Pod restartPolicy',
      code: pod('  restartPolicy: never\n'),
      errors: [{ message: 'Pod `p` restartPolicy `never` is not allowed in a Pod, which accepts `Always`, `OnFailure` or `Never`; did you mean `Never`?', line: 5, column: 18 }],
    },
    {
      name: 'StatefulSet restartPolicy Never',
      code: workload('apps/v1', 'StatefulSet', '      restartPolicy: Never\n'),
      errors: [{ message: 'StatefulSet `w` restartPolicy `Never` is not allowed in a StatefulSet, which accepts `Always`', line: 7, column: 22 }],
    },
    {
      name: 'Job restartPolicy Always',
      code: workload('batch/v1', 'Job', '      restartPolicy: Always\n'),
      errors: [{ message: 'Job `w` restartPolicy `Always` is not allowed in a Job, which accepts `OnFailure` or `Never`', line: 7, column: 22 }],
    },
    {
      name: 'CronJob without restartPolicy',
      code: 'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: a, image: x}]\n',
      errors: [{ message: 'CronJob `c` sets no restartPolicy, which defaults to `Always`; a CronJob accepts only `OnFailure` or `Never`', line: 9, column: 9 }],
    },
    {
      name: 'Service traffic policies and session affinity',
      code: service('  type: LoadBalancer\n  externalTrafficPolicy: local\n  internalTrafficPolicy: ""\n  sessionAffinity: ClientIp\n'),
      errors: [
        { message: 'Service `s` externalTrafficPolicy `local` is not one of `Cluster` or `Local`; did you mean `Local`?', line: 6, column: 26 },
        { message: 'Service `s` internalTrafficPolicy `` is not one of `Cluster` or `Local`', line: 7, column: 26 },
        { message: 'Service `s` sessionAffinity `ClientIp` is not one of `ClientIP` or `None`; did you mean `ClientIP`?', line: 8, column: 20 },
      ],
    },
    {
      name: 'Service port protocol',
      code: service('  ports: [{name: web, port: 80, protocol: HTTP}]\n'),
      errors: [{ message: 'Service `s` port `web` protocol `HTTP` is not one of `TCP`, `UDP` or `SCTP`', line: 5, column: 43 }],
    },
    {
      name: 'empty pathType in a legacy Ingress',
      code: 'apiVersion: networking.k8s.io/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  rules:\n    - http:\n        paths: [{path: /, pathType: "", backend: {serviceName: s, servicePort: 80}}]\n',
      errors: [{ message: 'Ingress `i` pathType `` is not one of `Exact`, `Prefix` or `ImplementationSpecific`', line: 7, column: 37 }],
    },
  ],
});
