/**
 * Spherical geometry of constant-elevation scans: where an RA/Dec box crosses an elevation circle
 * (almucantar) at a given local sidereal time, and over which sidereal times it crosses at all.
 * Works in hour angle and declination of date, so one day needs only one precession per patch.
 */
import type * as Astronomy from 'astronomy-engine';
import { astronomy } from '../astro/engine';
import { SITE as ASTRO_SITE } from '../astro/site';
import { wrap180, wrap360 } from '../numeric/unwrap';

/** The site of the master schedules: the scheduler's site, with the names the TOAST header shows. */
export const SITE = Object.freeze({
  name: 'ATACAMA',
  telescope: 'SAT',
  lat: ASTRO_SITE.latitudeDeg,
  lon: ASTRO_SITE.longitudeDeg,
  elevation: ASTRO_SITE.elevationM,
});

let observer: Astronomy.Observer | undefined;

/** The site as an astronomy-engine observer (made on first use: astronomy-engine loads lazily). */
export function siteObserver(): Astronomy.Observer {
  return (observer ??= new (astronomy().Observer)(SITE.lat, SITE.lon, SITE.elevation));
}

// Globals read once: inside a VM context (as under Jest) every global lookup in a hot loop is slow.
const { abs, acos, asin, atan2, cos, sin, max, min } = Math;
const NAN = Number.NaN;
const POS_INF = Number.POSITIVE_INFINITY;
const NEG_INF = Number.NEGATIVE_INFINITY;
const isNaNum = Number.isNaN;
const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;
/** Sidereal degrees per SI second. */
export const SIDEREAL_DEG_PER_S = 360.98564736629 / 86400;

/** Local apparent sidereal time (degrees) at a Unix time in seconds. */
export function localSiderealDeg(unixS: number): number {
  const date = new Date(unixS * 1000);
  return wrap360(astronomy().SiderealTime(date) * 15 + SITE.lon);
}

/** Local sidereal time (degrees) as a linear function of time anchored at `anchorS` (good over days). */
export function siderealClock(anchorS: number): (unixS: number) => number {
  const lst0 = localSiderealDeg(anchorS);
  return (unixS: number) => lst0 + SIDEREAL_DEG_PER_S * (unixS - anchorS);
}

/** Azimuth (from north through east) and elevation, degrees, of hour angle `h` and dec `dec`. */
export function hourAngleToHorizontal(hDeg: number, decDeg: number, latDeg = SITE.lat): { az: number; el: number } {
  const h = hDeg * D2R;
  const d = decDeg * D2R;
  const p = latDeg * D2R;
  const sinEl = sin(p) * sin(d) + cos(p) * cos(d) * cos(h);
  const el = asin(max(-1, min(1, sinEl))) * R2D;
  const az = atan2(-cos(d) * sin(h), sin(d) * cos(p) - cos(d) * sin(p) * cos(h));
  return { az: wrap360(az * R2D), el };
}

/**
 * Hour angle (degrees, in [0, 180]) at which declination `dec` sits at elevation `el`, or NaN when
 * that declination never reaches, or never leaves, that elevation.
 */
export function hourAngleAtElevation(elDeg: number, decDeg: number, latDeg = SITE.lat): number {
  const p = latDeg * D2R;
  const d = decDeg * D2R;
  const c = (sin(elDeg * D2R) - sin(p) * sin(d)) / (cos(p) * cos(d));
  if (!(c >= -1 && c <= 1)) return NAN;
  return acos(c) * R2D;
}

/** An RA/Dec box of date: `ra0` and width `width` (degrees, 0 < width < 180), decs ascending. */
export interface BoxOfDate {
  readonly ra0: number;
  readonly width: number;
  readonly dec0: number;
  readonly dec1: number;
}

/**
 * A J2000 box carried to the equator and equinox of date at `unixS` (precession and nutation).
 * Each edge moves by the mean shift of its points; the box's distortion is far below 0.05 degrees.
 */
export function boxOfDate(raMin: number, raMax: number, decMin: number, decMax: number, unixS: number): BoxOfDate {
  const { EquatorFromVector, RotateVector, Rotation_EQJ_EQD, Spherical, VectorFromSphere } = astronomy();
  const rot = Rotation_EQJ_EQD(new Date(unixS * 1000));
  const width = wrap360(raMax - raMin) || 360;
  const toDate = (ra: number, dec: number): { ra: number; dec: number } => {
    const v = VectorFromSphere(new Spherical(dec, ra, 1), new Date(unixS * 1000));
    const e = EquatorFromVector(RotateVector(rot, v));
    return { ra: e.ra * 15, dec: e.dec };
  };
  const decMid = (decMin + decMax) / 2;
  const raMid = raMin + width / 2;
  const left = [toDate(raMin, decMin), toDate(raMin, decMid), toDate(raMin, decMax)];
  const right = [toDate(raMin + width, decMin), toDate(raMin + width, decMid), toDate(raMin + width, decMax)];
  const bottom = [left[0], toDate(raMid, decMin), right[0]];
  const top = [left[2], toDate(raMid, decMax), right[2]];
  const meanRa = (pts: { ra: number }[], ref: number): number =>
    ref + pts.reduce((s, q) => s + wrap180(q.ra - ref), 0) / pts.length;
  const meanDec = (pts: { dec: number }[]): number => pts.reduce((s, q) => s + q.dec, 0) / pts.length;
  const ra0 = wrap360(meanRa(left, raMin));
  const ra1 = meanRa(right, raMin + width);
  return { ra0, width: wrap360(ra1 - ra0), dec0: meanDec(bottom), dec1: meanDec(top) };
}

