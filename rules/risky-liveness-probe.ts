import { containerLabel, defineRule, isLongRunning, isRecord, probeCheck, probeTiming } from '../src/rule-api.js';

export default defineRule({
  id: 'risky-liveness-probe',
  severity: 'warn',
  podTemplateOnly: true,
  description: 'Liveness probe that restarts containers which are only busy or still starting',
  docs: {
    why:
      'The kubelet restarts a container whose livenessProbe fails `failureThreshold` times in a row, and liveness ' +
      'probes do not wait for readiness (kubernetes.io "Liveness, Readiness, and Startup Probes": "Liveness probes do ' +
      'not wait for readiness probes to succeed. If you want to wait before executing a liveness probe, you can either ' +
      'define initialDelaySeconds or use a startup probe"). Two configurations turn that into a restart loop. ' +
      '(1) The liveness probe performs the same check as the readiness probe and gives up no later (same handler, ' +
      'after defaults and named ports are resolved; a timeout and a failureThreshold × periodSeconds no larger): when ' +
      'a slow dependency or a load spike makes the check fail, the pod is not just taken out of its Service until it ' +
      'recovers, it is killed at the same moment, its in-flight work is lost, and the restarted pods meet the same ' +
      'load, so replicas restart one after another (CrashLoopBackOff under load). The documented pattern is the same ' +
      'cheap endpoint with a higher `failureThreshold`, so that the pod is seen not-ready for a while before it is ' +
      'killed. (2) The container declares a slow start and nothing protects it: there is no startupProbe, and its ' +
      'readinessProbe waits `initialDelaySeconds` at least as long as the liveness probe allows in total ' +
      '(`initialDelaySeconds + failureThreshold × periodSeconds`, defaults 0, 3 and 10 s) on the same port or command. ' +
      'The manifest itself says the application does not answer there before that time, yet the kubelet kills it ' +
      'first, so it never gets to start: restarts with back-off forever. Guessing a slow start from the image ' +
      '(a JVM, `JAVA_TOOL_OPTIONS`) is not done: it says nothing about this application’s start time.',
    fix:
      'Give the liveness probe a higher `failureThreshold` (or a cheaper endpoint that does not check dependencies) ' +
      'than the readiness probe, and add a `startupProbe` (e.g. `failureThreshold: 30`, `periodSeconds: 10`) for ' +
      'slow-starting containers instead of a long liveness `initialDelaySeconds`.',
  },
  messages: {
    sameAsReadiness:
      '{{subject}} livenessProbe repeats its readinessProbe ({{check}}) and gives up no later ({{window}} s, readiness {{readyWindow}} s), so a pod too busy to answer is restarted instead of only leaving the Service; give the livenessProbe a higher failureThreshold or a cheaper endpoint',
    slowStart:
      '{{subject}} livenessProbe restarts a container that has not answered {{check}} within {{budget}} s, but its readinessProbe waits {{delay}} s before the first check and there is no startupProbe; add a startupProbe or raise livenessProbe.initialDelaySeconds above {{delay}}',
  },
  check({ resource, index, report }) {
    const template = index.podTemplate(resource);
    if (!template) return;
    const { containers } = template;
    for (let i = 0; i < containers.length; i++) {
      const ref = containers[i];
      const { livenessProbe: liveness, readinessProbe: readiness, startupProbe } = ref.container;
      if (!isLongRunning(ref) || !isRecord(liveness) || !isRecord(readiness)) continue;
      const live = probeCheck(liveness, ref.container);
      const ready = probeCheck(readiness, ref.container);
      if (!live || !ready) continue;
      const lt = probeTiming(liveness);
      const rt = probeTiming(readiness);
      const subject = containerLabel(template, ref);
      const window = lt.failureThreshold * lt.periodSeconds;
      const budget = lt.initialDelaySeconds + window;
      const samePlace = live.port !== undefined ? live.port === ready.port : live.key === ready.key;
      if ((startupProbe === undefined || startupProbe === null) && samePlace && rt.initialDelaySeconds > 0 && rt.initialDelaySeconds >= budget) {
        const at = liveness.initialDelaySeconds === undefined ? resource.key(...ref.path, 'livenessProbe') : resource.node(...ref.path, 'livenessProbe', 'initialDelaySeconds');
        report(at, 'slowStart', { subject, check: live.text, budget, delay: rt.initialDelaySeconds });
        continue;
      }
      const readyWindow = rt.failureThreshold * rt.periodSeconds;
      if (live.key === ready.key && lt.timeoutSeconds <= rt.timeoutSeconds && window <= readyWindow) {
        report(resource.key(...ref.path, 'livenessProbe'), 'sameAsReadiness', { subject, check: live.text, window, readyWindow });
      }
    }
  },
});
