/** The engine's in-memory overlay API: a cache of unchanged files between runs, related locations. */
import { describe, expect, it } from 'vitest';
import { lint } from '../src/engine.js';
import { LintCache } from '../src/lint-cache.js';

const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n';

describe('LintCache', () => {
  it('keeps a file and its parse while its text is unchanged, and only then', () => {
    const cache = new LintCache();
    const first = cache.source('/r/a.yaml', CONFIG_MAP, true);
    expect(cache.source('/r/a.yaml', `${CONFIG_MAP}`, true)).toBe(first);
    expect(cache.load(first)).toBe(cache.load(first));
    expect(cache.source('/r/a.yaml', CONFIG_MAP, undefined)).not.toBe(first);
    const edited = cache.source('/r/a.yaml', CONFIG_MAP.replace('settings', 'other'), undefined);
    expect((cache.load(edited).documents[0].value as { metadata: { name: string } }).metadata.name).toBe('other');
    cache.forget('/r/a.yaml');
    expect(cache.source('/r/a.yaml', CONFIG_MAP.replace('settings', 'other'), undefined)).not.toBe(edited);
  });
});

describe('lint over inline texts with a cache', () => {
  it('gives the same results run after run, and related locations only when asked', async () => {
    const cache = new LintCache();
    const inputs = [
      { path: '/r/a.yaml', text: CONFIG_MAP },
      // A different definition of the same object (identical copies are not an error).
      { path: '/r/b.yaml', text: `# copy\n${CONFIG_MAP}data: {mode: fast}\n` },
    ];
    const options = { cwd: '/r', only: ['duplicate-object'], cache, related: true };
    const first = await lint(inputs, options);
    const second = await lint(inputs, options);
    expect(second.results).toEqual(first.results);
    expect(first.results.map((r) => r.filePath)).toEqual(['/r/a.yaml', '/r/b.yaml']);
    expect(first.results[1].messages).toMatchObject([
      { ruleId: 'duplicate-object', line: 5, related: [{ filePath: '/r/a.yaml', message: 'ConfigMap `settings` is also defined here', line: 4, column: 9, endLine: 4, endColumn: 17 }] },
    ]);
    const plain = await lint(inputs, { cwd: '/r', only: ['duplicate-object'] });
    expect(plain.results[1].messages[0]).not.toHaveProperty('related');
  });
});
