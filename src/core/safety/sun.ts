/**
 * The checker's own Sun: astronomy-engine called directly (apparent place of date with aberration,
 * topocentric, its own 'normal' refraction). Nothing here is shared with the rules' ephemeris
 * (`src/core/astro`: node cache, libastro refraction), so a fault there cannot hide a fault here.
 *
 * The checker reads it from a table of its own (`checkerSun`): for each UTC day, Chebyshev series
 * of degree `TABLE_DEGREE` through `exactCheckerSun` at the day's Chebyshev nodes, of the three
 * components of the Sun's unrefracted topocentric direction (north, east, up). That direction
 * turns with the Earth once a day and drifts about a degree a day, so its series converge fast:
 * the Chebyshev coefficients of cos(ωt) over a day fall as Jₖ(π) (below 1e-12 from k = 18 on).
 * Refraction is then applied exactly as astronomy-engine's `Horizon` does. The table's error
 * against `exactCheckerSun`, measured over 2023-2030 in `sun.spec.ts`, is below 2e-9° (the exact
 * Sun's own jitter: degree 23 does no better); the checker judges every criterion with
 * `CHECKER_SUN_ERROR_DEG` (1e-6°) added as margin, so it can never pass what the exact Sun would
 * fail. A day's table costs 18 exact positions, about as many as the checker samples in an hour.
 */
import type { Observer } from 'astronomy-engine';
import { LruCache } from '../cache/lru-cache';
import { astronomy } from '../astro/engine';
import { SITE } from '../astro/site';

const { atan2, cos, floor, PI, sin, sqrt } = Math;
const DEG = PI / 180;
const RAD2DEG = 180 / PI;

// Made on first use: astronomy-engine loads lazily (the HTTP process imports this module but never
// checks a schedule itself; loading the library there costs 2.5 MB of resident memory).
let observer: Observer | undefined;

function siteObserver(): Observer {
  return (observer ??= new (astronomy().Observer)(SITE.latitudeDeg, SITE.longitudeDeg, SITE.elevationM));
}

/** Unix seconds of J2000.0 (2000-01-01T12:00:00Z), astronomy-engine's time origin (UT days). */
const J2000_UNIX_S = 946_728_000;
const DAY_S = 86_400;

/**
 * Most the table's Sun may differ from `exactCheckerSun`, degrees: on the sky, in altitude, and in
 * azimuth times the cosine of the altitude. Five hundred times what `sun.spec.ts` measures.
 */
export const CHECKER_SUN_ERROR_DEG = 1e-6;

/** Degree of each day's series (TABLE_DEGREE + 1 nodes, each one exact astronomy-engine position). */
export const TABLE_DEGREE = 17;
const NODES = TABLE_DEGREE + 1;

/** Days of tables kept (432 bytes each): more than the longest window a server accepts. */
const TABLE_DAYS = 400;

function assertFinite(s: number, who: string): void {
  if (!Number.isFinite(s)) throw new RangeError(`${who}: time must be finite seconds, got ${s}`);
}

/** Apparent azimuth (degrees from north through east) and refracted altitude of the Sun at Unix time `s` (seconds), from astronomy-engine at that instant. */
export function exactCheckerSun(s: number): { readonly az: number; readonly alt: number } {
  assertFinite(s, 'exactCheckerSun');
  const { AstroTime, Body, Equator, Horizon } = astronomy();
  const site = siteObserver();
  const time = new AstroTime(new Date(s * 1000));
  const eq = Equator(Body.Sun, time, site, true, true);
  const h = Horizon(time, site, eq.ra, eq.dec, 'normal');
  return { az: h.azimuth, alt: h.altitude };
}

