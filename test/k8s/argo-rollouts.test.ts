import { describe, expect, it } from 'vitest';
import { indexOf } from '../helpers/index-of.js';
import { analysisTemplateRefs, referencedWorkload, rolloutPodLabels, rolloutServices, trafficRoutingRefs, workloadRef } from '../../src/k8s/argo-rollouts.js';

const run = indexOf(`
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: canary, namespace: shop}
spec:
  template: {metadata: {labels: {app: web}}, spec: {containers: [{name: a, image: nginx}]}}
  strategy:
    canary:
      stableService: web
      canaryService: web-canary
      pingPong: {pingService: ping, pongService: pong}
      trafficRouting:
        istio: {virtualServices: [{name: web}, {name: web-internal.mesh.svc.cluster.local}], destinationRule: {name: web}}
        nginx: {stableIngresses: [web, web-admin]}
        alb: {ingress: web-alb}
      analysis: {templates: [{templateName: bg}]}
      steps:
        - analysis: {templates: [{templateName: step, clusterScope: true}]}
        - experiment: {analyses: [{name: a, templateName: exp}]}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: bluegreen, namespace: shop}
spec:
  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  strategy:
    blueGreen:
      activeService: web
      previewService: web-preview
      prePromotionAnalysis: {templates: [{templateName: pre}]}
      postPromotionAnalysis: {templates: [{templateName: post, clusterScope: true}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec: {template: {metadata: {labels: {app: web, tier: front}}, spec: {containers: [{name: a, image: nginx}]}}}
---
apiVersion: v1
kind: PodTemplate
metadata: {name: jobs, namespace: shop}
template: {metadata: {labels: {app: jobs}}, spec: {containers: [{name: a, image: nginx}]}}
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: jobs, namespace: shop}
spec:
  workloadRef: {apiVersion: v1, kind: PodTemplate, name: jobs}
`);
const [canary, bluegreen, , , jobs] = run.resources;

describe('rolloutServices', () => {
  it('lists the Services of both strategies, pingPong included', () => {
    expect(rolloutServices(canary).map((s) => `${s.field}=${s.name}@${s.path.join('.')}`)).toEqual([
      'stableService=web@spec.strategy.canary.stableService',
      'canaryService=web-canary@spec.strategy.canary.canaryService',
      'pingService=ping@spec.strategy.canary.pingPong.pingService',
      'pongService=pong@spec.strategy.canary.pingPong.pongService',
    ]);
    expect(rolloutServices(bluegreen).map((s) => s.field)).toEqual(['activeService', 'previewService']);
  });
});

describe('analysisTemplateRefs', () => {
  it('finds background, step, experiment and promotion analyses with their scope', () => {
    expect(analysisTemplateRefs(canary).map((r) => `${r.name}:${r.clusterScope}@${r.path.join('.')}`)).toEqual([
      'bg:false@spec.strategy.canary.analysis.templates.0.templateName',
      'step:true@spec.strategy.canary.steps.0.analysis.templates.0.templateName',
      'exp:false@spec.strategy.canary.steps.1.experiment.analyses.0.templateName',
    ]);
    expect(analysisTemplateRefs(bluegreen).map((r) => `${r.name}:${r.clusterScope}`)).toEqual(['pre:false', 'post:true']);
  });
});

describe('pod labels', () => {
  it('come from the Rollout, the referenced Deployment or the referenced PodTemplate', () => {
    expect(rolloutPodLabels(run, canary)).toMatchObject({ labels: { app: 'web' }, from: canary });
    expect(workloadRef(bluegreen)).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' });
    expect(referencedWorkload(run, bluegreen)?.kind).toBe('Deployment');
    expect(rolloutPodLabels(run, bluegreen)?.labels).toEqual({ app: 'web', tier: 'front' });
    expect(rolloutPodLabels(run, jobs)?.labels).toEqual({ app: 'jobs' });
  });
});

describe('trafficRoutingRefs', () => {
  it('lists Istio objects (with name.namespace) and the nginx and ALB Ingresses', () => {
    expect(trafficRoutingRefs(canary).map((r) => `${r.kind} ${r.namespace}/${r.name} ${r.site}@${r.path.slice(4).join('.')}`)).toEqual([
      'VirtualService shop/web istio.virtualServices@istio.virtualServices.0.name',
      'VirtualService mesh/web-internal istio.virtualServices@istio.virtualServices.1.name',
      'DestinationRule shop/web istio.destinationRule@istio.destinationRule.name',
      'Ingress shop/web nginx.stableIngresses@nginx.stableIngresses.0',
      'Ingress shop/web-admin nginx.stableIngresses@nginx.stableIngresses.1',
      'Ingress shop/web-alb alb.ingress@alb.ingress',
    ]);
    expect(trafficRoutingRefs(bluegreen)).toEqual([]);
  });
});
