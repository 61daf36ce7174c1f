/** Findings as LSP diagnostics, and the suppression comments the code actions insert. */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fixActions, fixAllAction, REASON_PLACEHOLDER, suppressionActions, toDiagnostic } from '../src/lsp/protocol.js';
import { parseProblems } from '../src/lsp/workspace.js';

const URI = 'file:///repo/service.yaml';

function diagnostic(ruleId: string, line: number, character = 4): Diagnostic {
  return { range: { start: { line, character }, end: { line, character: character + 3 } }, message: 'm', source: 'k8s-lint', code: ruleId };
}

function edits(text: string, d: Diagnostic) {
  return suppressionActions(URI, text, [d]).map((a) => ({ title: a.title, edit: a.edit!.changes![URI][0] }));
}

describe('toDiagnostic', () => {
  it('maps 1-based exclusive positions, severities, rule links and related places', () => {
    const result = toDiagnostic(
      { ruleId: 'duplicate-object', severity: 1, message: 'twice', line: 3, column: 9, endLine: 3, endColumn: 12, related: [{ filePath: '/repo/b.yaml', message: 'here', line: 4, column: 9, endLine: 4, endColumn: 12 }] },
      (id) => `https://example.com/RULES.md#${id}`,
      (file) => `file://${file}`,
    );
    expect(result).toEqual({
      range: { start: { line: 2, character: 8 }, end: { line: 2, character: 11 } },
      severity: 2,
      source: 'k8s-lint',
      code: 'duplicate-object',
      codeDescription: { href: 'https://example.com/RULES.md#duplicate-object' },
      message: 'twice',
      relatedInformation: [{ location: { uri: 'file:///repo/b.yaml', range: { start: { line: 3, character: 8 }, end: { line: 3, character: 11 } } }, message: 'here' }],
    });
    const unused = toDiagnostic({ ruleId: 'unused-disable-directive', severity: 1, message: 'm', line: 1, column: 1, endLine: 1, endColumn: 5 }, () => undefined, String);
    expect(unused).toMatchObject({ tags: [1] });
    expect(unused).not.toHaveProperty('codeDescription');
  });
});

describe('suppressionActions', () => {
  const text = ['apiVersion: v1', 'kind: Service', 'spec:', '  selector:', '    app: wbe', ''].join('\n');

  it('inserts a next-line comment at the line\'s indentation, and a document comment at its top', () => {
    expect(edits(text, diagnostic('service-selector-mismatch', 4))).toEqual([
      { title: 'Disable service-selector-mismatch for this line', edit: { range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, newText: `    # k8s-lint-disable-next-line service-selector-mismatch -- ${REASON_PLACEHOLDER}\n` } },
      { title: 'Disable service-selector-mismatch for this YAML document', edit: { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `# k8s-lint-disable service-selector-mismatch -- ${REASON_PLACEHOLDER}\n` } },
    ]);
  });

  it('adds the rule to a next-line comment already above the line, before its reason', () => {
    const commented = text.replace('    app: wbe', '    # k8s-lint-disable-next-line invalid-label -- legacy\n    app: wbe');
    expect(edits(commented, diagnostic('service-selector-mismatch', 5))[0].edit).toEqual({
      range: { start: { line: 4, character: 46 }, end: { line: 4, character: 46 } },
      newText: ', service-selector-mismatch',
    });
  });

  it('puts the document comment after the `---` of the document holding the finding, with the file\'s line endings', () => {
    const stream = `${text.trimEnd()}\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: b\n`.replace(/\n/g, '\r\n');
    const [line, document] = edits(stream, diagnostic('invalid-object-name', 9));
    expect(line.edit.newText).toBe(`  # k8s-lint-disable-next-line invalid-object-name -- ${REASON_PLACEHOLDER}\r\n`);
    expect(document.edit).toEqual({ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, newText: `# k8s-lint-disable invalid-object-name -- ${REASON_PLACEHOLDER}\r\n` });
  });

  it('offers nothing for findings that cannot be suppressed or are not k8s-lint\'s', () => {
    expect(suppressionActions(URI, text, [diagnostic('internal-error', 4), diagnostic('unused-disable-directive', 4), { ...diagnostic('x', 4), source: 'yaml' }])).toEqual([]);
  });
});

describe('parseProblems', () => {
  it('reads the positions of a configuration error, and line 1 when it has none', () => {
    expect(parseProblems('/r/.k8s-lint.yaml:3:5: `rules.x`: unknown rule\ncannot read', '/r/.k8s-lint.yaml')).toEqual([
      { line: 3, column: 5, message: '`rules.x`: unknown rule' },
      { line: 1, column: 1, message: 'cannot read' },
    ]);
  });
});

describe('fixActions', () => {
  const text = 'kind: Pod\nspec:\n  containers:\n    - image: A/B:1\n';
  const document = TextDocument.create('file:///repo/pod.yaml', 'yaml', 1, text);
  const start = text.indexOf('A/B');
  const message = { ruleId: 'invalid-image-reference', severity: 2 as const, message: 'upper', line: 4, column: 14, endLine: 4, endColumn: 19, fix: { range: [start, start + 5] as const, text: 'a/b:1' }, suggestions: [{ desc: 'Use `x/b:1`', fix: { range: [start, start + 5] as const, text: 'x/b:1' } }] };
  const diagnostic = toDiagnostic(message, () => undefined, String);

  it('offers the safe fix (preferred) and each suggestion of the matching message, as edits at its positions', () => {
    const actions = fixActions(document.uri, document, [diagnostic], [message]);
    const range = { start: { line: 3, character: 13 }, end: { line: 3, character: 18 } };
    expect(actions).toMatchObject([
      { title: 'Fix this invalid-image-reference problem', isPreferred: true, edit: { changes: { [document.uri]: [{ range, newText: 'a/b:1' }] } } },
      { title: 'Use `x/b:1`', edit: { changes: { [document.uri]: [{ range, newText: 'x/b:1' }] } } },
    ]);
    expect(actions[1]).not.toHaveProperty('isPreferred');
  });

  it('offers nothing for a diagnostic of another run, and fixes all in one edit of the whole text', () => {
    expect(fixActions(document.uri, document, [{ ...diagnostic, message: 'other' }], [message])).toEqual([]);
    const all = fixAllAction(document.uri, document, [message]);
    expect(all).toMatchObject({ kind: 'source.fixAll.k8s-lint' });
    expect(all!.edit!.changes![document.uri]).toEqual([{ range: { start: { line: 0, character: 0 }, end: { line: 4, character: 0 } }, newText: text.replace('A/B:1', 'a/b:1') }]);
    expect(fixAllAction(document.uri, document, [{ ...message, fix: undefined }])).toBeUndefined();
  });
});