/** Unrefracted topocentric direction of the Sun (north, east, up) at `ut` (J2000 UT days), written to `out[at..at+2]`. */
function unrefractedDirection(ut: number, out: Float64Array, at: number): void {
  const { AstroTime, Body, Equator, Horizon } = astronomy();
  const site = siteObserver();
  const time = new AstroTime(ut);
  const eq = Equator(Body.Sun, time, site, true, true);
  const h = Horizon(time, site, eq.ra, eq.dec);
  const ca = cos(h.altitude * DEG);
  out[at] = ca * cos(h.azimuth * DEG);
  out[at + 1] = ca * sin(h.azimuth * DEG);
  out[at + 2] = sin(h.altitude * DEG);
}

/** The Chebyshev coefficients of day `day` (Unix days), three per degree: [c0n, c0e, c0u, c1n, ...]. */
function buildDay(day: number): Float64Array {
  const values = new Float64Array(3 * NODES);
  const mid = (day + 0.5) * DAY_S;
  for (let k = 0; k < NODES; k++) {
    const x = cos((PI * (k + 0.5)) / NODES);
    unrefractedDirection((mid + (x * DAY_S) / 2 - J2000_UNIX_S) / DAY_S, values, 3 * k);
  }
  const coeffs = new Float64Array(3 * NODES);
  for (let j = 0; j < NODES; j++) {
    let n = 0;
    let e = 0;
    let u = 0;
    for (let k = 0; k < NODES; k++) {
      const w = cos((PI * j * (k + 0.5)) / NODES);
      n += w * values[3 * k];
      e += w * values[3 * k + 1];
      u += w * values[3 * k + 2];
    }
    const f = (j === 0 ? 1 : 2) / NODES;
    coeffs[3 * j] = n * f;
    coeffs[3 * j + 1] = e * f;
    coeffs[3 * j + 2] = u * f;
  }
  return coeffs;
}

const tables = new LruCache<number, Float64Array>(TABLE_DAYS);
// The day last read: consecutive samples almost always fall on it.
let lastDay = Number.NaN;
let lastCoeffs: Float64Array = new Float64Array(0);

function dayCoefficients(day: number): Float64Array {
  if (day === lastDay) return lastCoeffs;
  let c = tables.get(day);
  if (c === undefined) {
    c = buildDay(day);
    tables.set(day, c);
  }
  lastDay = day;
  lastCoeffs = c;
  return c;
}

/**
 * Apparent azimuth (degrees from north through east, [0, 360)) and refracted altitude of the Sun at
 * Unix time `s` (seconds): the day's table, within `CHECKER_SUN_ERROR_DEG` of `exactCheckerSun`.
 */
export function checkerSun(s: number): { readonly az: number; readonly alt: number } {
  assertFinite(s, 'checkerSun');
  const day = floor(s / DAY_S);
  const c = dayCoefficients(day);
  // Clenshaw's recurrence on x in [-1, 1] over the day, the three components side by side.
  const x = (2 * (s - day * DAY_S)) / DAY_S - 1;
  const x2 = 2 * x;
  let n1 = 0;
  let n2 = 0;
  let e1 = 0;
  let e2 = 0;
  let u1 = 0;
  let u2 = 0;
  for (let j = TABLE_DEGREE; j >= 1; j--) {
    const n0 = x2 * n1 - n2 + c[3 * j];
    const e0 = x2 * e1 - e2 + c[3 * j + 1];
    const u0 = x2 * u1 - u2 + c[3 * j + 2];
    n2 = n1;
    n1 = n0;
    e2 = e1;
    e1 = e0;
    u2 = u1;
    u1 = u0;
  }
  const n = x * n1 - n2 + c[0];
  const e = x * e1 - e2 + c[1];
  const u = x * u1 - u2 + c[2];
  // As astronomy-engine's Horizon: azimuth from north through east, zenith distance, then its refraction.
  let az = atan2(e, n) * RAD2DEG;
  if (az < 0) az += 360;
  const zd = atan2(sqrt(n * n + e * e), u) * RAD2DEG;
  return { az, alt: 90 - (zd - astronomy().Refraction('normal', 90 - zd)) };
}

/** Drops the tables (tests, and a memory bound check). */
export function clearCheckerSunTables(): void {
  tables.clear();
  lastDay = Number.NaN;
}