/** Which side of the meridian a scan watches: `R` east (rising), `S` west (setting). */
export type Side = 'R' | 'S';

/**
 * A box sampled along declination at one elevation: for each sample, the (signed) hour angle
 * and azimuth of the point of the elevation circle at that declination on the chosen side.
 */
export interface CrossingTable {
  readonly box: BoxOfDate;
  readonly el: number;
  readonly side: Side;
  /** Signed hour angle (negative east) per sample, NaN where the circle does not reach. */
  readonly ha: Float64Array;
  readonly az: Float64Array;
  /** Smallest and largest defined hour angle (NaN when none): bounds of the pass in LST. */
  readonly haMin: number;
  readonly haMax: number;
}

/** Declination sampling step (degrees) of crossing tables. */
const DEC_STEP = 0.5;

/** Builds the crossing table of a box of date at elevation `el` on `side`. */
export function crossingTable(box: BoxOfDate, el: number, side: Side, latDeg = SITE.lat): CrossingTable {
  const n = max(2, Math.ceil((box.dec1 - box.dec0) / DEC_STEP) + 1);
  const ha = new Float64Array(n);
  const az = new Float64Array(n);
  let haMin = NAN;
  let haMax = NAN;
  const sign = side === 'R' ? -1 : 1;
  for (let i = 0; i < n; i++) {
    const dec = box.dec0 + ((box.dec1 - box.dec0) * i) / (n - 1);
    const h0 = hourAngleAtElevation(el, dec, latDeg);
    if (isNaNum(h0)) {
      ha[i] = NAN;
      az[i] = NAN;
      continue;
    }
    const h = sign * h0;
    ha[i] = h;
    az[i] = hourAngleToHorizontal(h, dec, latDeg).az;
    if (!(h >= haMin)) haMin = isNaNum(haMin) ? h : min(haMin, h);
    if (!(h <= haMax)) haMax = isNaNum(haMax) ? h : max(haMax, h);
  }
  return { box, el, side, ha, az, haMin, haMax };
}

/** An azimuth interval (degrees, `min <= max`, both within one side of the meridian). */
export interface AzRange {
  readonly min: number;
  readonly max: number;
}

/**
 * The azimuth, interpolated between two samples, where the signed distance from an RA edge goes
 * from `prevD` to `d` through 0; NaN when it keeps its sign or jumps the +-180 seam of d.
 */
function edgeAz(prevD: number, d: number, prevAz: number, az: number): number {
  if (prevD < 0 === d < 0 || abs(prevD - d) >= 180) return NAN;
  return prevAz + (prevD / (prevD - d)) * (az - prevAz);
}

/**
 * Azimuths where the box meets the elevation circle at local sidereal time `lst` (degrees), or
 * null when it does not. The box edges in RA are found between samples by linear interpolation.
 */
export function crossingAt(table: CrossingTable, lst: number): AzRange | null {
  const { box, ha, az } = table;
  const n = ha.length;
  let lo = POS_INF;
  let hi = NEG_INF;
  let prevD0 = NAN;
  let prevD1 = NAN;
  for (let i = 0; i < n; i++) {
    const h = ha[i];
    if (h !== h) {
      prevD0 = NAN;
      continue;
    }
    // Signed distances of the crossing point from the two RA edges; inside when d0 >= 0 >= d1.
    let d0 = (lst - h - box.ra0) % 360;
    if (d0 <= -180) d0 += 360;
    else if (d0 > 180) d0 -= 360;
    const d1 = d0 - box.width;
    let a = NAN;
    if (d0 >= 0 && d1 <= 0) a = az[i];
    if (a === a) {
      if (a < lo) lo = a;
      if (a > hi) hi = a;
    }
    if (prevD0 === prevD0) {
      // NaN (no edge between the samples) compares false and leaves the range as it is.
      const x0 = edgeAz(prevD0, d0, az[i - 1], az[i]);
      if (x0 < lo) lo = x0;
      if (x0 > hi) hi = x0;
      const x1 = edgeAz(prevD1, d1, az[i - 1], az[i]);
      if (x1 < lo) lo = x1;
      if (x1 > hi) hi = x1;
    }
    prevD0 = d0;
    prevD1 = d1;
  }
  return lo <= hi ? { min: lo, max: hi } : null;
}

/**
 * The local sidereal times (degrees, `[start, start + length]`, start in [0, 360)) over which the
 * box meets the circle on the table's side, or null if never.
 */
export function passLst(table: CrossingTable): { start: number; length: number } | null {
  if (Number.isNaN(table.haMin)) return null;
  const start = table.box.ra0 + table.haMin;
  const length = table.box.width + table.haMax - table.haMin;
  return { start: wrap360(start), length: Math.min(length, 360) };
}

/**
 * Smallest angular distance (degrees) from a body at (`bodyAz`, `bodyEl`) to the arc of the
 * elevation circle `el` between azimuths `range.min` and `range.max`. Along the circle the distance
 * grows with the azimuth difference, so the nearest point is the body's azimuth clamped to the arc.
 */
export function distanceToArc(bodyAz: number, bodyEl: number, range: AzRange, el: number): number {
  const width = range.max - range.min;
  const off = wrap360(bodyAz - range.min);
  const dAz = off <= width ? 0 : min(off - width, 360 - off);
  const c =
    sin(el * D2R) * sin(bodyEl * D2R) + cos(el * D2R) * cos(bodyEl * D2R) * cos(dAz * D2R);
  return acos(max(-1, min(1, c))) * R2D;
}
