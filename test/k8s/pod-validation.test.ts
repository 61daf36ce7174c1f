import { describe, expect, it } from 'vitest';
import {
  dns1123LabelProblem, enumHint, formatPath, ingressPathProblem, isGoDuration, isPortNumber, parseCronSchedule, portNameProblem,
} from '../../src/k8s/pod-validation.js';

describe('dns1123LabelProblem (IsDNS1123Label)', () => {
  it.each(['a', '0', 'web-1', '1-2-3', 'a'.repeat(63)])('accepts %s', (name) => expect(dns1123LabelProblem(name)).toBeUndefined());
  it.each([
    ['', 'it is empty'],
    ['a'.repeat(64), 'it is longer than 63 characters'],
    ['web.v2', 'it must not contain dots'],
    ['Web', 'it must consist of lowercase letters, digits and `-`, and start and end with a letter or digit'],
    ['-web', 'it must consist of lowercase letters, digits and `-`, and start and end with a letter or digit'],
    ['web_1', 'it must consist of lowercase letters, digits and `-`, and start and end with a letter or digit'],
  ])('rejects %j', (name, reason) => expect(dns1123LabelProblem(name)).toBe(reason));
});

describe('portNameProblem (IsValidPortName)', () => {
  it.each(['http', 'h2c', 'grpc-web', '8080-tcp', 'a'.repeat(15)])('accepts %s', (name) => expect(portNameProblem(name)).toBeUndefined());
  it.each([
    ['a'.repeat(16), 'it is longer than 15 characters'],
    ['HTTP', 'it may contain only lowercase letters, digits and `-`'],
    ['my_port', 'it may contain only lowercase letters, digits and `-`'],
    ['', 'it may contain only lowercase letters, digits and `-`'],
    ['8080', 'it must contain at least one letter'],
    ['a--b', 'it must not contain consecutive hyphens'],
    ['-http', 'it must not begin or end with a hyphen'],
    ['http-', 'it must not begin or end with a hyphen'],
  ])('rejects %j', (name, reason) => expect(portNameProblem(name)).toBe(reason));
});

describe('isPortNumber (IsValidPortNum)', () => {
  it('is 1-65535, integers only', () => {
    expect([1, 80, 65535].every(isPortNumber)).toBe(true);
    expect([0, -1, 65536, 80.5].some(isPortNumber)).toBe(false);
  });
});

describe('enumHint', () => {
  it('fixes the case, or a small typo', () => {
    expect(enumHint('tcp', ['TCP', 'UDP'])).toBe('; did you mean `TCP`?');
    expect(enumHint('IfNotPresnt', ['Always', 'IfNotPresent', 'Never'])).toBe('; did you mean `IfNotPresent`?');
  });
  it('does not guess far', () => {
    expect(enumHint('HTTP', ['TCP', 'UDP', 'SCTP'])).toBe('');
    expect(enumHint('Sometimes', ['Always', 'Never'])).toBe('');
  });
});

describe('ingressPathProblem (validateHTTPIngressPath)', () => {
  it.each([
    ['/', 'Prefix'], ['/api/v1', 'Exact'], ['/a.b/c..d', 'Prefix'], ['', 'ImplementationSpecific'], ['/api(/|$)(.*)', 'ImplementationSpecific'],
    ['relative', 'Unknown'],
  ])('accepts %j with %s', (path, type) => expect(ingressPathProblem(path, type)).toBeUndefined());
  it.each([
    ['api', 'Prefix', 'it must be an absolute path (start with `/`)'],
    ['', 'Exact', 'it must be an absolute path, and is empty'],
    ['api', 'ImplementationSpecific', 'it must be an absolute path (start with `/`)'],
    ['/a//b', 'Prefix', 'it must not contain `//`'],
    ['/a/../b', 'Exact', 'it must not contain `/../`'],
    ['/a%2fb', 'Prefix', 'it must not contain `%2f`'],
    ['/a/..', 'Prefix', 'it must not end with `/..`'],
    ['/a/.', 'Exact', 'it must not end with `/.`'],
    ['//x/./y', 'ImplementationSpecific', undefined],
  ])('%j with %s', (path, type, reason) => expect(ingressPathProblem(path, type)).toBe(reason));
});

