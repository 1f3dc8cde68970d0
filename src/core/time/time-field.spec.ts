import { ScheduleInputError } from '../errors';
import { checkWindow, parseTimeField, timeFieldProblem } from './time-field';

const at = (iso: string) => Date.parse(iso) * 1000;

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScheduleInputError);
    return (e as Error).message;
  }
  throw new Error('expected a ScheduleInputError');
}

describe('parseTimeField', () => {
  it.each([
    ['2026-11-29 21:05', '2026-11-29T21:05:00Z'],
    ['2026-11-29 21:05:07', '2026-11-29T21:05:07Z'],
    ['2026-11-29T21:05:07Z', '2026-11-29T21:05:07Z'],
    ['2026-11-29T21:05:07z', '2026-11-29T21:05:07Z'],
    ['2026-11-29T18:05:07-03:00', '2026-11-29T21:05:07Z'],
    ['2026-11-30T02:35:07+0530', '2026-11-29T21:05:07Z'],
    ['2026-11-29T21:05', '2026-11-29T21:05:00Z'],
    ['2024-02-29 00:00', '2024-02-29T00:00:00Z'],
  ])('reads %s as UTC %s', (text, iso) => {
    expect(parseTimeField('t0', text)).toBe(at(iso));
    expect(timeFieldProblem('t0', text)).toBeUndefined();
  });

  it('keeps microseconds', () => {
    expect(parseTimeField('t0', '2026-11-29 21:05:07.123456')).toBe(at('2026-11-29T21:05:07Z') + 123_456);
    expect(parseTimeField('t1', '2026-11-29T21:05:07.5Z')).toBe(at('2026-11-29T21:05:07Z') + 500_000);
  });

  it('says which field is missing', () => {
    expect(() => parseTimeField('t1', undefined)).toThrow(new ScheduleInputError('Missing t1 field'));
    expect(timeFieldProblem('t0', undefined)).toBe('Missing t0 field');
  });

  it.each([[123], [null], [true], [{}], [['2026-11-29 21:05']]])('rejects the non-string %p naming the field', (v) => {
    expect(() => parseTimeField('t0', v)).toThrow(/^Invalid t0: expected a string in the form YYYY-MM-DD HH:MM/);
  });

  it.each(['abc', '', '2026/11/29 21:05', '29-11-2026 21:05', '2026-11-29 21', '2026-11-29 21:05 UTC'])(
    'rejects the malformed %p naming the field and the formats',
    (text) => {
      let err: unknown;
      try {
        parseTimeField('t0', text);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ScheduleInputError);
      const msg = (err as Error).message;
      expect(msg.startsWith(`Invalid t0 ${JSON.stringify(text)}: expected YYYY-MM-DD HH:MM[:SS]`)).toBe(true);
      expect(msg).toContain('ISO 8601');
      expect((err as ScheduleInputError).path).toBe('t0');
      expect(timeFieldProblem('t0', text)).toBe(msg);
    },
  );

  it.each(['2026-02-29 00:00', '2023-02-30 10:00', '2026-04-31 10:00', '2026-13-01 10:00', '2026-11-29 24:00', '2026-11-29 21:60', '2026-11-29 21:05:60', '2026-11-29T21:05+24:00'])(
    'rejects the impossible date or time %p',
    (text) => {
      expect(() => parseTimeField('t1', text)).toThrow(/^Invalid t1 ".*": not a valid date and time; expected/);
    },
  );
});

describe('checkWindow', () => {
  const t0 = at('2026-11-29T21:05:00Z');
  const limits = { maxWindowDays: 31 };

  it('rejects t1 not after t0, naming both times', () => {
    expect(messageOf(() => checkWindow(t0, t0, limits, '2026-11-29 21:05', '2026-11-29 21:05'))).toBe(
      't1 ("2026-11-29 21:05") must be after t0 ("2026-11-29 21:05")',
    );
    expect(messageOf(() => checkWindow(t0, t0 - 1, limits))).toMatch(/must be after t0/);
  });

  it('accepts exactly the maximum window and names the limit beyond it', () => {
    expect(() => checkWindow(t0, t0 + 31 * 86_400e6, limits)).not.toThrow();
    expect(messageOf(() => checkWindow(t0, t0 + 31 * 86_400e6 + 60e6, limits))).toBe(
      'The window from t0 to t1 is 31 days long; the maximum is 31 days: ask for a shorter window',
    );
    expect(messageOf(() => checkWindow(0, 40 * 86_400e6, { maxWindowDays: 1 }))).toBe(
      'The window from t0 to t1 is 40 days long; the maximum is 1 day: ask for a shorter window',
    );
  });
});
