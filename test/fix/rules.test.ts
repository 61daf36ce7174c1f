import deprecatedApiVersion from '../../rules/deprecated-api-version.js';
import removedApiVersion from '../../rules/removed-api-version.js';
import serviceTargetPortMismatch from '../../rules/service-target-port-mismatch.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText, ROOT } from '../helpers/test-rule.js';
import invalidImageReference from '../../rules/invalid-image-reference.js';
import schemaViolation from '../../rules/schema-violation.js';
import { testFixes } from '../helpers/test-fix.js';

testFixes(schemaViolation);
testFixes(invalidImageReference);
testFixes(serviceTargetPortMismatch);
testFixes(removedApiVersion);
testFixes(deprecatedApiVersion);

describe('suggestions', () => {
  it('offers what --fix may not apply as an editor suggestion with its text edit', async () => {
    const text = readFileSync(path.join(ROOT, 'fixtures/fix/invalid-image-reference/url-scheme.before.yaml'), 'utf8');
    const [message] = await lintText(text, invalidImageReference);
    expect(message.fix).toBeUndefined();
    const start = text.indexOf('https://');
    expect(message.suggestions).toEqual([{ desc: 'Use image `ghcr.io/acme/web:1.0.0`', fix: { range: [start, start + 'https://ghcr.io/acme/web:1.0.0'.length], text: 'ghcr.io/acme/web:1.0.0' } }]);
  });

  it('offers a migration that changes defaults the object leaves implicit only as a suggestion, naming them', async () => {
    const text = readFileSync(path.join(ROOT, 'fixtures/fix/removed-api-version/no-safe-fix.before.yaml'), 'utf8');
    const messages = await lintText(text, removedApiVersion);
    expect(messages.map((m) => [m.line, Boolean(m.fix), m.suggestions?.length ?? 0])).toEqual([[4, false, 1], [17, false, 0], [25, false, 0]]);
    expect(messages[0].suggestions![0].desc).toMatch(/^Switch to `apps\/v1`, which changes the defaults of `spec.revisionHistoryLimit` \(all -> 10\), .*maxSurge/);
  });
});
