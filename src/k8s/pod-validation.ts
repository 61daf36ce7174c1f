/**
 * Checks that the API server's own validation code makes and the OpenAPI schemas cannot express:
 * name and port syntax, enumerated values, Ingress paths and CronJob schedules.
 *
 * Evidence (kubernetes/kubernetes):
 * - staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go: `IsDNS1123Label`
 *   (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63), `IsValidPortName` (IANA service name: at most 15,
 *   `[-a-z0-9]`, one letter, no `--`, no leading or trailing `-`), `IsValidPortNum` (1-65535).
 * - pkg/apis/networking/validation/validation.go `validateHTTPIngressPath`: `invalidPathSequences`
 *   and `invalidPathSuffixes` for `Exact` and `Prefix`, an absolute path for every type.
 * - pkg/apis/batch/validation/validation.go `validateScheduleFormat` calls `cron.ParseStandard` of
 *   github.com/robfig/cron/v3, transcribed below (parser.go `Parse`, `getRange`, `parseDescriptor`;
 *   spec.go bounds: dow is 0-6, so `7` is an error), with Go's `time.ParseDuration` for `@every`.
 */
import { closest, editDistance } from './suggest.js';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `value` is not a DNS-1123 label (container names, Service port names), or undefined. */
export function dns1123LabelProblem(value: string): string | undefined {
  if (value === '') return 'it is empty';
  if (value.length > 63) return 'it is longer than 63 characters';
  if (DNS1123_LABEL.test(value)) return undefined;
  if (DNS1123_SUBDOMAIN.test(value)) return 'it must not contain dots';
  return 'it must consist of lowercase letters, digits and `-`, and start and end with a letter or digit';
}

/** Why `name` is not an IANA service name (container port names, named targetPorts), or undefined. */
export function portNameProblem(name: string): string | undefined {
  if (name.length > 15) return 'it is longer than 15 characters';
  if (!/^[-a-z0-9]+$/.test(name)) return 'it may contain only lowercase letters, digits and `-`';
  if (!/[a-z]/.test(name)) return 'it must contain at least one letter';
  if (name.includes('--')) return 'it must not contain consecutive hyphens';
  if (name.startsWith('-') || name.endsWith('-')) return 'it must not begin or end with a hyphen';
  return undefined;
}

export function isPortNumber(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 65535;
}

/**
 * `; did you mean \`TCP\`?` for a value that differs from an allowed one in case, or by a typo of at most a
 * quarter of its length (enum values are short: `HTTP` is not a typo of `TCP`).
 */
export function enumHint(value: string, allowed: readonly string[]): string {
  let found = allowed.find((a) => a.toLowerCase() === value.toLowerCase());
  const near = closest(value, allowed);
  if (found === undefined && near !== undefined && editDistance(value.toLowerCase(), near.toLowerCase()) <= Math.max(1, Math.floor(value.length / 4))) found = near;
  return found === undefined ? '' : `; did you mean \`${found}\`?`;
}

const INVALID_PATH_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_PATH_SUFFIXES = ['/..', '/.'];

/** Why an Ingress HTTP path is rejected for its pathType, or undefined (unknown types pass). */
export function ingressPathProblem(path: string, pathType: string): string | undefined {
  if (pathType === 'ImplementationSpecific') {
    return path !== '' && !path.startsWith('/') ? 'it must be an absolute path (start with `/`)' : undefined;
  }
  if (pathType !== 'Exact' && pathType !== 'Prefix') return undefined;
  if (!path.startsWith('/')) return path === '' ? 'it must be an absolute path, and is empty' : 'it must be an absolute path (start with `/`)';
  const sequence = INVALID_PATH_SEQUENCES.find((s) => path.includes(s));
  if (sequence) return `it must not contain \`${sequence}\``;
  const suffix = INVALID_PATH_SUFFIXES.find((s) => path.endsWith(s));
  return suffix ? `it must not end with \`${suffix}\`` : undefined;
}

// ---- CronJob schedules: robfig/cron/v3 ParseStandard ----

