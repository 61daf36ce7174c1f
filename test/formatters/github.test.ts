import { describe, expect, it } from 'vitest';
import github, {
  escapeData,
  escapeProperty,
  githubAnnotations,
  githubBlobUrl,
  githubStepSummary,
  plainLog,
} from '../../src/formatters/github.js';
import type { LintMessage } from '../../src/model.js';
import { CLEAN, CONTEXT, file, message, result, RESULTS } from './results.js';

const lines = (text: string): string[] => text.split('\n').filter((line) => line !== '');

/** Decodes a workflow command the way the runner does, to check that escaping round-trips. */
function parseCommand(line: string): { command: string; properties: Record<string, string>; data: string } {
  const match = /^::([a-z]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!match) throw new Error(`not a workflow command: ${line}`);
  const unescape = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
  const properties = Object.fromEntries(
    (match[2] ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [key, value] = pair.split('=', 2) as [string, string];
        return [key, unescape(value)];
      }),
  );
  return { command: match[1]!, properties, data: unescape(match[3]!) };
}

describe('github escaping', () => {
  it('escapes data as actions/toolkit does: %, CR, LF', () => {
    expect(escapeData('100% a:b, c\r\nd')).toBe('100%25 a:b, c%0D%0Ad');
  });

  it('escapes properties additionally for : and ,', () => {
    expect(escapeProperty('dir/odd, name:50%.yaml\n')).toBe('dir/odd%2C name%3A50%25.yaml%0A');
  });

  it('escapes % first, so existing escapes are not decoded by the runner', () => {
    expect(escapeData('%0A')).toBe('%250A');
    expect(escapeProperty('%2C')).toBe('%252C');
  });
});

describe('githubAnnotations', () => {
  const output = githubAnnotations(RESULTS, CONTEXT);

  it('writes one command per problem, errors first, with repository-relative paths', () => {
    expect(lines(output)).toEqual([
      '::error file=manifests/app.yaml,line=7,endLine=7,col=5,endColumn=13,title=service-selector-mismatch::Service `web` selects no pods: no pod template has labels `app=web`',
      '::error file=manifests/odd%2C name%3A50%25.yaml,line=3,endLine=3,col=9,endColumn=19,title=missing-config-map::Value `100%25` has "quotes", \'apostrophes\', a: colon, <angle> & ampersand,%0Aand a second line',
      '::warning file=manifests/app.yaml,line=20,endLine=22,title=invalid-image-reference::Container `app` image `nginx:` has an empty tag',
      '::warning title=missing-config-map::ConfigMap `settings` is not defined',
    ]);
  });

  it('round-trips file names and messages with special characters through the runner’s decoding', () => {
    const special = parseCommand(lines(output)[1]!);
    expect(special.properties.file).toBe('manifests/odd, name:50%.yaml');
    expect(special.data).toBe(RESULTS[2]!.messages[0]!.message);
  });

  it('sends columns only when the range is on one line', () => {
    const multiLine = parseCommand(lines(output)[2]!);
    expect(multiLine.properties).toEqual({ file: 'manifests/app.yaml', line: '20', endLine: '22', title: 'invalid-image-reference' });
  });

  it('gives stdin no file or line (GitHub would look for a file named <stdin>)', () => {
    expect(parseCommand(lines(output)[3]!).properties).toEqual({ title: 'missing-config-map' });
  });

  it('is empty when clean', () => {
    expect(githubAnnotations(CLEAN, CONTEXT)).toBe('');
    expect(githubAnnotations([], CONTEXT)).toBe('');
  });

  it('shows at most 10 errors and 10 warnings, errors first, then a notice counting the rest', () => {
    const many = (severity: 1 | 2, count: number, name: string) =>
      Array.from({ length: count }, (_, i): LintMessage => message({ severity, line: i + 1, endLine: i + 1, message: `${name} ${i + 1}` }));
    const results = [
      result(file('a.yaml'), [...many(1, 12, 'warning'), ...many(2, 7, 'error')]),
      result(file('b.yaml'), many(2, 8, 'error')),
    ];
    const commands = lines(githubAnnotations(results, CONTEXT)).map(parseCommand);
    expect(commands.map((c) => c.command)).toEqual([...Array(10).fill('error'), ...Array(10).fill('warning'), 'notice']);
    expect(commands.slice(0, 10).map((c) => `${c.properties.file} ${c.data}`)).toEqual([
      ...Array.from({ length: 7 }, (_, i) => `a.yaml error ${i + 1}`),
      'b.yaml error 1',
      'b.yaml error 2',
      'b.yaml error 3',
    ]);
    expect(commands[20]).toEqual({
      command: 'notice',
      properties: { title: 'k8s-lint' },
      data: '7 more problems not shown as annotations; see the job log',
    });
  });

  it('says "problem" for one hidden problem', () => {
    const results = [result(file('a.yaml'), Array.from({ length: 11 }, () => message({ severity: 2 })))];
    expect(lines(githubAnnotations(results, CONTEXT)).at(-1)).toBe('::notice title=k8s-lint::1 more problem not shown as annotations; see the job log');
  });
});

