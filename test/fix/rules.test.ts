import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.js';
import invalidImageReference from '../../rules/invalid-image-reference.js';
import removedApiVersion from '../../rules/removed-api-version.js';
import missingConfigmap from '../../rules/missing-configmap.js';
import missingSecret from '../../rules/missing-secret.js';
import schemaViolation from '../../rules/schema-violation.js';
import serviceSelectorMismatch from '../../rules/service-selector-mismatch.js';
import { applyFixes } from '../../src/fix/apply.js';
import { testFixes } from '../helpers/test-fix.js';
import { lintText, ROOT } from '../helpers/test-rule.js';

// Every rule that declares `fixable` has before/after fixtures, and they hold.
for (const rule of allRules.filter((r) => r.fixable)) testFixes(rule);

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

  it('offers renaming a misspelt field as a suggestion', async () => {
    const text = readFileSync(path.join(ROOT, 'fixtures/rules/schema-violation/invalid/unknown-field-typo.yaml'), 'utf8');
    const [message] = await lintText(text, schemaViolation);
    const start = text.indexOf('- containerport:') + 2;
    expect(message.suggestions).toEqual([{ desc: 'Rename `containerport` to `containerPort`', fix: { range: [start, start + 13], text: 'containerPort' } }]);
  });

  it('suggests pointing a Service selector at the closest pod template, for the editor only', async () => {
    const text = `apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector:
    app: web-frontend   # typo
    release: stable
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: frontend}}
    spec: {containers: [{name: web, image: nginx}]}
`;
    const [message] = await lintText(text, serviceSelectorMismatch);
    expect(message.fix).toBeUndefined();
    const [suggestion] = message.suggestions!;
    expect(suggestion.desc).toBe('Select the pods of Deployment `web` (`app=web`)');
    const applied = applyFixes(text, [{ ...message, fix: suggestion.fix }]).output;
    expect(applied).toBe(text.replace('app: web-frontend   # typo\n    release: stable\n', 'app: web   # typo\n'));
    expect(await lintText(applied, serviceSelectorMismatch)).toEqual([]);
  });

  it('suggests the ConfigMap key or Secret name a reference probably meant', async () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: web
      image: nginx
      env:
        - name: LEVEL
          valueFrom: {configMapKeyRef: {name: settings, key: log_level}}
        - name: PASSWORD
          valueFrom: {secretKeyRef: {name: db-credential, key: password}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: settings}
data: {LOG_LEVEL: info}
---
apiVersion: v1
kind: Secret
metadata: {name: db-credentials}
stringData: {password: x}
`;
    const [configMap] = await lintText(text, missingConfigmap);
    const [secret] = await lintText(text, missingSecret);
    const fixedText = applyFixes(text, [{ ...configMap, fix: configMap.suggestions![0].fix }, { ...secret, fix: secret.suggestions![0].fix }]).output;
    expect([configMap.suggestions![0].desc, secret.suggestions![0].desc]).toEqual(['Use `LOG_LEVEL`', 'Use `db-credentials`']);
    expect(fixedText).toBe(text.replace('key: log_level', 'key: LOG_LEVEL').replace('name: db-credential,', 'name: db-credentials,'));
    expect([...(await lintText(fixedText, missingConfigmap)), ...(await lintText(fixedText, missingSecret))]).toEqual([]);
  });
});
