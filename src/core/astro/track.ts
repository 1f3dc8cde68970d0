/**
 * Fast positions for the rules (basic-policy §4, "Positions between samples" and `get_az_alt`). The
 * geocentric apparent place comes from the interpolated node grid of `node-cache.ts`; the Earth's
 * rotation, parallax, horizon and refraction are then applied exactly at each instant, so azimuth
 * is continuous by construction (no unwrapping, no zenith singularity) and reported in [0, 360).
 */
import { HEAP, type Float64Allocator } from '../numeric/arena';
import type { Micros } from '../time/micros';
import { US_PER_S } from '../time/micros';
import { earthRotationAngle, utDays } from './geocentric';
import { COS_LAT, EARTH_RADII_PER_AU, SIN_LAT, SITE_LON_RAD, X_OBS, Z_OBS } from './horizon';
import { chunkIndexOf, interpolateInChunk, NODE_STEP_S, nodeChunk } from './node-cache';
import { refractInPlace } from './refraction';
import type { BodyName } from './site';

// Math functions as module constants: under Jest's vm context each global lookup (`Math.x`)
// costs more than the maths itself, which made the hot loops ~20x slower in tests.
const { atan2, cos, floor, max, round, sin, sqrt, trunc } = Math;

const RAD2DEG = 180 / Math.PI;
const EMPTY: Float64Array = new Float64Array(0);

/** Azimuths (degrees, [0, 360)) and refracted altitudes (degrees), one per instant. */
export interface AzAltArrays {
  readonly az: Float64Array;
  readonly alt: Float64Array;
}

/** `AzAltArrays` with the sampled instants (integer Unix seconds). */
export interface SampledAzAlt extends AzAltArrays {
  readonly t: Float64Array;
}

/**
 * Horizon coordinates at Unix time `t` of the ERA-frame vector `v` (AU): the Earth's rotation,
 * parallax and horizon, applied exactly. Writes azimuth (degrees, [0, 360)) to `out[0]` and the
 * true (unrefracted) altitude (radians) to `out[1]`; `refract` then makes it the apparent one.
 */
function horizonAt(v: Float64Array, t: number, out: Float64Array): void {
  const phi = earthRotationAngle(utDays(t)) + SITE_LON_RAD;
  const c = cos(phi);
  const s = sin(phi);
  const x = v[0];
  const y = v[1];
  const tx = (x * c + y * s) * EARTH_RADII_PER_AU - X_OBS;
  const ty = (y * c - x * s) * EARTH_RADII_PER_AU;
  const tz = v[2] * EARTH_RADII_PER_AU - Z_OBS;
  const north = tz * COS_LAT - tx * SIN_LAT;
  const up = tx * COS_LAT + tz * SIN_LAT;
  let a = atan2(ty, north) * RAD2DEG;
  if (a < 0) a += 360;
  if (a >= 360) a -= 360;
  out[0] = a;
  out[1] = atan2(up, sqrt(north * north + ty * ty));
}

/**
 * Replaces each true altitude (radians) of `alt` by the refracted one in degrees. A loop of its
 * own, refracting in place: the sampling loop's inlining budget is spent before `refract`, and
 * a call that is not inlined would box two numbers per sample.
 */
function refractAll(alt: Float64Array): void {
  for (let i = 0; i < alt.length; i++) {
    refractInPlace(alt, i);
    alt[i] = alt[i] * RAD2DEG;
  }
}

// Scratch of the one-instant form (the pipeline is synchronous: no two calls interleave).
const scratchV = new Float64Array(3);

/**
 * Position of `body` at one Unix time `ctime` (seconds), written to `out[0]` (azimuth, degrees)
 * and `out[1]` (refracted altitude, degrees): the same numbers as `azAlt(body, [ctime])`, without
 * allocating anything, for rules that look at one instant at a time.
 */
export function azAltAt(body: BodyName, ctime: number, out: Float64Array): void {
  if (ctime - ctime !== 0) throw new RangeError(`azAltAt: ctime is not a finite number (${ctime})`);
  const step = NODE_STEP_S[body];
  const index = chunkIndexOf(ctime, step);
  interpolateInChunk(nodeChunk(body, index), index, step, ctime, scratchV);
  horizonAt(scratchV, ctime, out);
  refractInPlace(out, 1);
  out[1] = out[1] * RAD2DEG;
}

