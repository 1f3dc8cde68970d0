/**
 * Sun and Moon positions over one planning day, from the astro layer's fast tracks (apparent,
 * refracted, as the rest of the scheduler sees them) on a 30 s grid, interpolated between grid
 * points as unit vectors: the Sun moves 0.125 degree in 30 s, so the error is far below 0.001 degree.
 */
import { astronomy } from '../astro/engine';
import { azAlt } from '../astro/track';
import type { BodyName } from '../astro/site';

// Globals read once: inside a VM context (as under Jest) every global lookup in a hot loop is slow.
const { atan2, ceil, cos, floor, max, min, sin, sqrt } = Math;
const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;

/** Grid step of the tracks (seconds). */
const STEP_S = 30;

/** A body's positions over a span of time. */
export interface BodyTrack {
  /** Azimuth and elevation (degrees) at a Unix time (clamped to the tracked span). */
  at(unixS: number): { az: number; el: number };
}

/** Track of `body` over `[t0S, t1S]` (Unix seconds). */
export function bodyTrack(body: BodyName, t0S: number, t1S: number): BodyTrack {
  const n = max(2, ceil((t1S - t0S) / STEP_S) + 1);
  const times = new Float64Array(n);
  for (let i = 0; i < n; i++) times[i] = t0S + i * STEP_S;
  const { az, alt } = azAlt(body, times);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const ca = cos(alt[i] * D2R);
    x[i] = ca * cos(az[i] * D2R);
    y[i] = ca * sin(az[i] * D2R);
    z[i] = sin(alt[i] * D2R);
  }
  return {
    at(unixS: number) {
      const u = min(max((unixS - t0S) / STEP_S, 0), n - 1);
      const i = min(floor(u), n - 2);
      const f = u - i;
      const vx = x[i] + f * (x[i + 1] - x[i]);
      const vy = y[i] + f * (y[i + 1] - y[i]);
      const vz = z[i] + f * (z[i + 1] - z[i]);
      let a = atan2(vy, vx) * R2D;
      if (a < 0) a += 360;
      return { az: a, el: atan2(vz, sqrt(vx * vx + vy * vy)) * R2D };
    },
  };
}

/** Illuminated fraction of the Moon at a Unix time. */
export function moonPhase(unixS: number): number {
  const { Body, Illumination } = astronomy();
  return Illumination(Body.Moon, new Date(unixS * 1000)).phase_fraction;
}
