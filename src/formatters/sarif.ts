/**
 * SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer). What GitHub reads is documented in
 * "SARIF support for code scanning" (docs.github.com): rules need `shortDescription`,
 * `fullDescription` and `help.text`; results need `message.text` and one `physicalLocation` whose
 * `artifactLocation.uri` is relative to the repository root, with a full `region`.
 *
 * Fingerprints: GitHub only uses `partialFingerprints.primaryLocationLineHash`, and its
 * `upload-sarif` action computes that from the source line's content when it is absent (and warns
 * about an "inconsistent fingerprint" when a tool sets a value it did not compute:
 * github/codeql-action src/fingerprints.ts). So we leave that key to GitHub and add our own
 * versioned key, a hash of rule, file and message that does not move with the line, for other
 * consumers.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { LintMessage, SuppressedMessage } from '../model.js';
import { packageInfo } from '../package-info.js';
import { displayPath, STDIN_PATH, type Formatter, type RuleMetaForFormatters } from './index.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'k8sLintFingerprint/v1';
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning';

const level = (severity: 'warn' | 'error' | 1 | 2): Level => (severity === 'error' || severity === 2 ? 'error' : 'warning');

/** `service-selector-mismatch` -> `ServiceSelectorMismatch` (SARIF §3.49.7: a readable identifier). */
const ruleName = (id: string): string => id.replace(/(^|[-_/.])([a-z0-9])/gi, (_, _sep: string, c: string) => c.toUpperCase());

/** GitHub shows at most 1024 characters of a rule's short and full description. */
const limit = (text: string): string => (text.length <= 1024 ? text : `${text.slice(0, 1023)}…`);

function reportingDescriptor(rule: RuleMetaForFormatters) {
  const why = rule.docs?.why;
  const fix = rule.docs?.fix;
  const text = [rule.description, why && `Why: ${why}`, fix && `Fix: ${fix}`, `Docs: ${rule.docsUrl}`].filter(Boolean).join('\n\n');
  const markdown = [
    `**${rule.description}**`,
    why && `**Why:** ${why}`,
    fix && `**Fix:** ${fix}`,
    `[Documentation of \`${rule.id}\`](${rule.docsUrl})`,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: limit(rule.description) },
    fullDescription: { text: limit(why ? `${rule.description}. ${why}` : rule.description) },
    helpUri: rule.docsUrl,
    help: { text, markdown },
    defaultConfiguration: { level: level(rule.severity) },
    properties: { tags: ['kubernetes'], 'problem.severity': level(rule.severity) },
  };
}

/** A relative URI reference: each segment percent-encoded (a `:` in a first segment would read as a scheme). */
function relativeUri(posixPath: string): string {
  return posixPath.split('/').map(encodeURIComponent).join('/');
}

function artifactLocation(filePath: string, cwd: string): { uri: string; uriBaseId?: string } {
  // stdin has no file in the repository: name it, without a base, so nothing resolves it against the checkout.
  if (filePath === STDIN_PATH) return { uri: 'stdin' };
  const shown = displayPath(filePath, cwd);
  if (shown.startsWith('/') || /^[A-Za-z]:\//.test(shown)) return { uri: pathToFileURL(shown).href };
  return { uri: relativeUri(shown), uriBaseId: SRCROOT };
}

function region(message: LintMessage) {
  const startLine = Math.max(1, message.line);
  const startColumn = Math.max(1, message.column);
  const endLine = Math.max(startLine, message.endLine || startLine);
  const endColumn = Math.max(endLine === startLine ? startColumn : 1, message.endColumn || startColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function fingerprint(ruleId: string, uri: string, text: string): string {
  return createHash('sha256').update(`${ruleId}\0${uri}\0${text}`).digest('hex').slice(0, 32);
}

function logicalLocations(message: LintMessage) {
  const r = message.resource;
  if (!r) return undefined;
  const name = r.namespace ? `${r.namespace}/${r.name}` : r.name;
  return [{ name: r.name, fullyQualifiedName: `${r.kind}/${name}`, kind: 'object' }];
}

const sarif: Formatter = (results, context) => {
  const { version, homepage } = packageInfo();
  const rules = context.rules.map(reportingDescriptor);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  // An id no rule declares (should not happen) still gets a descriptor: GitHub requires the texts.
  for (const message of results.flatMap((result) => result.messages)) {
    if (ruleIndex.has(message.ruleId)) continue;
    ruleIndex.set(message.ruleId, rules.length);
    const docsUrl = `${homepage}/blob/v${version}/RULES.md#${message.ruleId}`;
    rules.push(reportingDescriptor({ id: message.ruleId, description: message.ruleId, docsUrl, severity: 'error' }));
  }

  const seen = new Map<string, number>();
  // Baselined findings stay in the log, marked as suppressed externally (SARIF §3.34), so code
  // scanning shows them as suppressed rather than fixed.
  const sarifResults = results.flatMap((result) =>
    [...result.messages, ...(result.suppressedMessages ?? [])].map((message: LintMessage & Partial<SuppressedMessage>) => {
      const location = artifactLocation(result.filePath, context.cwd);
      const key = fingerprint(message.ruleId, location.uri, message.message);
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      return {
        ruleId: message.ruleId,
        ruleIndex: ruleIndex.get(message.ruleId)!,
        level: level(message.severity),
        message: { text: message.message },
        locations: [
          {
            physicalLocation: { artifactLocation: location, region: region(message) },
            ...(message.resource ? { logicalLocations: logicalLocations(message) } : {}),
          },
        ],
        partialFingerprints: { [FINGERPRINT_KEY]: `${key}:${occurrence}` },
        ...(message.suppressions ? { suppressions: message.suppressions.map(({ kind, justification }) => ({ kind, justification })) } : {}),
      };
    }),
  );

  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'k8s-lint', version, semanticVersion: version, informationUri: homepage, rules },
        },
        originalUriBaseIds: {
          [SRCROOT]: {
            uri: pathToFileURL(context.cwd).href.replace(/\/?$/, '/'),
            description: { text: 'The directory k8s-lint ran in; result paths are relative to it.' },
          },
        },
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

export default sarif;