interface Bounds {
  readonly field: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const FIELDS: readonly Bounds[] = [
  { field: 'minute', min: 0, max: 59 },
  { field: 'hour', min: 0, max: 23 },
  { field: 'day-of-month', min: 1, max: 31 },
  { field: 'month', min: 1, max: 12, names: Object.fromEntries(MONTHS.map((m, i) => [m, i + 1])) },
  { field: 'day-of-week', min: 0, max: 6, names: Object.fromEntries(DAYS.map((d, i) => [d, i])) },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);

export type CronParse = { ok: true } | { ok: false; reason: string };

type Parsed = { value: number; error?: undefined } | { error: string };

/** Go `strconv.Atoi` then robfig's non-negative check. */
function parseInt10(expr: string): Parsed {
  if (!/^[+-]?\d+$/.test(expr)) return { error: `failed to parse int from ${expr}: invalid syntax` };
  const value = Number(expr);
  if (!Number.isSafeInteger(value)) return { error: `failed to parse int from ${expr}: value out of range` };
  return value < 0 ? { error: `negative number (${value}) not allowed: ${expr}` } : { value };
}

function parseIntOrName(expr: string, bounds: Bounds): Parsed {
  const named = bounds.names?.[expr.toLowerCase()];
  return named === undefined ? parseInt10(expr) : { value: named };
}

/** robfig `getRange`: the error of one comma-separated part of a field, in its order of checks. */
function rangeProblem(expr: string, bounds: Bounds): string | undefined {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  let start = bounds.min;
  let end = bounds.max;
  if (lowAndHigh[0] !== '*' && lowAndHigh[0] !== '?') {
    const low = parseIntOrName(lowAndHigh[0], bounds);
    if (low.error !== undefined) return low.error;
    if (lowAndHigh.length > 2) return `too many hyphens: ${expr}`;
    const high = lowAndHigh.length === 2 ? parseIntOrName(lowAndHigh[1], bounds) : low;
    if (high.error !== undefined) return high.error;
    [start, end] = [low.value, high.value];
  }
  let step = 1;
  if (rangeAndStep.length > 2) return `too many slashes: ${expr}`;
  if (rangeAndStep.length === 2) {
    const parsed = parseInt10(rangeAndStep[1]);
    if (parsed.error !== undefined) return parsed.error;
    step = parsed.value;
    if (lowAndHigh.length === 1) end = bounds.max;
  }
  if (start < bounds.min) return `beginning of range (${start}) below minimum (${bounds.min}): ${expr}`;
  if (end > bounds.max) return `end of range (${end}) above maximum (${bounds.max}): ${expr}`;
  if (start > end) return `beginning of range (${start}) beyond end of range (${end}): ${expr}`;
  return step === 0 ? `step of range should be a positive number: ${expr}` : undefined;
}

const DURATION_UNITS = new Set(['ns', 'us', 'µs', 'μs', 'ms', 's', 'm', 'h']);

/** Whether Go's `time.ParseDuration` accepts `text` (overflow aside). */
export function isGoDuration(text: string): boolean {
  let s = text.replace(/^[-+]/, '');
  if (s === '0') return true;
  if (s === '') return false;
  while (s !== '') {
    const number = /^(\d*)(?:\.(\d*))?/.exec(s)!;
    if (number[0] === '' || (number[1] === '' && !number[2])) return false;
    s = s.slice(number[0].length);
    const unit = /^[^\d.]*/.exec(s)![0];
    if (!DURATION_UNITS.has(unit)) return false;
    s = s.slice(unit.length);
  }
  return true;
}

/** Parses a schedule as `cron.ParseStandard` does; a `TZ=`/`CRON_TZ=` prefix is skipped, not judged. */
export function parseCronSchedule(schedule: string): CronParse {
  let spec = schedule;
  if (spec === '') return { ok: false, reason: 'empty spec string' };
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    if (space === -1) return { ok: false, reason: 'the time zone prefix is not followed by a schedule' };
    spec = spec.slice(space).trim();
  }
  if (spec.startsWith('@')) {
    if (DESCRIPTORS.has(spec)) return { ok: true };
    if (!spec.startsWith('@every ')) return { ok: false, reason: `unrecognized descriptor: ${spec}` };
    const duration = spec.slice('@every '.length);
    return isGoDuration(duration) ? { ok: true } : { ok: false, reason: `failed to parse duration ${spec}: time: invalid duration "${duration}"` };
  }
  const fields = spec.split(/\s+/).filter((f) => f !== '');
  if (fields.length !== 5) return { ok: false, reason: `expected exactly 5 fields, found ${fields.length}: [${fields.join(' ')}]` };
  for (const [i, field] of fields.entries()) {
    for (const expr of field.split(',').filter((e) => e !== '')) {
      const problem = rangeProblem(expr, FIELDS[i]);
      if (problem !== undefined) return { ok: false, reason: `${FIELDS[i].field} field: ${problem}` };
    }
  }
  return { ok: true };
}

/** `spec.template.spec.containers[0]` for messages. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
