import { validateConfig } from '../config/validate';
import { plainBlock } from '../blocks/block';
import { dayMod, DayModParams, siderealDayIndex, SIDEREAL_DAY_S } from './day-mod';
import { utc } from './rules.test-helpers';

describe('day-mod (spec §5.3)', () => {
  const ref = utc('2014-01-01T00:00:00Z');
  it('uses the original sidereal day length', () => {
    expect(SIDEREAL_DAY_S).toBeCloseTo(86164.0905024, 7);
  });
  it('sidereal day 3296 starts at 2023-01-01 00:00:42.2959 UTC', () => {
    expect(siderealDayIndex(utc('2023-01-01T00:00:42Z'), ref)).toBe(3295);
    expect(siderealDayIndex(utc('2023-01-01T00:00:42.295911Z'), ref)).toBe(3296);
    expect(siderealDayIndex(utc('2013-12-31T23:00:00Z'), ref)).toBe(-1);
  });
  it('keeps blocks on the selected days only', () => {
    const day = SIDEREAL_DAY_S * 1e6;
    const start = utc('2020-01-01T00:00:00Z');
    const blocks = [0, 1, 2, 3].map((i) => plainBlock(start + Math.round(i * day), start + Math.round(i * day) + 60e6));
    const idx = blocks.map((b) => siderealDayIndex(b.t0, ref));
    const got = dayMod({ day: 1, day_mod: 2, day_ref: '2014-01-01T00:00:00Z' })(blocks) as unknown[];
    expect(got.filter((b) => b !== null)).toHaveLength(2);
    got.forEach((b, i) => expect(b === null).toBe(idx[i] % 2 !== 1));
  });
  it('(0, 1) is a no-op', () => {
    const b = plainBlock(utc('2023-05-01T00:00:00Z'), utc('2023-05-01T01:00:00Z'));
    expect(dayMod({ day: 0, day_mod: 1, day_ref: '2014-01-01T00:00:00Z' })([b])).toEqual([b]);
  });
  it('validates day_ref as an ISO string and day < day_mod', () => {
    const path = 'config.rules.day-mod';
    expect(validateConfig(DayModParams, { day: 0, day_mod: 1, day_ref: '2014-01-01T00:00:00Z' }, path).day_ref).toBe(
      '2014-01-01T00:00:00Z',
    );
    expect(() => validateConfig(DayModParams, { day: 0, day_mod: 1, day_ref: 'yesterday' }, path)).toThrow(/day-mod\.day_ref/);
    expect(() => validateConfig(DayModParams, { day: 2, day_mod: 2, day_ref: '2014-01-01' }, path)).toThrow(/day-mod\.day must be less/);
    expect(() => validateConfig(DayModParams, { day: 0, day_mod: 1, day_ref: '2014-01-01', x: 1 }, path)).toThrow(/day-mod\.x/);
  });
});
