import { defineRule, didYouMean } from '../src/rule-api.js';

const INGRESS_CLASS = 'networking.k8s.io/IngressClass';

export default defineRule({
  id: 'missing-ingress-class',
  severity: 'warn',
  kinds: ['networking.k8s.io/Ingress', 'extensions/Ingress'],
  description: 'Ingress ingressClassName names no IngressClass, in a set that defines IngressClasses',
  crossResource: true,
  docs: {
    why:
      'An ingress controller serves only the Ingresses whose `spec.ingressClassName` names an IngressClass whose ' +
      '`spec.controller` is its own (ingress-nginx: "Ignoring ingress because of error while validating ingress ' +
      'class"); the API server checks only that the name is well formed. An Ingress naming an IngressClass that does ' +
      'not exist is served by no controller: it never gets an address and its hosts answer with whatever else ' +
      'listens there (often 404). IngressClasses are cluster-scoped and usually installed with the controller, so the ' +
      'rule runs only when the linted files define at least one IngressClass (or the configuration declares them as ' +
      '`external`). The deprecated `kubernetes.io/ingress.class` annotation is not checked: controllers match its ' +
      'value against their own flags (`--ingress-class`), not against IngressClass objects.',
    fix: 'Set `ingressClassName` to one of the IngressClasses of the cluster, or define the IngressClass it names.',
  },
  messages: {
    missing: 'Ingress `{{ingress}}` has `ingressClassName: {{name}}`, but no IngressClass `{{name}}` is defined ({{classes}}), so no ingress controller serves it{{hint}}',
  },
  check({ resource, index, report }) {
    const spec = resource.value.spec as { ingressClassName?: unknown } | undefined;
    const name = spec?.ingressClassName;
    if (typeof name !== 'string' || name === '') return;
    const classes = index.names(INGRESS_CLASS, undefined).sort();
    if (classes.length === 0 || index.exists(INGRESS_CLASS, undefined, name)) return;
    const shown = classes.slice(0, 5).map((c) => `\`${c}\``).join(', ') + (classes.length > 5 ? ', …' : '');
    report(resource.node('spec', 'ingressClassName'), 'missing', {
      ingress: resource.name,
      name,
      classes: `IngressClasses: ${shown}`,
      hint: didYouMean(name, classes),
    });
  },
});
