import { defineRule, didYouMean, GATEWAY_GROUP, quotedList } from '../src/rule-api.js';

const GATEWAY_CLASS = `${GATEWAY_GROUP}/GatewayClass`;

export default defineRule({
  id: 'missing-gateway-class',
  severity: 'warn',
  kinds: [`${GATEWAY_GROUP}/Gateway`],
  ecosystem: 'Gateway API',
  crossResource: true,
  description: 'Gateway gatewayClassName names no GatewayClass, in a set that defines GatewayClasses',
  docs: {
    why:
      'A Gateway is served by the controller of the GatewayClass its `spec.gatewayClassName` names (gateway-api ' +
      'gateway_types.go: "GatewayClassName used for this Gateway. This is the name of a GatewayClass resource"). ' +
      'No controller reconciles a Gateway whose class does not exist: it stays `Accepted: Unknown` ("Waiting for ' +
      'controller"), gets no address, and none of its routes serve traffic. GatewayClasses are cluster-scoped and ' +
      'usually installed with the implementation, so the rule runs only when the linted files define at least one ' +
      'GatewayClass (or the configuration declares them as `external`).',
    fix: 'Set `gatewayClassName` to one of the GatewayClasses of the cluster, or define the GatewayClass it names.',
  },
  messages: {
    missing: 'Gateway `{{gateway}}` has `gatewayClassName: {{name}}`, but no GatewayClass `{{name}}` is defined (GatewayClasses: {{classes}}), so no controller serves it{{hint}}',
  },
  check({ resource, index, report }) {
    const spec = resource.value.spec as { gatewayClassName?: unknown } | undefined;
    const name = spec?.gatewayClassName;
    if (typeof name !== 'string' || name === '') return;
    const classes = index.names(GATEWAY_CLASS, undefined).sort();
    if (classes.length === 0 || index.exists(GATEWAY_CLASS, undefined, name)) return;
    report(resource.node('spec', 'gatewayClassName'), 'missing', { gateway: resource.name, name, classes: quotedList(classes), hint: didYouMean(name, classes) });
  },
});
