/**
 * Resource quantities (`500m`, `1.5Gi`, `1e3`), parsed as the API server parses them.
 *
 * Evidence (kubernetes/kubernetes, staging/src/k8s.io/apimachinery/pkg/api/resource):
 * - quantity.go `UnmarshalJSON` trims surrounding whitespace, then calls `ParseQuantity`: an empty
 *   string is refused; `parseQuantityString` scans `[+-]`, digits, an optional `.` and digits, then a
 *   run of `eEinumkKMGTP`, an optional sign and digits; anything left over is `ErrFormatWrong`.
 *   Quirks kept on purpose: `.`, `+`, `Gi` and `m` alone parse as zero; `1.` is `1`.
 * - suffix.go `interpret`: exactly `n u m "" k M G T P E`, `Ki Mi Gi Ti Pi Ei`, or `e`/`E` followed
 *   by an integer exponent; anything else is `ErrSuffix`. Suffixes are case-sensitive (`Mi` is
 *   mebi, `mi` is an error; `M` is mega, `m` is milli); kubernetes/kubernetes#105335 proposed
 *   accepting `mi` and was closed unmerged.
 * - A number with digits that the fast int64 path cannot take goes through `inf.Dec.SetString`,
 *   which refuses a mantissa without digits (`ErrNumeric`).
 * YAML numbers (`cpu: 1`, `cpu: 0.5`) reach the server as JSON numbers and are always quantities.
 */

import { StringMemo } from './memo.js';

export type QuantityParse =
  | { ok: true; /** In base units (cores, bytes), as a float: approximate beyond 2^53. */ value: number }
  | { ok: false; reason: string; /** A valid quantity the author probably meant. */ suggestion?: string; /** A second reading (`512M` for `512mb`). */ alternative?: string };

type Failure = Extract<QuantityParse, { ok: false }>;

const SUFFIX_CHARS = 'eEinumkKMGTP';
const SUFFIXES: ReadonlyMap<string, readonly [base: number, exponent: number]> = new Map(Object.entries({
  '': [10, 0], n: [10, -9], u: [10, -6], m: [10, -3], k: [10, 3], M: [10, 6], G: [10, 9], T: [10, 12], P: [10, 15], E: [10, 18],
  Ki: [2, 10], Mi: [2, 20], Gi: [2, 30], Ti: [2, 40], Pi: [2, 50], Ei: [2, 60],
} as Record<string, readonly [number, number]>));
export const QUANTITY_UNITS = 'n, u, m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei';

interface Scanned {
  readonly negative: boolean;
  /** Integer digits without leading zeros ('0' when there are none). */
  readonly num: string;
  readonly denom: string;
  /** Sign and digits as written, before the suffix. */
  readonly mantissa: string;
  readonly suffix: string;
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** `parseQuantityString`, step by step; undefined = `ErrFormatWrong`. */
function scan(str: string): Scanned | undefined {
  const end = str.length;
  let pos = 0;
  const negative = str[0] === '-';
  if (str[0] === '-' || str[0] === '+') pos++;
  while (pos < end && str[pos] === '0') pos++;
  if (pos >= end) return { negative, num: '0', denom: '', mantissa: '0', suffix: '' };
  const numStart = pos;
  while (isDigit(str[pos])) pos++;
  const num = str.slice(numStart, pos) || '0';
  let denom = '';
  if (str[pos] === '.') {
    const denomStart = ++pos;
    while (isDigit(str[pos])) pos++;
    denom = str.slice(denomStart, pos);
  }
  const mantissa = str.slice(0, pos);
  const suffixStart = pos;
  while (pos < end && SUFFIX_CHARS.includes(str[pos])) pos++;
  if (str[pos] === '-' || str[pos] === '+') pos++;
  while (isDigit(str[pos])) pos++;
  return pos >= end ? { negative, num, denom, mantissa, suffix: str.slice(suffixStart) } : undefined;
}

function interpret(suffix: string): { base: number; exponent: number; binary: boolean } | undefined {
  const known = SUFFIXES.get(suffix);
  if (known) return { base: known[0], exponent: known[1], binary: known[0] === 2 };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?\d+$/.test(suffix.slice(1))) {
    const exponent = Number(suffix.slice(1));
    return Number.isSafeInteger(exponent) ? { base: 10, exponent, binary: false } : undefined;
  }
  return undefined;
}

