import { describe, expect, it } from 'vitest';
import { lint, type LintOptions } from '../src/engine.js';
import { parseRuleList, scanComments } from '../src/suppressions.js';
import missingConfigmap from '../rules/missing-configmap.js';
import missingSecret from '../rules/missing-secret.js';
import yamlSyntax from '../rules/yaml-syntax.js';

const ruleSet = [yamlSyntax, missingSecret, missingConfigmap];

async function findings(text: string, options: LintOptions = {}) {
  const output = await lint([{ path: 'app.yaml', text }], { ruleSet, ...options });
  return output.results.flatMap((r) => r.messages).map((m) => `${m.line}:${m.column} ${m.ruleId}${m.severity === 1 ? ' (warn)' : ''}`);
}

/** A Deployment whose container reads each of `refs` (`secret:name` or `configmap:name`) through envFrom. */
function deployment(name: string, refs: string[], extra = ''): string {
  const lines = refs.map((ref) => {
    const [kind, rest] = ref.split(':');
    const [ref_, comment] = rest.split(' #');
    return `            - ${kind === 'secret' ? 'secretRef' : 'configMapRef'}: {name: ${ref_}}${comment ? ` #${comment}` : ''}`;
  });
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${extra}spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: ${name}
          image: nginx:1.27
          envFrom:
${lines.join('\n')}
`;
}

describe('parseRuleList', () => {
  it('reads rule lists separated by commas or spaces, and the reason after --', () => {
    expect(parseRuleList(' missing-secret, missing-configmap -- made by Vault')).toEqual({ rules: ['missing-secret', 'missing-configmap'], reason: 'made by Vault' });
    expect(parseRuleList('missing-secret missing-pvc')).toEqual({ rules: ['missing-secret', 'missing-pvc'] });
    expect(parseRuleList('')).toEqual({ rules: undefined });
    expect(parseRuleList('-- every rule, on purpose')).toEqual({ rules: undefined, reason: 'every rule, on purpose' });
    expect(parseRuleList('missing-secret--not-a-reason')).toEqual({ rules: ['missing-secret--not-a-reason'] });
  });
});

describe('scanComments', () => {
  it('finds directives and document starts, never inside strings or block scalars', () => {
    const scan = scanComments(`# k8s-lint-disable missing-secret
a: "# k8s-lint-disable-line not-a-comment"
script: |
  # k8s-lint-disable-next-line not-a-comment-either
b: 1 # k8s-lint-disable-line missing-pvc -- trailing
---
# Source: chart/templates/x.yaml
# k8s-lint-enable
c: 2
`);
    expect(scan.directives.map((d) => [d.kind, d.rules, d.line, d.column, d.endColumn, d.segment])).toEqual([
      ['disable', ['missing-secret'], 1, 1, 34, 0],
      ['disable-line', ['missing-pvc'], 5, 6, 53, 0],
      ['enable', undefined, 8, 1, 18, 1],
    ]);
    expect(scan.segmentStarts).toEqual([1, 6]);
    expect(scan.sources).toEqual(new Map([[1, 'chart/templates/x.yaml']]));
  });

  it('ignores comments that only mention k8s-lint', () => {
    expect(scanComments('# k8s-lint-disabled is not a directive\n# see k8s-lint-enable docs\na: 1\n').directives).toEqual([]);
  });
});

describe('comment suppressions', () => {
  it('k8s-lint-disable-next-line suppresses the named rules on the next line only', async () => {
    const text = deployment('api', ['secret:a', 'secret:b', 'configmap:c']).replace(
      '            - secretRef: {name: a}',
      '            # k8s-lint-disable-next-line missing-secret, missing-configmap -- synced by Vault\n            - secretRef: {name: a}',
    );
    expect(await findings(text)).toEqual(['16:33 missing-secret', '17:36 missing-configmap']);
  });

  it('k8s-lint-disable-next-line without a rule list suppresses every rule', async () => {
    const text = deployment('api', ['secret:a', 'secret:b']).replace('            - secretRef: {name: a}', '            # k8s-lint-disable-next-line\n            - secretRef: {name: a}');
    expect(await findings(text)).toEqual(['16:33 missing-secret']);
  });

  it('k8s-lint-disable-line suppresses findings on its own line', async () => {
    const text = deployment('api', ['secret:a # k8s-lint-disable-line missing-secret -- rotated by Vault', 'secret:b', 'configmap:c # k8s-lint-disable-line missing-secret']);
    expect(await findings(text)).toEqual(['15:33 missing-secret', '16:36 missing-configmap']);
  });

  it('k8s-lint-disable ranges run to k8s-lint-enable or the end of their YAML document', async () => {
    const first = deployment('api', ['secret:a', 'configmap:b']).replace('          envFrom:\n', '          envFrom:\n# k8s-lint-disable missing-secret\n');
    const second = deployment('worker', ['secret:c', 'configmap:d']);
    expect(await findings(`${first}---\n${second}`)).toEqual(['16:36 missing-configmap', '31:33 missing-secret', '32:36 missing-configmap']);

    const reenabled = deployment('api', ['secret:a', 'secret:b', 'configmap:c']).replace('          envFrom:\n', '          envFrom:\n# k8s-lint-disable\n').replace('            - secretRef: {name: b}', '# k8s-lint-enable missing-secret\n            - secretRef: {name: b}');
    expect(await findings(reenabled)).toEqual(['17:33 missing-secret']);

    const all = deployment('api', ['secret:a', 'configmap:b', 'secret:c']).replace('            - secretRef: {name: c}', '# k8s-lint-enable\n            - secretRef: {name: c}');
    expect(await findings(`# k8s-lint-disable -- generated file\n${all}`)).toEqual(['18:33 missing-secret']);
  });

  it('a trailing k8s-lint-disable starts at its own position', async () => {
    const text = deployment('api', ['secret:a # k8s-lint-disable missing-secret', 'secret:b']);
    expect(await findings(text)).toEqual(['14:33 missing-secret']);
  });

  it('applies to yaml-syntax findings too', async () => {
    const text = '# k8s-lint-disable yaml-syntax -- fixed upstream\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: [1, 2\n';
    expect(await findings(text)).toEqual([]);
    expect(await findings(text, { inlineConfig: false })).toHaveLength(1);
  });
});

