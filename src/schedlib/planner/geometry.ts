/**
 * Spherical geometry of constant-elevation scans: where an RA/Dec box crosses an elevation circle
 * (almucantar) at a given local sidereal time, and over which sidereal times it crosses at all.
 * Works in hour angle and declination of date, so one day needs only one precession per patch.
 */
import * as Astronomy from 'astronomy-engine';

/** The site of the master schedules (the basic policy hard-codes the same one). */
export const SITE = Object.freeze({
  name: 'ATACAMA',
  telescope: 'SAT',
  lat: -22.958,
  lon: -67.786,
  elevation: 5200.0,
});

/** The site as an astronomy-engine observer. */
export const SITE_OBSERVER = new Astronomy.Observer(SITE.lat, SITE.lon, SITE.elevation);

const D2R = Math.PI / 180;
const R2D = 180 / Math.PI;
/** Sidereal degrees per SI second. */
export const SIDEREAL_DEG_PER_S = 360.98564736629 / 86400;

/** `x` reduced to [0, 360). */
export function wrap360(x: number): number {
  const r = x % 360;
  return r < 0 ? r + 360 : r;
}

/** `x` reduced to (-180, 180]. */
export function wrap180(x: number): number {
  const r = wrap360(x);
  return r > 180 ? r - 360 : r;
}

/** Local apparent sidereal time (degrees) at a Unix time in seconds. */
export function localSiderealDeg(unixS: number): number {
  const date = new Date(unixS * 1000);
  return wrap360(Astronomy.SiderealTime(date) * 15 + SITE.lon);
}

/** Azimuth (from north through east) and elevation, degrees, of hour angle `h` and dec `dec`. */
export function hourAngleToHorizontal(hDeg: number, decDeg: number, latDeg = SITE.lat): { az: number; el: number } {
  const h = hDeg * D2R;
  const d = decDeg * D2R;
  const p = latDeg * D2R;
  const sinEl = Math.sin(p) * Math.sin(d) + Math.cos(p) * Math.cos(d) * Math.cos(h);
  const el = Math.asin(Math.max(-1, Math.min(1, sinEl))) * R2D;
  const az = Math.atan2(-Math.cos(d) * Math.sin(h), Math.sin(d) * Math.cos(p) - Math.cos(d) * Math.sin(p) * Math.cos(h));
  return { az: wrap360(az * R2D), el };
}

/**
 * Hour angle (degrees, in [0, 180]) at which declination `dec` sits at elevation `el`, or NaN when
 * that declination never reaches, or never leaves, that elevation.
 */
export function hourAngleAtElevation(elDeg: number, decDeg: number, latDeg = SITE.lat): number {
  const p = latDeg * D2R;
  const d = decDeg * D2R;
  const c = (Math.sin(elDeg * D2R) - Math.sin(p) * Math.sin(d)) / (Math.cos(p) * Math.cos(d));
  if (!(c >= -1 && c <= 1)) return NaN;
  return Math.acos(c) * R2D;
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
  const rot = Astronomy.Rotation_EQJ_EQD(new Date(unixS * 1000));
  const width = wrap360(raMax - raMin) || 360;
  const toDate = (ra: number, dec: number): { ra: number; dec: number } => {
    const v = Astronomy.VectorFromSphere(new Astronomy.Spherical(dec, ra, 1), new Date(unixS * 1000));
    const e = Astronomy.EquatorFromVector(Astronomy.RotateVector(rot, v));
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
const DEC_STEP = 0.25;

/** Builds the crossing table of a box of date at elevation `el` on `side`. */
export function crossingTable(box: BoxOfDate, el: number, side: Side, latDeg = SITE.lat): CrossingTable {
  const n = Math.max(2, Math.ceil((box.dec1 - box.dec0) / DEC_STEP) + 1);
  const ha = new Float64Array(n);
  const az = new Float64Array(n);
  let haMin = NaN;
  let haMax = NaN;
  const sign = side === 'R' ? -1 : 1;
  for (let i = 0; i < n; i++) {
    const dec = box.dec0 + ((box.dec1 - box.dec0) * i) / (n - 1);
    const h0 = hourAngleAtElevation(el, dec, latDeg);
    if (Number.isNaN(h0)) {
      ha[i] = NaN;
      az[i] = NaN;
      continue;
    }
    const h = sign * h0;
    ha[i] = h;
    az[i] = hourAngleToHorizontal(h, dec, latDeg).az;
    if (!(h >= haMin)) haMin = Number.isNaN(haMin) ? h : Math.min(haMin, h);
    if (!(h <= haMax)) haMax = Number.isNaN(haMax) ? h : Math.max(haMax, h);
  }
  return { box, el, side, ha, az, haMin, haMax };
}

/** An azimuth interval (degrees, `min <= max`, both within one side of the meridian). */
export interface AzRange {
  readonly min: number;
  readonly max: number;
}

/**
 * Azimuths where the box meets the elevation circle at local sidereal time `lst` (degrees), or
 * null when it does not. The box edges in RA are found between samples by linear interpolation.
 */
export function crossingAt(table: CrossingTable, lst: number): AzRange | null {
  const { box, ha, az } = table;
  const n = ha.length;
  let lo = Infinity;
  let hi = -Infinity;
  const add = (a: number): void => {
    if (a < lo) lo = a;
    if (a > hi) hi = a;
  };
  let prevD0 = NaN;
  let prevD1 = NaN;
  for (let i = 0; i < n; i++) {
    const h = ha[i];
    if (Number.isNaN(h)) {
      prevD0 = NaN;
      continue;
    }
    const ra = lst - h;
    // Signed distances of the crossing point from the two RA edges; inside when d0 >= 0 >= d1.
    const d0 = wrap180(ra - box.ra0);
    const d1 = d0 - box.width;
    if (d0 >= 0 && d1 <= 0) add(az[i]);
    if (!Number.isNaN(prevD0)) {
      const crosses = (p: number, q: number): boolean => (p < 0) !== (q < 0) && Math.abs(p - q) < 180;
      if (crosses(prevD0, d0)) {
        const f = prevD0 / (prevD0 - d0);
        add(az[i - 1] + f * (az[i] - az[i - 1]));
      }
      if (crosses(prevD1, d1)) {
        const f = prevD1 / (prevD1 - d1);
        add(az[i - 1] + f * (az[i] - az[i - 1]));
      }
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
  const dAz = off <= width ? 0 : Math.min(off - width, 360 - off);
  const c =
    Math.sin(el * D2R) * Math.sin(bodyEl * D2R) + Math.cos(el * D2R) * Math.cos(bodyEl * D2R) * Math.cos(dAz * D2R);
  return Math.acos(Math.max(-1, Math.min(1, c))) * R2D;
}
