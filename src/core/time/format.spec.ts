import fc from 'fast-check';
import { ScheduleInputError } from '../errors';
import {
  addSeconds,
  fromCtime,
  isoformat,
  parseIsoformat,
  parseUtcString,
  roundHalfEven,
  str2ctime,
  toCtime,
  utcDateParts,
  utcMicros,
} from './format';

describe('str2ctime / parseUtcString (basic-policy §10.1)', () => {
  it('reads the test string as UTC', () => {
    expect(str2ctime('2023-05-14 12:34:56')).toBe(1684067696);
    expect(parseUtcString('2023-05-14 12:34:56')).toBe(1684067696 * 1_000_000);
    expect(isoformat(parseUtcString('2023-05-14 12:34:56'))).toBe('2023-05-14T12:34:56+00:00');
  });

  it.each(['abc', '', '2023-05-14', '2023-05-14T12:34:56', '2023-02-30 00:00:00', '2023-05-14 24:00:00', '2023-13-01 00:00:00', '2023-05-14 12:60:00', ' 2023-05-14 12:34:56'])(
    'throws a ScheduleInputError on %p',
    (s) => {
      expect(() => parseUtcString(s)).toThrow(ScheduleInputError);
      expect(() => str2ctime(s)).toThrow(/expected YYYY-MM-DD HH:MM:SS/);
    },
  );

  it('accepts single-digit fields as strptime does', () => {
    expect(parseUtcString('2023-1-2 3:04:05')).toBe(utcMicros(2023, 1, 2, 3, 4, 5));
  });
});

describe('isoformat', () => {
  it.each<[number, string]>([
    [0, '1970-01-01T00:00:00+00:00'],
    [1672531200159354, '2023-01-01T00:00:00.159354+00:00'],
    [1672531447159354, '2023-01-01T00:04:07.159354+00:00'],
    [1672531200000005, '2023-01-01T00:00:00.000005+00:00'],
    [-1, '1969-12-31T23:59:59.999999+00:00'],
    [-1000001, '1969-12-31T23:59:58.999999+00:00'],
    [-3153599999999995, '1870-01-25T00:00:00.000005+00:00'],
  ])('formats %p as Python does', (t, s) => {
    expect(isoformat(t)).toBe(s);
  });

  it('covers the whole safe-integer range (about 1685 to 2255)', () => {
    expect(isoformat(utcMicros(1700, 3, 4, 5, 6, 7))).toBe('1700-03-04T05:06:07+00:00');
    expect(isoformat(utcMicros(2250, 12, 31, 23, 59, 59, 1))).toBe('2250-12-31T23:59:59.000001+00:00');
  });

  it('rejects non-integer instants', () => {
    expect(() => isoformat(0.5)).toThrow(RangeError);
  });
});