describe('the k8s-lint/ignore annotation', () => {
  const annotated = (value: string) => `  annotations:\n    k8s-lint/ignore: "${value}"\n`;

  it('suppresses the named rules on every finding of its object only', async () => {
    const text = `${deployment('api', ['secret:a', 'secret:b', 'configmap:c'], annotated('missing-secret -- injected by the sidecar'))}---\n${deployment('worker', ['secret:d'])}`;
    expect(await findings(text)).toEqual(['18:36 missing-configmap', '33:33 missing-secret']);
  });

  it('suppresses every rule when it names none', async () => {
    const text = deployment('api', ['secret:a', 'configmap:c'], annotated('-- managed by another team'));
    expect(await findings(text)).toEqual([]);
  });
});

describe('--no-inline-config', () => {
  it('ignores comments and annotations', async () => {
    const text = deployment('api', ['secret:a # k8s-lint-disable-line missing-secret', 'configmap:b'], '  annotations:\n    k8s-lint/ignore: missing-configmap\n');
    expect(await findings(text)).toEqual([]);
    expect(await findings(text, { inlineConfig: false })).toEqual(['16:33 missing-secret', '17:36 missing-configmap']);
    expect(await findings(text, { inlineConfig: false, reportUnusedDisableDirectives: true })).toHaveLength(2);
  });
});

describe('--report-unused-disable-directives', () => {
  async function messages(text: string) {
    const output = await lint([{ path: 'app.yaml', text }], { ruleSet, reportUnusedDisableDirectives: true });
    return output.results[0].messages.filter((m) => m.ruleId === 'unused-disable-directive');
  }

  it('reports each rule of a directive that suppressed nothing, at the comment, as a warning', async () => {
    const text = deployment('api', ['secret:a # k8s-lint-disable-line missing-secret, missing-configmap', 'configmap:b']);
    expect(await messages(text)).toEqual([
      {
        ruleId: 'unused-disable-directive',
        severity: 1,
        message: '`k8s-lint-disable-line` suppresses no `missing-configmap` finding, so remove `missing-configmap` from it',
        line: 14,
        column: 36,
        endLine: 14,
        endColumn: 93,
      },
    ]);
  });

  it('reports directives without a rule list, ranges and unknown rule ids', async () => {
    const text = `# k8s-lint-disable-next-line\n${deployment('api', ['secret:a # k8s-lint-disable-line missing-secrets'])}# k8s-lint-disable missing-configmap\n`;
    expect((await messages(text)).map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([
      '1:1 `k8s-lint-disable-next-line` suppresses no finding, so remove it',
      '15:36 `k8s-lint-disable-line` names unknown rule `missing-secrets`; did you mean `missing-secret`?',
      '16:1 `k8s-lint-disable` suppresses no `missing-configmap` finding, so remove `missing-configmap` from it',
    ]);
  });

  it('reports annotations that suppressed nothing, at the annotation', async () => {
    const text = deployment('api', ['secret:a'], '  annotations:\n    k8s-lint/ignore: "missing-secret, missing-configmap -- why"\n');
    expect((await messages(text)).map((m) => `${m.line}:${m.column} ${m.message}`)).toEqual([
      '6:22 `k8s-lint/ignore` on Deployment `api` suppresses no `missing-configmap` finding, so remove `missing-configmap` from it',
    ]);
  });

  it('reports nothing when every directive suppressed something, and nothing without the option', async () => {
    const text = deployment('api', ['secret:a # k8s-lint-disable-line missing-secret', 'secret:b # k8s-lint-disable-line missing-pvc']);
    expect(await messages(text.replace(' # k8s-lint-disable-line missing-pvc', ''))).toEqual([]);
    expect(await findings(text)).toEqual(['15:33 missing-secret']);
  });

  it('scans clean files for unused directives too', async () => {
    const clean = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x # k8s-lint-disable-line missing-secret\n';
    expect(await messages(clean)).toHaveLength(1);
  });
});

describe('Helm `# Source:` comments', () => {
  it('name the template a finding comes from', async () => {
    const text = `---\n# Source: shop/templates/api.yaml\n${deployment('api', ['secret:a'])}---\n# Source: shop/templates/worker.yaml\n${deployment('worker', ['secret:b'])}`;
    const output = await lint([{ path: '<stdin>', text }], { ruleSet });
    expect(output.results[0].messages.map((m) => m.message.replace(/^.* (\(from .*\))$/, '$1'))).toEqual([
      '(from shop/templates/api.yaml)',
      '(from shop/templates/worker.yaml)',
    ]);
  });
});