describe('isGoDuration (time.ParseDuration)', () => {
  it.each(['0', '1h', '1h30m', '1.5h', '.5s', '1.s', '-2m', '+3ms', '100us', '100µs', '1h0m0s'])('accepts %s', (d) => expect(isGoDuration(d)).toBe(true));
  it.each(['', '1', 'h', '.h', '1d', '1 h', '5 minutes', '1h-2m', '-'])('rejects %j', (d) => expect(isGoDuration(d)).toBe(false));
});

describe('parseCronSchedule (robfig/cron/v3 ParseStandard)', () => {
  it.each([
    '* * * * *', '0 0 1 1 0', '59 23 31 12 6', '*/15 * * * *', '5/15 * * * *', '0-30/10 * * * *', '0 9-17 * * 1-5',
    '0 0 * jan-mar mon,wed,FRI', '0 0 ? * ?', '0 0 1,15 * *', '00 +1 * * *', ', * * * *', '  0   0 * * *  ',
    '@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly', '@every 90s', '@every 0',
    'TZ=UTC 0 0 * * *', 'CRON_TZ=Europe/Paris @daily',
  ])('accepts %j', (schedule) => expect(parseCronSchedule(schedule)).toEqual({ ok: true }));
  it.each([
    ['', 'empty spec string'],
    ['0 0 * *', 'expected exactly 5 fields, found 4: [0 0 * *]'],
    ['0 0 0 * * *', 'expected exactly 5 fields, found 6: [0 0 0 * * *]'],
    ['60 * * * *', 'minute field: end of range (60) above maximum (59): 60'],
    ['* 24 * * *', 'hour field: end of range (24) above maximum (23): 24'],
    ['* * 0 * *', 'day-of-month field: beginning of range (0) below minimum (1): 0'],
    ['* * 32 * *', 'day-of-month field: end of range (32) above maximum (31): 32'],
    ['* * * 13 *', 'month field: end of range (13) above maximum (12): 13'],
    ['* * * * 7', 'day-of-week field: end of range (7) above maximum (6): 7'],
    ['* * * * sun-7', 'day-of-week field: end of range (7) above maximum (6): sun-7'],
    ['* * * * monday', 'day-of-week field: failed to parse int from monday: invalid syntax'],
    ['* * * jan * ', undefined],
    ['* * * * * ', undefined],
    ['5-1 * * * *', 'minute field: beginning of range (5) beyond end of range (1): 5-1'],
    ['1-2-3 * * * *', 'minute field: too many hyphens: 1-2-3'],
    ['*/5/2 * * * *', 'minute field: too many slashes: */5/2'],
    ['*/0 * * * *', 'minute field: step of range should be a positive number: */0'],
    ['1- * * * *', 'minute field: failed to parse int from : invalid syntax'],
    ['L * * * *', 'minute field: failed to parse int from L: invalid syntax'],
    ['* * 1W * *', 'day-of-month field: failed to parse int from 1W: invalid syntax'],
    ['* * * * 5#3', 'day-of-week field: failed to parse int from 5#3: invalid syntax'],
    ['99999999999999999999 * * * *', 'minute field: failed to parse int from 99999999999999999999: value out of range'],
    ['@weekdays', 'unrecognized descriptor: @weekdays'],
    ['@daily ', 'unrecognized descriptor: @daily '],
    ['@every 1 day', 'failed to parse duration @every 1 day: time: invalid duration "1 day"'],
    ['TZ=UTC', 'the time zone prefix is not followed by a schedule'],
    ['CRON_TZ=UTC 0 0 * *', 'expected exactly 5 fields, found 4: [0 0 * *]'],
  ])('%j', (schedule, reason) => {
    expect(parseCronSchedule(schedule)).toEqual(reason === undefined ? { ok: true } : { ok: false, reason });
  });
});

describe('formatPath', () => {
  it('writes a field path', () => expect(formatPath(['spec', 'template', 'spec', 'containers', 0, 'name'])).toBe('spec.template.spec.containers[0].name'));
});