describe('parseIsoformat', () => {
  it.each<[string, number]>([
    ['2023-01-01T00:44:07.159354+00:00', 1672533847159354],
    ['2023-01-01T00:00:00+00:00', 1672531200000000],
    ['2023-01-01T00:00:00Z', 1672531200000000],
    ['2023-01-01T00:00', 1672531200000000],
    ['2023-01-01 00:00:00.5', 1672531200500000],
    ['2023-01-01T01:30:00+01:30', 1672531200000000],
    ['2022-12-31T19:00:00-05:00', 1672531200000000],
    // Same forms as request times (parseInstant): a date alone is midnight UTC, and fractions
    // beyond microseconds are truncated.
    ['2023-01-01', 1672531200000000],
    ['2023-01-01T00:00:00.1234567+00:00', 1672531200123456],
  ])('reads %p', (s, t) => {
    expect(parseIsoformat(s)).toBe(t);
  });

  it.each(['nope', '2023-1-1T00:00', '2023-01-01T00:00:00 UTC', '2023-01-01T00:00:00+25:00', '2023-02-29T00:00:00'])(
    'rejects %p',
    (s) => {
      expect(() => parseIsoformat(s)).toThrow(ScheduleInputError);
    },
  );

  it('round-trips isoformat over ±300 years', () => {
    fc.assert(
      fc.property(fc.integer({ min: -9_000_000_000_000_000, max: 9_000_000_000_000_000 }), (t) => {
        expect(parseIsoformat(isoformat(t))).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ctime', () => {
  it('floors to whole seconds, before 1970 too', () => {
    expect(toCtime(1684067696_999_999)).toBe(1684067696);
    expect(toCtime(-1)).toBe(-1);
    expect(fromCtime(1684067696)).toBe(1684067696_000_000);
  });

  it('rounds fractional seconds to the microsecond like datetime.fromtimestamp', () => {
    expect(fromCtime(1.5e-6)).toBe(2);
    expect(fromCtime(-0.5)).toBe(-500_000);
  });

  it('round-trips whole seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }), (s) => {
        expect(toCtime(fromCtime(s))).toBe(s);
      }),
    );
  });
});

describe('addSeconds (timedelta rounding)', () => {
  it.each<[number, number]>([
    [5e-7, 0],
    [1.5e-6, 2],
    [2.5e-6, 2],
    [-5e-7, 0],
    [-1.5e-6, -2],
    [0.1, 100000],
    [265.089, 265089000],
    [123.4567895, 123456789],
    [1e-7, 0],
    [3.0000005, 3000001],
    [-3.0000005, -3000001],
    [12345.6789125, 12345678912],
    [1684067696.123456, 1684067696123456],
  ])('timedelta(seconds=%p) is %p µs', (s, us) => {
    expect(addSeconds(0, s)).toBe(us);
    expect(addSeconds(1672531200_000_000, s)).toBe(1672531200_000_000 + us);
  });

  it('rejects non-finite offsets', () => {
    expect(() => addSeconds(0, Number.NaN)).toThrow(RangeError);
  });

  it('roundHalfEven sends exact halves to the even neighbour', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999, 2.5001].map(roundHalfEven)).toEqual([0, 2, 2, 0, -2, 2, 3]);
  });
});

describe('utcDateParts / utcMicros', () => {
  // The Date-based forms these replaced, as references.
  const partsByDate = (t: number) => {
    const s = Math.floor(t / 1e6);
    const d = new Date(s * 1000);
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), microsecond: t - s * 1e6 };
  };
  const microsByDate = (y: number, mo: number, d: number, h: number, mi: number, s: number, us: number): number => {
    const x = new Date(0);
    x.setUTCFullYear(y, mo - 1, d);
    x.setUTCHours(h, mi, s, 0);
    return x.getTime() * 1000 + us;
  };

  it('agree with Date over ±8000 years, rolled-over fields included (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -250e15, max: 250e15 }), (t) => {
        expect(utcDateParts(t)).toEqual(partsByDate(t));
      }),
      { numRuns: 2000, seed: 3 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: -2000, max: 9999 }),
        fc.integer({ min: -30, max: 40 }),
        fc.integer({ min: -40, max: 70 }),
        fc.integer({ min: -30, max: 50 }),
        fc.integer({ min: -70, max: 130 }),
        fc.integer({ min: -70, max: 130 }),
        fc.integer({ min: 0, max: 999_999 }),
        (y, mo, d, h, mi, s, us) => {
          expect(utcMicros(y, mo, d, h, mi, s, us)).toBe(microsByDate(y, mo, d, h, mi, s, us));
        },
      ),
      { numRuns: 2000, seed: 4 },
    );
  });

  it('parseUtcString refuses exactly the fields Date would roll over (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99 }),
        (y, mo, d, h, mi, s) => {
          const text = `${String(y).padStart(4, '0')}-${mo}-${d} ${h}:${mi}:${s}`;
          const t = microsByDate(y, mo, d, h, mi, s, 0);
          const p = partsByDate(t);
          const valid = p.year === y && p.month === mo && p.day === d && p.hour === h && p.minute === mi && p.second === s;
          if (valid) expect(parseUtcString(text)).toBe(t);
          else expect(() => parseUtcString(text)).toThrow(ScheduleInputError);
        },
      ),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('splits and rebuilds instants', () => {
    const t = utcMicros(2023, 5, 14, 12, 34, 56, 789);
    expect(utcDateParts(t)).toEqual({ year: 2023, month: 5, day: 14, hour: 12, minute: 34, second: 56, microsecond: 789 });
    expect(utcDateParts(-1)).toEqual({ year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59, microsecond: 999999 });
  });
});