/** Quantities already parsed (each container repeats `100m`, `128Mi`): a copy of the answer is returned. */
const parsed = new StringMemo<QuantityParse>();

export function parseQuantity(input: string | number): QuantityParse {
  if (typeof input === 'number') return Number.isFinite(input) ? { ok: true, value: input } : { ok: false, reason: 'it is not a finite number' };
  const known = parsed.get(input);
  if (known !== undefined) return { ...known };
  return { ...parsed.set(input, parseText(input)) };
}

function parseText(input: string): QuantityParse {
  const str = input.trim();
  if (str === '') return { ok: false, reason: 'it is empty' };
  if (str === '0') return { ok: true, value: 0 };
  const scanned = scan(str);
  const unit = scanned && interpret(scanned.suffix);
  if (!scanned || !unit) return explain(str);
  const { num, denom, mantissa } = scanned;
  // The int64 fast path of ParseQuantity; outside it, inf.Dec must read the mantissa.
  const fast = unit.binary
    ? unit.exponent >= 0 && denom === '' && 15 - num.length - Math.trunc((unit.exponent * 3) / 10) - 1 >= 0
    : 18 - (num.length + denom.length) >= 0 && unit.exponent - denom.length >= -9;
  if (!fast && !/\d/.test(mantissa)) return { ok: false, reason: 'its number cannot be parsed' };
  const magnitude = Number(`${num}.${denom}0`) * unit.base ** unit.exponent;
  return { ok: true, value: scanned.negative ? -magnitude : magnitude };
}

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)`;
const UNIT_TYPO = new RegExp(`^(${NUMBER})([kKmMgGtTpPeE])([iI]?)([bB]?)$`);
const BYTES = new RegExp(`^(${NUMBER})(?:[bB]|[bB]ytes?)$`);

function valid(candidate: string): string | undefined {
  const parsed = parseQuantity(candidate);
  return parsed.ok ? candidate : undefined;
}

/** Why `str` failed, and what the author probably meant. */
function explain(str: string): Failure {
  const numberPart = /^[+-]?[0-9.]*/.exec(str)![0];
  const rest = str.slice(numberPart.length);
  let reason: string;
  if (/\s/.test(str)) reason = 'it contains whitespace';
  else if (numberPart.split('.').length > 2) reason = 'its number has more than one decimal point';
  else if (!/\d/.test(numberPart)) reason = 'it does not start with a number';
  else reason = `\`${rest}\` is not a unit`;

  const compact = str.replace(/\s+/g, '');
  const failure: Failure = { ok: false, reason };
  const unit = UNIT_TYPO.exec(compact);
  const bytes = BYTES.exec(compact);
  if (compact !== str && valid(compact)) {
    failure.suggestion = compact;
  } else if (unit && (unit[3] !== '' || unit[4] !== '' || !'eE'.includes(unit[2]))) {
    const [, number, letter, binaryMark] = unit;
    const binary = valid(`${number}${letter.toUpperCase()}i`);
    const decimal = valid(`${number}${letter.toLowerCase() === 'k' ? 'k' : letter.toUpperCase()}`);
    failure.suggestion = binary;
    if (binaryMark === '' && decimal) failure.alternative = decimal;
  } else if (bytes && valid(bytes[1])) {
    failure.suggestion = bytes[1];
  }
  if (failure.suggestion === undefined) {
    delete failure.alternative;
    if (reason.startsWith('`')) failure.reason += ` (units: ${QUANTITY_UNITS})`;
  }
  return failure;
}
