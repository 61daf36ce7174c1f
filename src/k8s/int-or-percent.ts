/**
 * Int-or-percent amounts (`maxUnavailable: 1`, `minAvailable: 50%`) as pkg/apis/apps/validation
 * checks them: `ValidatePositiveIntOrPercent` (an integer not below 0, or digits followed by `%`; a
 * quoted `"1"` is neither) and `IsNotMoreThan100Percent`; `getIntOrPercentValue` for zero tests.
 */
const PERCENT = /^[0-9]+%$/;

export type AmountProblem = 'percent' | 'negative' | 'over100';

/** Why the API server refuses `value` as an amount (`capped`: at most 100%), or undefined; non-string, non-number values are the schema's. */
export function amountProblem(value: unknown, capped: boolean): AmountProblem | undefined {
  if (typeof value === 'string' && !PERCENT.test(value)) return 'percent';
  if (typeof value === 'number' && value < 0) return 'negative';
  return capped && typeof value === 'string' && Number(value.slice(0, -1)) > 100 ? 'over100' : undefined;
}

/** Whether `value` is a valid amount of zero (`0` or `0%`). */
export function isZeroAmount(value: unknown): boolean {
  return value === 0 || (typeof value === 'string' && PERCENT.test(value) && Number(value.slice(0, -1)) === 0);
}
