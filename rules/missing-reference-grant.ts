import { defineRule, GATEWAY_GROUP, gatewayListeners, isRecord, referenceGrant, routeBackendRefs, ROUTE_KINDS, type GatewayReference, type Resource, type ResourceIndex } from '../src/rule-api.js';

const GRANT = `${GATEWAY_GROUP}/ReferenceGrant`;

/** What the ReferenceGrants of `namespace` do allow, for the message. */
function existing(index: ResourceIndex, namespace: string): string {
  const grants = index.list(GRANT, namespace);
  if (grants.length === 0) return `; namespace \`${namespace}\` has no ReferenceGrant`;
  const allowed = grants.slice(0, 3).map((grant) => {
    const spec = isRecord(grant.value.spec) ? grant.value.spec : {};
    const from = (Array.isArray(spec.from) ? spec.from : []).filter(isRecord).map((f) => `${String(f.kind)} of \`${String(f.namespace)}\``);
    const to = (Array.isArray(spec.to) ? spec.to : []).filter(isRecord).map((t) => `${String(t.kind)}${typeof t.name === 'string' ? ` \`${t.name}\`` : ''}`);
    return `ReferenceGrant \`${grant.name}\` allows ${from.join(', ')} to ${to.join(', ')}`;
  });
  return `; ${allowed.join('; ')}`;
}

/** Cross-namespace references of a route (backendRefs) or a Gateway (listener certificateRefs). */
function crossReferences(resource: Resource): GatewayReference[] {
  const refs = resource.kind === 'Gateway' ? gatewayListeners(resource).flatMap((l) => l.certificateRefs) : routeBackendRefs(resource);
  return refs.filter((ref) => ref.crossNamespace);
}

export default defineRule({
  id: 'missing-reference-grant',
  severity: 'error',
  kinds: [...ROUTE_KINDS, `${GATEWAY_GROUP}/Gateway`],
  ecosystem: 'Gateway API',
  crossResource: true,
  description: 'Gateway API reference into another namespace that no ReferenceGrant there allows',
  docs: {
    why:
      'A route `backendRef` (including a `requestMirror` backend) or a Gateway listener\'s TLS `certificateRefs` may ' +
      'name an object of another namespace only when a ReferenceGrant in that namespace allows it: its `from` lists ' +
      'the group, kind and namespace of the referring object, its `to` the group and kind (and optionally the name) ' +
      'of the target. gateway-api object_reference_types.go: "References to objects with invalid Group and Kind ' +
      'are not valid ... If a reference to a resource in a different namespace is not permitted by a ' +
      'ReferenceGrant, the `ResolvedRefs` condition MUST be set to False with reason `RefNotPermitted`": the backend ' +
      'then answers 500, and the listener does not serve TLS. Parent references across namespaces need no ' +
      'ReferenceGrant (the listener\'s `allowedRoutes` decide, see `gateway-route-listener-mismatch`). When no linted ' +
      'object lives in the target namespace, its ReferenceGrants may exist outside the manifests: that is a warning.',
    fix:
      'Create a ReferenceGrant in the target namespace with `from: [{group: gateway.networking.k8s.io, kind: ' +
      '<HTTPRoute|Gateway|...>, namespace: <referring namespace>}]` and `to: [{group: "", kind: <Service|Secret>}]`, ' +
      'or move the object into the referring namespace.',
  },
  messages: {
    missing:
      '{{owner}} refers to {{kind}} `{{name}}` in namespace `{{namespace}}`, but no ReferenceGrant there allows {{fromKind}}s of namespace `{{from}}` to refer to it, so the reference is refused (RefNotPermitted){{hint}}',
  },
  check({ resource, index, report }) {
    const from = { group: GATEWAY_GROUP, kind: resource.kind, namespace: resource.namespace! };
    for (const ref of crossReferences(resource)) {
      if (referenceGrant(index, from, ref)) continue;
      const outside = !index.hasNamespace(ref.namespace);
      report(resource.node(...ref.path, 'namespace'), 'missing', {
        owner: resource.label,
        kind: ref.kind,
        name: ref.name,
        namespace: ref.namespace,
        fromKind: resource.kind,
        from: from.namespace,
        hint: existing(index, ref.namespace),
      }, outside ? { severity: 'warn' } : undefined);
    }
  },
});