/**
 * Positions of `body` at Unix times `ctimes` (seconds, any order, fractional allowed), agreeing
 * with `horizontal` to the interpolation error measured in `track.spec.ts` (< 1e-6°). The result
 * arrays come from `alloc` (an arena for a caller that does not keep them).
 */
export function azAlt(body: BodyName, ctimes: ArrayLike<number>, alloc: Float64Allocator = HEAP): AzAltArrays {
  const n = ctimes.length;
  // One element type in the hot loop keeps it monomorphic.
  const ts = ctimes instanceof Float64Array ? ctimes : Float64Array.from(ctimes);
  const az = alloc.take(n);
  const alt = alloc.take(n);
  const v = new Float64Array(3);
  const pair = new Float64Array(2);
  const step = NODE_STEP_S[body];
  let index = Number.NaN;
  let chunk = EMPTY;
  for (let i = 0; i < n; i++) {
    const t = ts[i];
    // t - t is 0 only for finite t: one cheap test instead of a global Number.isFinite lookup.
    if (t - t !== 0) throw new RangeError(`azAlt: ctimes[${i}] is not a finite number (${t})`);
    const ci = chunkIndexOf(t, step);
    if (ci !== index) {
      index = ci;
      chunk = nodeChunk(body, ci);
    }
    interpolateInChunk(chunk, index, step, t, v);
    horizonAt(v, t, pair);
    az[i] = pair[0];
    alt[i] = pair[1];
  }
  refractAll(alt);
  return { az, alt };
}

/** Unix seconds (2³³, year 2242) below which `sampleGrid` may count whole seconds instead of dividing. */
const GRID_EXACT_BELOW_S = 2 ** 33;

/**
 * The §4 sample grid over `[t0, t1)`: `n = floor(duration / stepS)` ctimes `t0 + i·stepS` (the step
 * added as a timedelta rounded to microseconds), each truncated to integer Unix seconds. A window
 * shorter than one step (or reversed) has none. Every rule samples on this grid. The array comes
 * from `alloc`.
 */
export function sampleGrid(t0: Micros, t1: Micros, stepS: number, alloc: Float64Allocator = HEAP): Float64Array {
  const n = max(0, floor((t1 - t0) / US_PER_S / stepS));
  const t = alloc.take(n);
  const stepUs = stepS * US_PER_S;
  if (stepS === trunc(stepS) && t0 >= 0 && t0 === trunc(t0) && (t0 + n * stepUs) / US_PER_S < GRID_EXACT_BELOW_S) {
    // Whole seconds from a non-negative whole microsecond: t0 + i·step is a whole number of
    // microseconds whose quotient by 10⁶ is at least 10⁻⁶ away from the next integer, more than
    // half an ulp below 2³³ s, so trunc of the rounded quotient is floor(t0 / 10⁶) + i·step.
    const base = trunc(t0 / US_PER_S);
    for (let i = 0; i < n; i++) t[i] = base + i * stepS;
    return t;
  }
  for (let i = 0; i < n; i++) {
    // Python adds i steps as a timedelta (rounded to microseconds), then int(timestamp()).
    t[i] = trunc((t0 + round(i * stepUs)) / US_PER_S);
  }
  return t;
}

/**
 * Altitudes sampled on whole-second grids while a memo is open (`withSampleMemo`): a rule that
 * samples the same body's altitude on the same grid again (alt-range on the windows
 * make-source-plan planned from a passage's samples, `sampleAlt`) reads them back instead of
 * recomputing. A position is a pure function of the body and the instant, so reading it back
 * gives the same numbers to the bit.
 */
interface MemoGrid {
  readonly body: BodyName;
  readonly stepS: number;
  /** First instant, whole Unix seconds; the grid is `t0 + i·stepS` for i < n. */
  readonly t0: number;
  readonly n: number;
  /** Where its altitudes start in the store. */
  readonly at: number;
}

/** Most numbers the memo's store holds (8 MB); grids beyond it are not remembered. */
const MEMO_MAX_NUMBERS = 1 << 20;

/** A store up to this many numbers (512 kB, a few days of passages) is kept for the next computation; a larger one is released. */
const MEMO_KEEP_NUMBERS = 1 << 16;

const memo = {
  open: false,
  grids: [] as MemoGrid[],
  store: new Float64Array(0) as Float64Array,
  used: 0,
};

