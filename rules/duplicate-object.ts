import { isDeepStrictEqual } from 'node:util';
import { defineRule, definitionPlace } from '../src/rule-api.js';

const LISTED = 3;

export default defineRule({
  id: 'duplicate-object',
  severity: 'error',
  description: 'The same object (API group, kind, namespace, name) is defined more than once in the linted files',
  docs: {
    why:
      'The API server identifies an object by its API group, kind, namespace and name; the version does not count ' +
      '(`apps/v1beta2` and `apps/v1` Deployments are the same object). `kubectl apply -f` sends every definition in ' +
      'turn without complaint: the second one is applied as an update of the first (its `last-applied-configuration` ' +
      'lets it remove the fields only the first one set), so whichever comes last silently wins and the other one ' +
      'never takes effect; `kubectl create` fails with AlreadyExists, and kustomize refuses to build ("may not add ' +
      'resource with an already registered id"). Objects without a name (`generateName`) are not compared. A ' +
      'definition in a legacy group (`extensions/v1beta1`) is compared only with others of that group. Two identical ' +
      'definitions are harmless (applying the same object twice changes nothing) and are not reported.',
    fix: 'Keep one definition and delete the other, or give one of them another name or namespace.',
  },
  messages: {
    duplicate: '{{kind}} `{{name}}`{{where}} is also defined in {{others}}; applying both, one silently replaces the other: keep one definition or rename one',
  },
  check({ resource, index, report }) {
    if (resource.name === '') return;
    const all = index.definitions(resource);
    if (all.length < 2) return;
    // Identical copies (an all-in-one file beside the same objects split up) apply as one.
    const others = all.filter((other) => other !== resource && !isDeepStrictEqual(other.value, resource.value));
    if (others.length === 0) return;
    const places = others.slice(0, LISTED).map((other) => definitionPlace(resource, other));
    if (others.length > LISTED) places.push(`${others.length - LISTED} more`);
    report(resource.node('metadata', 'name'), 'duplicate', {
      kind: resource.kind,
      name: resource.name,
      where: resource.namespace !== undefined ? ` in namespace \`${resource.namespace}\`` : '',
      others: places.join(', '),
    }, { related: others.map((other) => ({ node: other.node('metadata', 'name'), message: `${other.kind} \`${other.name}\` is also defined here` })) });
  },
});
