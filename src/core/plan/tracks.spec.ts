import { horizontal } from '../astro/ephemeris';
import { skyDistanceDeg } from '../../testing/sky';
import { US_PER_S } from '../time/micros';
import { skyTracksToJson, sunMoonTracks, TRACK_MAX_POINTS, TRACK_STEP_S, trackStepSeconds } from './tracks';

const T0 = Date.parse('2026-12-01T00:00:00Z') * 1000;
const DAY = 86_400 * US_PER_S;

/** Angle between two az/alt directions (degrees). */
const separation = (a: { az: number; alt: number }, b: { az: number; alt: number }): number => skyDistanceDeg(a.az, a.alt, b.az, b.alt);

describe('sunMoonTracks', () => {
  it('samples a day every 10 minutes, t1 included', () => {
    const tr = sunMoonTracks(T0, T0 + DAY);
    expect(tr.stepSeconds).toBe(TRACK_STEP_S);
    expect(tr.sun).toHaveLength(145);
    expect(tr.moon).toHaveLength(145);
    expect(tr.sun[1].t - tr.sun[0].t).toBe(600 * US_PER_S);
    expect(tr.sun[144].t).toBe(T0 + DAY);
  });

  it('agrees with the exact ephemeris to the rounding', () => {
    const tr = sunMoonTracks(T0, T0 + DAY);
    for (const i of [0, 37, 90, 144]) {
      for (const body of ['sun', 'moon'] as const) {
        const p = tr[body][i];
        const exact = horizontal(body, p.t / US_PER_S);
        expect(separation(p, exact)).toBeLessThan(0.02);
        expect(p.az).toBeGreaterThanOrEqual(0);
        expect(p.az).toBeLessThan(360);
      }
    }
    // Southern summer at the site: the Sun climbs high at local noon (~16:30 UTC), sets at night.
    expect(Math.max(...tr.sun.map((p) => p.alt))).toBeGreaterThan(80);
    expect(Math.min(...tr.sun.map((p) => p.alt))).toBeLessThan(-30);
  });

  it('widens the step to whole minutes so that 31 days stay within the cap', () => {
    const span = 31 * DAY;
    const step = trackStepSeconds(T0, T0 + span);
    expect(step % 60).toBe(0);
    expect(step).toBeGreaterThan(TRACK_STEP_S);
    const tr = sunMoonTracks(T0, T0 + span);
    expect(tr.sun.length).toBeLessThanOrEqual(TRACK_MAX_POINTS);
    expect(tr.sun.length).toBeGreaterThan(TRACK_MAX_POINTS * 0.9);
    expect(tr.sun[tr.sun.length - 1].t).toBe(T0 + span);
  });

  it('a reversed window has no samples; the wire form has ISO times', () => {
    expect(sunMoonTracks(T0 + DAY, T0).sun).toEqual([]);
    const json = skyTracksToJson(sunMoonTracks(T0, T0 + 600 * US_PER_S));
    expect(json.sun.map((p) => p.t)).toEqual(['2026-12-01T00:00:00Z', '2026-12-01T00:10:00Z']);
    expect(json.stepSeconds).toBe(600);
  });
});
