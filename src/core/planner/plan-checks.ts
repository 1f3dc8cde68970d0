/**
 * Independent checks of a master schedule, written apart from the planner's own geometry: patch
 * outlines are sampled point by point and carried to the sky of date and the horizon with
 * astronomy-engine (`Rotation_EQJ_EQD`, `Horizon`), and the Sun with `Equator`, so a mistake in the
 * planner's hour-angle arithmetic cannot hide itself. Used by the tests and the timing script.
 */
import type * as Astronomy from 'astronomy-engine';
import { astronomy } from '../astro/engine';
import type { ScanBlock } from '../blocks/types';
import { US_PER_S } from '../time/micros';
import type { SkyPatch } from './config';
import { siteObserver } from './geometry';

const D2R = Math.PI / 180;

/** Outline of a J2000 box as points (degrees), every `step` degrees along each edge, in order. */
function outline(p: SkyPatch, step: number): { ra: number; dec: number }[] {
  const width = (((p.ra_max - p.ra_min) % 360) + 360) % 360;
  const pts: { ra: number; dec: number }[] = [];
  const nRa = Math.ceil(width / step);
  const nDec = Math.ceil((p.dec_max - p.dec_min) / step);
  for (let i = 0; i < nRa; i++) pts.push({ ra: p.ra_min + (width * i) / nRa, dec: p.dec_min });
  for (let i = 0; i < nDec; i++) pts.push({ ra: p.ra_min + width, dec: p.dec_min + ((p.dec_max - p.dec_min) * i) / nDec });
  for (let i = 0; i < nRa; i++) pts.push({ ra: p.ra_min + width - (width * i) / nRa, dec: p.dec_max });
  for (let i = 0; i < nDec; i++) pts.push({ ra: p.ra_min, dec: p.dec_max - ((p.dec_max - p.dec_min) * i) / nDec });
  return pts;
}

/**
 * Azimuth extent `[min, max]` of where the patch meets the elevation circle `el` at `date`, on the
 * east (`R`) or west (`S`) of the meridian, or null if it does not meet it there.
 */
export function independentCrossing(patch: SkyPatch, el: number, side: 'R' | 'S', date: Date): { min: number; max: number } | null {
  const { EquatorFromVector, Horizon, RotateVector, Rotation_EQJ_EQD, Spherical, VectorFromSphere } = astronomy();
  const rot = Rotation_EQJ_EQD(date);
  const hor = outline(patch, 0.25).map(({ ra, dec }) => {
    const v = RotateVector(rot, VectorFromSphere(new Spherical(dec, ra, 1), date));
    const eq = EquatorFromVector(v);
    return Horizon(date, siteObserver(), eq.ra, eq.dec);
  });
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < hor.length; i++) {
    const a = hor[i];
    const b = hor[(i + 1) % hor.length];
    if ((a.altitude - el) * (b.altitude - el) > 0 || a.altitude === b.altitude) continue;
    const f = (el - a.altitude) / (b.altitude - a.altitude);
    let dAz = b.azimuth - a.azimuth;
    if (dAz > 180) dAz -= 360;
    if (dAz < -180) dAz += 360;
    const az = (((a.azimuth + f * dAz) % 360) + 360) % 360;
    const east = az > 0 && az < 180;
    if (east !== (side === 'R')) continue;
    lo = Math.min(lo, az);
    hi = Math.max(hi, az);
  }
  return lo <= hi ? { min: lo, max: hi } : null;
}

/** Outcome of the geometric check of one sky scan. */
export type CoverageOutcome = 'covered' | 'outside' | 'absent';

/**
 * Geometric agreement of one sky scan, at `samples` evenly spaced times from start to stop:
 * `covered` when the crossing lies in `[az, az + throw]` (within `tolerance`) at every one,
 * `outside` when it sticks out at some time, `absent` when at some time the patch does not meet the
 * scan's elevation on its side at all (and never sticks out).
 */
export function scanCoverage(scan: ScanBlock, patch: SkyPatch, side: 'R' | 'S', samples = 5, tolerance = 0.5): CoverageOutcome {
  let absent = false;
  for (let i = 0; i < samples; i++) {
    const t = scan.t0 + ((scan.t1 - scan.t0) * i) / (samples - 1);
    const c = independentCrossing(patch, scan.alt, side, new Date(t / 1000));
    if (!c) absent = true;
    else if (c.min < scan.az - tolerance || c.max > scan.az + scan.throw + tolerance) return 'outside';
  }
  return absent ? 'absent' : 'covered';
}

/** Smallest angle (degrees) between the Sun and any point of the scan's arc, sampled every `stepS`. */
export function minSunDistance(scan: ScanBlock, stepS = 30): number {
  return minBodyDistance(scan, astronomy().Body.Sun, stepS);
}

/** Smallest angle (degrees) between `body` (topocentric) and any point of the scan's arc. */
export function minBodyDistance(scan: ScanBlock, body: Astronomy.Body, stepS = 30): number {
  const { Equator, Horizon } = astronomy();
  const observer = siteObserver();
  let best = Infinity;
  // Along the arc the distance is smooth with its minimum inside or at an end (both sampled).
  const nAz = Math.max(1, Math.ceil(scan.throw / 0.5));
  for (let t = scan.t0; ; t = Math.min(t + stepS * US_PER_S, scan.t1)) {
    const date = new Date(t / 1000);
    const eq = Equator(body, date, observer, true, true);
    const sun = Horizon(date, observer, eq.ra, eq.dec);
    const sa = Math.sin(sun.altitude * D2R);
    const ca = Math.cos(sun.altitude * D2R);
    for (let k = 0; k <= nAz; k++) {
      const az = scan.az + (scan.throw * k) / nAz;
      const c = sa * Math.sin(scan.alt * D2R) + ca * Math.cos(scan.alt * D2R) * Math.cos((az - sun.azimuth) * D2R);
      best = Math.min(best, Math.acos(Math.max(-1, Math.min(1, c))) / D2R);
    }
    if (t >= scan.t1) break;
  }
  return best;
}

/** Fraction of `[t0, t1]` covered by scans (scans clipped to the window; overlaps not merged). */
export function dutyCycle(scans: readonly { t0: number; t1: number }[], t0: number, t1: number): number {
  let sum = 0;
  for (const s of scans) sum += Math.max(0, Math.min(s.t1, t1) - Math.max(s.t0, t0));
  return sum / (t1 - t0);
}
