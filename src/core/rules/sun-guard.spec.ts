import { scanBlock } from '../blocks/block';
import { configJsonSchema, validateConfig } from '../config';
import { US_PER_S } from '../time/micros';
import { SunGuardParams, sunGuardPieces } from './sun-guard';
import type { SunAt } from './swept-arc';

const S = US_PER_S;
const S0 = 1_800_000_000;
/** A Sun on the 50° almucantar moving 0.004° of azimuth a second from az 0 at S0 (under the speed bound). */
const sunAt: SunAt = (s) => ({ az: (((0.004 * (s - S0)) % 360) + 360) % 360, alt: 50 });
// A point-like scan at az 10, alt 50: the Sun is within 2° of it (2.05° with the rules' margin) from
// about S0 + 1700 s to S0 + 3300 s (3.2° of azimuth at 50° of elevation is 2.05° of sky).
const scan = (fromS: number, toS: number) => scanBlock({ name: 'p', t0: (S0 + fromS) * S, t1: (S0 + toS) * S, az: 10, alt: 50, throw: 0 });

describe('sunGuardPieces', () => {
  it('keeps a scan the Sun stays far from, as the same object', () => {
    const s = scan(0, 1600);
    expect(sunGuardPieces(s, { min_distance_deg: 2 }, 0, sunAt)).toEqual([s]);
    expect(sunGuardPieces(s, { min_distance_deg: 2 }, 0, sunAt)[0]).toBe(s);
  });

  it('drops a scan the Sun sits on, and trims one it reaches', () => {
    expect(sunGuardPieces(scan(2000, 3000), { min_distance_deg: 2 }, 0, sunAt)).toEqual([]);
    const pieces = sunGuardPieces(scan(0, 2000), { min_distance_deg: 2 }, 0, sunAt);
    expect(pieces).toHaveLength(1);
    expect(pieces[0].t0).toBe((S0 + 0) * S);
    expect(pieces[0].t1 / S - S0).toBeGreaterThan(1650);
    expect(pieces[0].t1 / S - S0).toBeLessThan(1720);
  });

  it('keeps the padding away from the Sun', () => {
    // Safe by itself; 200 s of padding reach the unsafe time, so the end is cut by at least that.
    const s = scan(0, 1600);
    const pieces = sunGuardPieces(s, { min_distance_deg: 2 }, 200, sunAt);
    expect(pieces).toHaveLength(1);
    expect(pieces[0].t1 / S - S0).toBeLessThan(1520);
  });

  it('is off at 0°: the scan is kept even on the Sun', () => {
    const s = scan(2000, 3000);
    expect(sunGuardPieces(s, { min_distance_deg: 0 }, 30, sunAt)).toEqual([s]);
  });
});

describe('SunGuardParams', () => {
  it('takes 0 to 90 degrees and names a bad value', () => {
    expect(validateConfig(SunGuardParams, { min_distance_deg: 90 }, 'g')).toEqual({ min_distance_deg: 90 });
    expect(() => validateConfig(SunGuardParams, { min_distance_deg: 90.5 }, 'g')).toThrow('Invalid config: g.min_distance_deg must be a number between 0 and 90 (got 90.5).');
    expect(() => validateConfig(SunGuardParams, { min_distance_deg: -1 }, 'g')).toThrow(/g\.min_distance_deg must be a number between 0 and 90/);
  });
  it('documents its key in the JSON schema', () => {
    const schema = configJsonSchema({ configClass: SunGuardParams, defaults: {} }) as { properties: Record<string, { description?: string }> };
    expect(schema.properties.min_distance_deg.description).toMatch(/^Least great-circle distance \(degrees\) from the Sun to every point a scan sweeps/);
  });
});