describe('github formatter', () => {
  it('prints the annotations, then every problem as a plain line, then the totals', () => {
    const output = github(RESULTS, CONTEXT);
    expect(output).toBe(githubAnnotations(RESULTS, CONTEXT) + plainLog(RESULTS, CONTEXT));
    expect(lines(plainLog(RESULTS, CONTEXT))).toEqual([
      'manifests/app.yaml:7:5: error Service `web` selects no pods: no pod template has labels `app=web` [service-selector-mismatch]',
      'manifests/app.yaml:20:18: warning Container `app` image `nginx:` has an empty tag [invalid-image-reference]',
      'manifests/odd, name:50%.yaml:3:9: error Value `100%` has "quotes", \'apostrophes\', a: colon, <angle> & ampersand, and a second line [missing-config-map]',
      '<stdin>:4:3: warning ConfigMap `settings` is not defined [missing-config-map]',
      'k8s-lint: 4 problems (2 errors, 2 warnings)',
    ]);
  });

  it('prints nothing when clean', () => {
    expect(github(CLEAN, CONTEXT)).toBe('');
  });

  it('never starts a plain line with :: (the runner would read it as a command)', () => {
    const output = plainLog([result(file('::error::x.yaml'), [message({ message: 'a\n::error::injected' })])], CONTEXT);
    expect(lines(output).every((line) => !line.startsWith('::'))).toBe(true);
  });
});

describe('githubStepSummary', () => {
  const blobUrl = 'https://github.com/acme/deploy/blob/0123abc';
  const summary = githubStepSummary(RESULTS, CONTEXT, { blobUrl });

  it('gives totals and a table of problems by rule with links to the docs', () => {
    expect(summary).toContain('### k8s-lint\n\n**4 problems (2 errors, 2 warnings)** in 3 of 4 files.\n');
    expect(summary).toContain(
      [
        '| Rule | Errors | Warnings |',
        '| --- | ---: | ---: |',
        `| [\`missing-config-map\`](${CONTEXT.rules[2]!.docsUrl}) | 1 | 1 |`,
        `| [\`invalid-image-reference\`](${CONTEXT.rules[1]!.docsUrl}) | 0 | 1 |`,
        `| [\`service-selector-mismatch\`](${CONTEXT.rules[0]!.docsUrl}) | 1 | 0 |`,
      ].join('\n'),
    );
  });

  it('lists problems with links to the lines, escaping Markdown in messages', () => {
    const rows = summary.split('\n').filter((line) => line.startsWith('| [`manifests') || line.startsWith('| `<stdin>'));
    expect(rows).toEqual([
      `| [\`manifests/app.yaml:7\`](${blobUrl}/manifests/app.yaml#L7) | error | [\`service-selector-mismatch\`](${CONTEXT.rules[0]!.docsUrl}) | Service \`web\` selects no pods: no pod template has labels \`app=web\` |`,
      `| [\`manifests/app.yaml:20\`](${blobUrl}/manifests/app.yaml#L20-L22) | warning | [\`invalid-image-reference\`](${CONTEXT.rules[1]!.docsUrl}) | Container \`app\` image \`nginx:\` has an empty tag |`,
      `| [\`manifests/odd, name:50%.yaml:3\`](${blobUrl}/manifests/odd%2C%20name%3A50%25.yaml#L3) | error | [\`missing-config-map\`](${CONTEXT.rules[2]!.docsUrl}) | Value \`100%\` has "quotes", 'apostrophes', a: colon, \\<angle\\> &amp; ampersand, and a second line |`,
      `| \`<stdin>:4\` | warning | [\`missing-config-map\`](${CONTEXT.rules[2]!.docsUrl}) | ConfigMap \`settings\` is not defined |`,
    ]);
  });

  it('keeps table cells intact when a message holds pipes, in code spans or not', () => {
    const text = githubStepSummary([result(file('a.yaml'), [message({ message: 'Value `a|b` is not c|d' })])], CONTEXT);
    const row = text.split('\n').find((line) => line.includes('a|b') || line.includes('a\\|b'))!;
    expect(row.endsWith('| Value `a\\|b` is not c\\|d |')).toBe(true);
    expect(row.split(/(?<!\\)\|/)).toHaveLength(6);
  });

  it('shows plain locations without a commit to link to', () => {
    expect(githubStepSummary(RESULTS, CONTEXT)).toContain('| `manifests/app.yaml:7` | error |');
  });

  it('lists the first 50 problems and says how many more the log has', () => {
    const results = [result(file('a.yaml'), Array.from({ length: 60 }, (_, i) => message({ line: i + 1, endLine: i + 1 })))];
    const text = githubStepSummary(results, CONTEXT);
    expect(text.split('\n').filter((line) => line.startsWith('| `a.yaml:'))).toHaveLength(50);
    expect(text).toContain('Showing the first 50 of 60 problems; see the job log for the rest.');
  });

  it('says so when clean', () => {
    expect(githubStepSummary(CLEAN, CONTEXT)).toBe('### k8s-lint\n\nNo problems in 1 file.\n');
  });

  it('builds commit links from the Actions environment only when it is complete', () => {
    expect(githubBlobUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/deploy', GITHUB_SHA: '0123abc' })).toBe(blobUrl);
    expect(githubBlobUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'acme/deploy' })).toBeUndefined();
  });
});
