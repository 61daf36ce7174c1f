import { describe, expect, it } from 'vitest';
import { parseQuantity } from '../../src/k8s/quantity.js';

const Ki = 1024;
const Mi = Ki * 1024;
const Gi = Mi * 1024;

describe('parseQuantity', () => {
  it.each<[string | number, number]>([
    ['0', 0],
    ['1', 1],
    [1, 1],
    [0.5, 0.5],
    ['100m', 0.1],
    ['1500m', 1.5],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['5.', 5],
    ['+2', 2],
    ['-1', -1],
    ['1k', 1e3],
    ['1M', 1e6],
    ['1G', 1e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['1n', 1e-9],
    ['1u', 1e-6],
    ['1Ki', Ki],
    ['512Mi', 512 * Mi],
    ['1.5Gi', 1.5 * Gi],
    ['1Ti', Gi * Ki],
    ['1Ei', 2 ** 60],
    ['1e3', 1e3],
    ['1E3', 1e3],
    ['1e+3', 1e3],
    ['1.5e-3', 1.5e-3],
    ['007', 7],
    [' 1Gi ', Gi], // UnmarshalJSON trims surrounding whitespace
    ['1.Gi', Gi],
    ['12345678901234567890', 12345678901234567890], // past the int64 fast path: inf.Dec reads it
    // Quirks of ParseQuantity, kept on purpose: a missing number is zero.
    ['-', 0],
    ['.', 0],
    ['Gi', 0],
    ['m', 0],
  ])('%j is %d', (input, value) => {
    const parsed = parseQuantity(input);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) expect(parsed.value).toBeCloseTo(value, 12);
  });

  it.each<[string, string, string?, string?]>([
    ['', 'it is empty'],
    ['   ', 'it is empty'],
    ['1 Gi', 'it contains whitespace', '1Gi'],
    ['1 GB', 'it contains whitespace', '1Gi', '1G'],
    ['512mb', '`mb` is not a unit', '512Mi', '512M'],
    ['1GB', '`GB` is not a unit', '1Gi', '1G'],
    ['1gb', '`gb` is not a unit', '1Gi', '1G'],
    ['2Gb', '`Gb` is not a unit', '2Gi', '2G'],
    ['1.5GiB', '`GiB` is not a unit', '1.5Gi'],
    ['500mi', '`mi` is not a unit', '500Mi'],
    ['1gi', '`gi` is not a unit', '1Gi'],
    ['1K', '`K` is not a unit', '1Ki', '1k'],
    ['4g', '`g` is not a unit', '4Gi', '4G'],
    ['256KB', '`KB` is not a unit', '256Ki', '256k'],
    ['1024B', '`B` is not a unit', '1024'],
    ['100bytes', '`bytes` is not a unit', '100'],
    ['1e', '`e` is not a unit (units: n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei)'],
    ['1Ki5', '`Ki5` is not a unit (units: n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei)'],
    ['100%', '`%` is not a unit (units: n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei)'],
    ['two', 'it does not start with a number'],
    ['0x10', '`x10` is not a unit (units: n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei)'],
    ['1..5', 'its number has more than one decimal point'],
    ['1,5Gi', '`,5Gi` is not a unit (units: n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei)'],
    ['.e-10', 'its number cannot be parsed'],
  ])('%j is refused: %s', (input, reason, suggestion, alternative) => {
    expect(parseQuantity(input)).toEqual({
      ok: false,
      reason,
      ...(suggestion === undefined ? {} : { suggestion }),
      ...(alternative === undefined ? {} : { alternative }),
    });
  });

  it('refuses non-finite numbers', () => {
    expect(parseQuantity(Number.POSITIVE_INFINITY)).toEqual({ ok: false, reason: 'it is not a finite number' });
  });
});
