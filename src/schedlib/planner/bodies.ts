/**
 * Sun and Moon positions over one planning day, from a few astronomy-engine evaluations: topocentric
 * RA/Dec of date every hour, interpolated linearly, turned into az/el with the sidereal time.
 * Interpolation errors stay below 0.01 degree (the Moon's parallax varies smoothly over a day).
 */
import * as Astronomy from 'astronomy-engine';
import { SIDEREAL_DEG_PER_S, SITE, SITE_OBSERVER, hourAngleToHorizontal, localSiderealDeg, wrap180 } from './geometry';

// Globals read once: inside a VM context (as under Jest) every global lookup in a hot loop is slow.
const { ceil, floor, max, min } = Math;
/** Sampling step of the hourly tables (seconds). */
const STEP_S = 3600;

/** A body's positions over `[t0S, t1S]` (Unix seconds). */
export interface BodyTrack {
  /** Azimuth and elevation (degrees, geometric) at a Unix time within the tracked span. */
  at(unixS: number): { az: number; el: number };
}

/** Topocentric equatorial track of `body` over `[t0S, t1S]`, evaluated through `lstAt`. */
export function bodyTrack(body: Astronomy.Body, t0S: number, t1S: number, lstAt: (unixS: number) => number): BodyTrack {
  const n = ceil((t1S - t0S) / STEP_S) + 1;
  const ra = new Float64Array(n);
  const dec = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const eq = Astronomy.Equator(body, new Date((t0S + i * STEP_S) * 1000), SITE_OBSERVER, true, true);
    // RA unwrapped so that interpolation never runs across the 0/360 jump.
    ra[i] = i === 0 ? eq.ra * 15 : ra[i - 1] + wrap180(eq.ra * 15 - ra[i - 1]);
    dec[i] = eq.dec;
  }
  return {
    at(unixS: number) {
      const x = min(max((unixS - t0S) / STEP_S, 0), n - 1);
      const i = min(floor(x), n - 2);
      const f = x - i;
      const r = ra[i] + f * (ra[i + 1] - ra[i]);
      const d = dec[i] + f * (dec[i + 1] - dec[i]);
      return hourAngleToHorizontal(lstAt(unixS) - r, d, SITE.lat);
    },
  };
}

/** Local sidereal time (degrees) as a linear function of time anchored at `anchorS`. */
export function siderealClock(anchorS: number): (unixS: number) => number {
  const lst0 = localSiderealDeg(anchorS);
  return (unixS: number) => lst0 + SIDEREAL_DEG_PER_S * (unixS - anchorS);
}

/** Illuminated fraction of the Moon at a Unix time. */
export function moonPhase(unixS: number): number {
  return Astronomy.Illumination(Astronomy.Body.Moon, new Date(unixS * 1000)).phase_fraction;
}
