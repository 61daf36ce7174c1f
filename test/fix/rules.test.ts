import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText, ROOT } from '../helpers/test-rule.js';
import invalidImageReference from '../../rules/invalid-image-reference.js';
import schemaViolation from '../../rules/schema-violation.js';
import { testFixes } from '../helpers/test-fix.js';

testFixes(schemaViolation);
testFixes(invalidImageReference);

describe('suggestions', () => {
  it('offers what --fix may not apply as an editor suggestion with its text edit', async () => {
    const text = readFileSync(path.join(ROOT, 'fixtures/fix/invalid-image-reference/url-scheme.before.yaml'), 'utf8');
    const [message] = await lintText(text, invalidImageReference);
    expect(message.fix).toBeUndefined();
    const start = text.indexOf('https://');
    expect(message.suggestions).toEqual([{ desc: 'Use image `ghcr.io/acme/web:1.0.0`', fix: { range: [start, start + 'https://ghcr.io/acme/web:1.0.0'.length], text: 'ghcr.io/acme/web:1.0.0' } }]);
  });
});