/**
 * Runs `f` with the sample memo open (one schedule's computation: the pipeline is synchronous),
 * and forgets the grids after it. Nested calls share the outer memo.
 */
export function withSampleMemo<T>(f: () => T): T {
  if (memo.open) return f();
  memo.open = true;
  memo.grids = [];
  memo.used = 0;
  try {
    return f();
  } finally {
    memo.open = false;
    memo.grids = [];
    memo.used = 0;
    if (memo.store.length > MEMO_KEEP_NUMBERS) memo.store = EMPTY;
  }
}

/** True when `t` is `t[0] + i·stepS` in whole seconds (the grid `sampleGrid` makes from a whole-microsecond `t0`). */
function wholeSecondGrid(t: Float64Array, stepS: number): boolean {
  if (t.length === 0 || stepS !== trunc(stepS) || t[0] !== trunc(t[0])) return false;
  const t0 = t[0];
  for (let i = 1; i < t.length; i++) if (t[i] !== t0 + i * stepS) return false;
  return true;
}

function recalled(body: BodyName, t: Float64Array, stepS: number, alloc: Float64Allocator): Float64Array | undefined {
  const n = t.length;
  const t0 = t[0];
  for (const g of memo.grids) {
    if (g.body !== body || g.stepS !== stepS) continue;
    const k = (t0 - g.t0) / stepS;
    if (k < 0 || k !== trunc(k) || k + n > g.n) continue;
    const alt = alloc.take(n);
    alt.set(memo.store.subarray(g.at + k, g.at + k + n));
    return alt;
  }
  return undefined;
}

function remember(body: BodyName, t: Float64Array, stepS: number, alt: Float64Array): void {
  const n = t.length;
  const need = memo.used + n;
  if (need > MEMO_MAX_NUMBERS) return;
  if (need > memo.store.length) {
    const grown = new Float64Array(Math.min(MEMO_MAX_NUMBERS, Math.max(need, 2 * memo.store.length, MEMO_KEEP_NUMBERS)));
    grown.set(memo.store.subarray(0, memo.used));
    memo.store = grown;
  }
  const at = memo.used;
  memo.store.set(alt, at);
  memo.used = need;
  memo.grids.push({ body, stepS, t0: t[0], n, at });
}

function checkGrid(who: string, t0: Micros, t1: Micros, stepS: number): void {
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) {
    throw new RangeError(`${who}: t0 and t1 must be finite microseconds, got ${t0}, ${t1}`);
  }
  if (!(stepS > 0) || !Number.isFinite(stepS)) {
    throw new RangeError(`${who}: step must be a positive number of seconds, got ${stepS}`);
  }
}

/**
 * The §4 `get_az_alt` grid over `[t0, t1)`: `n = floor(duration / stepS)` instants
 * `t0 + i·stepS`, each truncated to integer Unix seconds, with the body's positions there.
 * A window shorter than one step (or reversed) has no samples. The arrays come from `alloc`.
 * With the sample memo open, the altitudes of a whole-second grid are remembered for `sampleAlt`.
 */
export function sampleAzAlt(body: BodyName, t0: Micros, t1: Micros, stepS = 30, alloc: Float64Allocator = HEAP): SampledAzAlt {
  checkGrid('sampleAzAlt', t0, t1, stepS);
  const t = sampleGrid(t0, t1, stepS, alloc);
  const { az, alt } = azAlt(body, t, alloc);
  if (memo.open && wholeSecondGrid(t, stepS)) remember(body, t, stepS, alt);
  return { t, az, alt };
}

/**
 * The instants and altitudes of `sampleAzAlt` (the same numbers): with the sample memo open, read
 * back when a grid sampled before holds this one.
 */
export function sampleAlt(body: BodyName, t0: Micros, t1: Micros, stepS = 30, alloc: Float64Allocator = HEAP): { readonly t: Float64Array; readonly alt: Float64Array } {
  checkGrid('sampleAlt', t0, t1, stepS);
  const t = sampleGrid(t0, t1, stepS, alloc);
  const whole = memo.open && wholeSecondGrid(t, stepS);
  const known = whole ? recalled(body, t, stepS, alloc) : undefined;
  if (known !== undefined) return { t, alt: known };
  const { alt } = azAlt(body, t, alloc);
  if (whole) remember(body, t, stepS, alt);
  return { t, alt };
}
