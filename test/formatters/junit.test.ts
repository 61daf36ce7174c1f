import { describe, expect, it } from 'vitest';
import junit, { escapeXmlAttribute, escapeXmlText } from '../../src/formatters/junit.js';
import { CLEAN, CONTEXT, file, message, result, RESULTS, SPECIAL, SPECIAL_FILE } from './results.js';

interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  text: string;
}

const ENTITY = /&(?:amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/y;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, where: string): string {
  for (let i = text.indexOf('&'); i !== -1; i = text.indexOf('&', i + 1)) {
    ENTITY.lastIndex = i;
    if (!ENTITY.test(text)) throw new Error(`bare & in ${where}: ${text}`);
  }
  return text.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[a-z]+);/g, (_, ref: string) =>
    ref.startsWith('#x') ? String.fromCodePoint(parseInt(ref.slice(2), 16)) : ref.startsWith('#') ? String.fromCodePoint(Number(ref.slice(1))) : NAMED[ref]!,
  );
}

/**
 * A strict little XML reader for what junit.ts writes (prolog, elements, attributes in double
 * quotes, text; no CDATA, comments or DTD): throws on anything not well-formed.
 */
function parseXml(xml: string): XmlElement {
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')) throw new Error('missing XML declaration');
  if (/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.test(xml)) throw new Error('character not allowed in XML 1.0');
  const token = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"<]*")*)\s*(\/?)>|([^<]+)/y;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let position = xml.indexOf('\n') + 1;
  while (position < xml.length) {
    token.lastIndex = position;
    const match = token.exec(xml);
    if (!match) throw new Error(`not well-formed at ${position}: ${xml.slice(position, position + 40)}`);
    position = token.lastIndex;
    const [, closing, name, attributeText, selfClosing, text] = match;
    if (text !== undefined) {
      if (stack.length === 0) {
        if (text.trim() !== '') throw new Error(`text outside the root: ${text}`);
      } else stack.at(-1)!.text += decode(text, 'text');
      continue;
    }
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name}>`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const [, key, value] of attributeText!.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if (key! in attributes) throw new Error(`duplicate attribute ${key}`);
      attributes[key!] = decode(value!, `attribute ${key}`);
    }
    const element: XmlElement = { name: name!, attributes, children: [], text: '' };
    if (stack.length > 0) stack.at(-1)!.children.push(element);
    else if (root) throw new Error('two root elements');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length > 0 || !root) throw new Error(`unclosed <${stack.at(-1)?.name}>`);
  return root;
}

describe('junit formatter', () => {
  const root = parseXml(junit(RESULTS, CONTEXT));
  const suite = root.children[0]!;
  const cases = suite.children;

  it('writes well-formed XML: one testsuite, one testcase per file, counts on both', () => {
    expect(root.name).toBe('testsuites');
    expect(root.children.map((c) => c.name)).toEqual(['testsuite']);
    for (const element of [root, suite]) {
      expect(element.attributes).toMatchObject({ name: 'k8s-lint', tests: '4', failures: '2', errors: '0' });
    }
    expect(cases.map((c) => [c.name, c.attributes.name, c.attributes.classname])).toEqual([
      ['testcase', 'manifests/clean.yaml', 'k8s-lint'],
      ['testcase', 'manifests/app.yaml', 'k8s-lint'],
      ['testcase', SPECIAL_FILE, 'k8s-lint'],
      ['testcase', '<stdin>', 'k8s-lint'],
    ]);
    expect(cases[2]!.attributes.file).toBe(SPECIAL_FILE);
  });

  it('passes clean files', () => {
    expect(cases[0]!.children).toEqual([]);
  });

  it('fails a file with errors once, listing all its problems as file:line:col severity rule message', () => {
    const failures = cases[1]!.children;
    expect(failures.map((f) => f.name)).toEqual(['failure']);
    expect(failures[0]!.attributes).toEqual({
      message: '2 problems (1 error, 1 warning): Service `web` selects no pods: no pod template has labels `app=web`',
      type: 'service-selector-mismatch',
    });
    expect(failures[0]!.text).toBe(
      [
        'manifests/app.yaml:7:5 error service-selector-mismatch Service `web` selects no pods: no pod template has labels `app=web`',
        'manifests/app.yaml:20:18 warning invalid-image-reference Container `app` image `nginx:` has an empty tag',
      ].join('\n'),
    );
  });

  it('round-trips %, :, quotes, <, & and newlines in file names, attributes and text', () => {
    const failure = cases[2]!.children[0]!;
    expect(failure.attributes.message).toBe(`1 problem (1 error, 0 warnings): ${SPECIAL}`);
    expect(failure.text).toBe(`${SPECIAL_FILE}:3:9 error missing-config-map ${SPECIAL}`);
  });

  it('passes a file with only warnings, with the warnings in system-out (as the exit code does)', () => {
    expect(cases[3]!.children.map((c) => c.name)).toEqual(['system-out']);
    expect(cases[3]!.children[0]!.text).toBe('<stdin>:4:3 warning missing-config-map ConfigMap `settings` is not defined');
  });

  it('writes a suite of passing testcases when clean, and an empty suite for no files', () => {
    expect(parseXml(junit(CLEAN, CONTEXT)).children[0]!.attributes).toMatchObject({ tests: '1', failures: '0' });
    expect(parseXml(junit([], CONTEXT)).children[0]!.children).toEqual([]);
  });

  it('replaces characters XML 1.0 cannot carry instead of writing a broken file', () => {
    const text = 'bell \u0007, escape \u001b, lone surrogate \ud800, ]]> end';
    const root = parseXml(junit([result(file('a.yaml'), [message({ message: text })])], CONTEXT));
    expect(root.children[0]!.children[0]!.children[0]!.text).toContain('bell \ufffd, escape \ufffd, lone surrogate \ufffd, ]]> end');
    expect(escapeXmlText('a\u{1F600}b')).toBe('a\u{1F600}b');
  });

  it('escapes attributes so parsers do not normalise tabs and newlines away', () => {
    expect(escapeXmlAttribute('a\tb\nc\rd"e\'f<g>h&i')).toBe('a&#9;b&#10;c&#13;d&quot;e&apos;f&lt;g&gt;h&amp;i');
  });

  it('the checker itself rejects malformed XML', () => {
    const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
    expect(() => parseXml(xml('<a><b></a></b>'))).toThrow(/closes/);
    expect(() => parseXml(xml('<a>x & y</a>'))).toThrow(/bare &/);
    expect(() => parseXml(xml('<a x="1 < 2"/>'))).toThrow(/not well-formed/);
    expect(() => parseXml(xml('<a>'))).toThrow(/unclosed/);
  });
});
