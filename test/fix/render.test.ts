import { describe, expect, it } from 'vitest';
import { renderBlock, renderFlow, renderScalar } from '../../src/fix/render.js';

describe('render', () => {
  it('writes plain what every YAML reader reads as that string, and quotes the rest', () => {
    const plain = ['web', 'app.kubernetes.io/name', 'ImplementationSpecific', 'ghcr.io/acme/web:1.0.0', 'a=b', 'v1.2.3'];
    for (const s of plain) expect(renderScalar(s), s).toBe(s);
    const quoted = ['yes', 'on', 'No', 'true', 'null', '~', '0755', '1.10', '8080', '1e3', '2024-01-01', '', 'a: b', 'a #b', '-x', '*x', 'x:', "it's"];
    for (const s of quoted) expect(renderScalar(s), s).toBe(JSON.stringify(s));
    expect(renderScalar("it's", "'")).toBe("'it''s'");
    expect([renderScalar(80), renderScalar(true), renderScalar(null)]).toEqual(['80', 'true', 'null']);
  });

  it('renders nested block and flow values', () => {
    const value = { service: { name: 'web', port: { number: 80 } }, hosts: ['a', { b: 'yes' }], empty: {} };
    expect(renderBlock(value, 2, { step: 2, indentSequences: false })).toEqual([
      '  service:', '    name: web', '    port:', '      number: 80', '  hosts:', '  - a', '  - b: "yes"', '  empty: {}',
    ]);
    expect(renderFlow(value, false)).toBe('{service: {name: web, port: {number: 80}}, hosts: [a, {b: "yes"}], empty: {}}');
  });
});
