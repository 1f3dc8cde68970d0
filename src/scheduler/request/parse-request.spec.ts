import { ScheduleInputError } from '../../core/errors';
import { checkWindow, parseScheduleRequest } from './parse-request';

const limits = { maxWindowDays: 31 };
const ok = { t0: '2026-11-29 21:05', t1: '2026-11-29 22:05', policy: '{"policy": "dummy", "config": {}}' };

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScheduleInputError);
    return (e as Error).message;
  }
  throw new Error('expected a ScheduleInputError');
}

describe('parseScheduleRequest', () => {
  it('reads a client request', () => {
    const r = parseScheduleRequest(ok, limits);
    expect(r.t1 - r.t0).toBe(3600 * 1e6);
    expect(r.t0).toBe(Date.parse('2026-11-29T21:05:00Z') * 1000);
    expect(r.policy).toEqual({ name: 'dummy', config: {} });
  });

  it.each<[unknown, string]>([
    [[], 'an array'],
    ['x', 'a string'],
    [3, 'a number'],
    [null, 'null'],
    [undefined, 'undefined'],
  ])('rejects the body %p that is not an object', (body, kind) => {
    expect(messageOf(() => parseScheduleRequest(body, limits))).toMatch(
      new RegExp(`^The request body must be a JSON object such as .*\\(got ${kind}\\)$`),
    );
  });

  it('names each missing field, in order', () => {
    expect(messageOf(() => parseScheduleRequest({}, limits))).toBe('Missing t0 field');
    expect(messageOf(() => parseScheduleRequest({ t0: ok.t0 }, limits))).toBe('Missing t1 field');
    expect(messageOf(() => parseScheduleRequest({ t0: ok.t0, t1: ok.t1 }, limits))).toBe('Missing policy field');
  });

  it('rejects t1 not after t0, naming both times', () => {
    expect(messageOf(() => parseScheduleRequest({ ...ok, t1: ok.t0 }, limits))).toBe(
      't1 ("2026-11-29 21:05") must be after t0 ("2026-11-29 21:05")',
    );
    expect(messageOf(() => parseScheduleRequest({ ...ok, t1: '2026-11-29T21:00Z' }, limits))).toMatch(/must be after t0/);
  });

  it('compares instants, not texts', () => {
    // 22:05 at UTC-3 is 01:05 UTC the next day: after t0.
    const r = parseScheduleRequest({ ...ok, t1: '2026-11-29T22:05:00-03:00' }, limits);
    expect(r.t1 - r.t0).toBe(4 * 3600 * 1e6);
  });

  it('accepts exactly the maximum window and names the limit beyond it', () => {
    expect(() => parseScheduleRequest({ ...ok, t1: '2026-12-30 21:05' }, limits)).not.toThrow();
    expect(messageOf(() => parseScheduleRequest({ ...ok, t1: '2026-12-30 21:06' }, limits))).toBe(
      'The window from t0 to t1 is 31 days long; the maximum is 31 days: ask for a shorter window',
    );
    expect(messageOf(() => checkWindow(0, 40 * 86_400e6, { maxWindowDays: 1 }))).toBe(
      'The window from t0 to t1 is 40 days long; the maximum is 1 day: ask for a shorter window',
    );
  });
});
