/**
 * The Sun against what a scan really sweeps. A scan starts at `az` and sweeps `throw` degrees in
 * positive azimuth at constant elevation `alt`, back and forth from `t0` to `t1`: every point of
 * the arc `[az, az + throw]` at `alt` is looked at during the whole scan. The Sun rules after the
 * merge (`sun-avoidance` on the swept arc, `sun-guard`) find the instants at which the Sun breaks
 * their criterion for that arc and cut those instants, padded, out of the scan.
 *
 * Why no violation can hide between samples:
 * - Along the arc there is nothing to sample: for a direction at azimuth `a_s`, the closest point
 *   of a constant-elevation arc (on the sky, and in azimuth) is the one whose azimuth is closest
 *   to `a_s`, because `cos d = sin e_s sin e + cos e_s cos e cos Δa` falls as |Δa| grows (both
 *   cosines of elevations are ≥ 0). So the distance from the Sun to the arc is exact.
 * - In time, the Sun's apparent direction moves at most `SUN_SPEED_BOUND_DEG_S` degrees a second
 *   (the Earth's rotation, 0.004178°/s, plus the Sun's own 1°/day; refraction slows it above the
 *   horizon). A distance to a fixed arc changes no faster than the Sun moves, so a sample whose
 *   margin over the criterion is `m` proves the next `m / speed` seconds safe, and the next sample
 *   is taken there. The azimuth of the Sun changes at most `speed / cos(alt_sun)` degrees a
 *   second, which bounds the box criterion's azimuth test the same way (`azimuthBudget`).
 *   Where the margin is below what `RESOLUTION_S` of motion can eat, that second is counted unsafe. The unsafe set
 *   found is therefore a superset of the true one, to within nothing.
 */
import { azAltAt } from '../astro/track';
import { withTimes } from '../blocks/block';
import type { ScanBlock } from '../blocks/types';
import { wrap360 } from '../numeric/unwrap';
import { US_PER_S, type Micros } from '../time/micros';

// Math functions as module constants: under Jest's vm context each global lookup costs more than
// the maths itself.
const { abs, asin, ceil, cos, floor, max, min, sin, sqrt } = Math;
const DEG = Math.PI / 180;

/**
 * Most the Sun's apparent direction moves per second while its apparent altitude is above
 * `SUN_DISTORTED_REFRACTION_TOP_DEG`, in degrees. Measured with this ephemeris over 2027 at 1 s
 * steps: 0.004167°/s (`swept-arc.spec.ts`).
 */
export const SUN_SPEED_BOUND_DEG_S = 0.0042;

/**
 * Most the Sun's apparent direction moves per second anywhere. Between about −9° and −3° the
 * refraction model the rules share with PyEphem (libastro's, which is not meant for the Sun below
 * the horizon) bends the track and the apparent Sun moves up to 0.0122°/s (measured).
 */
export const SUN_SPEED_BOUND_ANY_DEG_S = 0.0125;

/** Apparent altitude above which `SUN_SPEED_BOUND_DEG_S` holds (the distorted band ends below −2.5°). */
export const SUN_DISTORTED_REFRACTION_TOP_DEG = -2.5;

/**
 * Margin the Sun rules keep beyond the configured angles, degrees: it covers the difference between
 * the rules' ephemeris and the independent checker's (astronomy-engine with its own refraction,
 * under 0.005° above 10° of elevation) and the checker's own resolution, so that a plan the rules
 * accept never fails the check for want of a hundredth of a degree.
 */
export const SUN_RULE_MARGIN_DEG = 0.05;

/** Time resolution of the search, seconds: a margin the Sun can eat in less than this is unsafe. */
export const RESOLUTION_S = 1;

/** What the Sun must keep away from, for one scan. Angles in degrees; `undefined` turns a test off. */
export interface SunArcCriterion {
  /** The `sun-avoidance` box: unsafe when `|Δalt| ≤ minAlt` and the azimuth gap to the arc ≤ `minAz`. */
  readonly box?: { readonly minAz: number; readonly minAlt: number };
  /** The `sun-guard` great-circle distance from the Sun to every point of the arc. */
  readonly minDistance?: number;
}

/**
 * Circular azimuth gap, degrees in [0, 180], from azimuth `a` to the arc `[az, az + throw]`:
 * 0 inside it, otherwise the distance to the nearer end (a throw of 360° or more covers all).
 */
export function azGapToArc(a: number, az: number, width: number): number {
  if (width >= 360) return 0;
  const w = max(0, width);
  const rel = wrap360(a - az); // 0 ≤ rel < 360, measured from the arc's start in its direction
  if (rel <= w) return 0;
  return min(rel - w, 360 - rel);
}

/**
 * Great-circle distance, degrees, from the direction (`sunAz`, `sunAlt`) to the nearest point of
 * the arc `[az, az + throw]` at elevation `alt` (haversine form, accurate at small distances).
 */
export function arcDistance(sunAz: number, sunAlt: number, az: number, width: number, alt: number): number {
  const dAz = azGapToArc(sunAz, az, width) * DEG;
  const dAlt = (sunAlt - alt) * DEG;
  const h = sin(dAlt / 2) ** 2 + cos(sunAlt * DEG) * cos(alt * DEG) * sin(dAz / 2) ** 2;
  return (2 * asin(sqrt(min(1, h)))) / DEG;
}

/**
 * Degrees `x` the Sun may move on the sky while its azimuth provably moves less than `gap`, when
 * its altitude is `alt` (≥ 0, degrees) now: its azimuth moves at most (motion) / cos(altitude),
 * and after moving `x` its altitude is at most `alt + x`, so any `x` with `x ≤ gap·cos(alt + x)`
 * will do. The largest such `x` (to 1e-9°) is found by bisection; 0 when the Sun is at the zenith.
 */
export function azimuthBudget(gap: number, alt: number): number {
  // The bracket [lo, hi] lives in a typed array: in the scan rules' compiled code the two loop
  // variables were kept as heap numbers, a new one each step (79 of the 627 kB a warm one-day run
  // allocated; none when the function was run on its own). Same arithmetic, same result.
  const b = BRACKET;
  b[0] = 0;
  b[1] = min(gap, 90 - alt);
  if (!(b[1] > 0)) return 0;
  for (let i = 0; i < 40 && b[1] - b[0] > 1e-9; i++) {
    const x = (b[0] + b[1]) / 2;
    if (x <= gap * cos((alt + x) * DEG)) b[0] = x;
    else b[1] = x;
  }
  return b[0];
}

/** `azimuthBudget`'s bracket, `[lo, hi]` (the rules run synchronously: no two calls interleave). */
const BRACKET = new Float64Array(2);

/**
 * How long, in seconds from now, the criterion is sure to hold for `scan` given the Sun at
 * (`sunAz`, `sunAlt`) now: 0 when it does not hold now (margins include `SUN_RULE_MARGIN_DEG`).
 */
export function provenSafeSeconds(scan: Pick<ScanBlock, 'az' | 'alt' | 'throw'>, sunAz: number, sunAlt: number, c: SunArcCriterion): number {
  let proven = Infinity;
  if (c.minDistance !== undefined && c.minDistance > 0) {
    const m = arcDistance(sunAz, sunAlt, scan.az, scan.throw, scan.alt) - (c.minDistance + SUN_RULE_MARGIN_DEG);
    if (m <= 0) return 0;
    proven = min(proven, stepFor(m, sunAlt));
  }
  if (c.box !== undefined) {
    const mAlt = abs(sunAlt - scan.alt) - (c.box.minAlt + SUN_RULE_MARGIN_DEG);
    const mAz = azGapToArc(sunAz, scan.az, scan.throw) - (c.box.minAz + SUN_RULE_MARGIN_DEG);
    if (mAlt <= 0 && mAz <= 0) return 0;
    const byAlt = mAlt > 0 ? stepFor(mAlt, sunAlt) : 0;
    const byAz = mAz > 0 ? stepFor(azimuthBudget(mAz, abs(sunAlt)), sunAlt) : 0;
    proven = min(proven, max(byAlt, byAz));
  }
  return proven;
}

/**
 * Seconds the Sun at altitude `sunAlt` takes to move `margin` degrees, by the speed bound for the
 * coming step: the faster one unless the Sun cannot reach the band where refraction distorts its
 * track within the step (checked for the step taken). The scan rules' proofs and the planner's
 * move proofs (`policies/basic/moves.ts`) take their steps from it. A function of its own, not a
 * closure over `sunAlt` (which `provenSafeSeconds` allocated at each of its calls).
 */
export function stepFor(margin: number, sunAlt: number): number {
  const s = margin / SUN_SPEED_BOUND_DEG_S;
  return sunAlt - SUN_SPEED_BOUND_ANY_DEG_S * s >= SUN_DISTORTED_REFRACTION_TOP_DEG ? s : margin / SUN_SPEED_BOUND_ANY_DEG_S;
}

/** A half-open interval of seconds. */
export type SecondsInterval = readonly [number, number];

/** Sun position source: apparent azimuth and altitude, degrees, at Unix time `s` (seconds). */
export type SunAt = (s: number) => { readonly az: number; readonly alt: number };

/**
 * Positions `rulesSun` remembers, by instant (a power of two). The move proofs start every leg of
 * every candidate route at the same instant, and the scan rules test the same pointings' holds
 * again: more than half of a schedule's Sun positions were asked for before.
 */
const RULES_SUN_MEMO_SIZE = 256;

/**
 * The rules' Sun (the shared ephemeris track): `azAltAt`, the same numbers as `azAlt('sun', [s])`.
 * A position is a pure function of the instant, so one remembered (direct-mapped by the whole
 * seconds of the instant, compared exactly) is the same to the bit; the objects are frozen, as
 * callers share them.
 */
export const rulesSun: SunAt = (() => {
  const out = new Float64Array(2);
  const instants = new Float64Array(RULES_SUN_MEMO_SIZE).fill(Number.NaN);
  const positions: { readonly az: number; readonly alt: number }[] = new Array(RULES_SUN_MEMO_SIZE);
  return (s: number) => {
    const slot = (s >>> 0) & (RULES_SUN_MEMO_SIZE - 1);
    if (instants[slot] === s) return positions[slot];
    azAltAt('sun', s, out);
    const position = Object.freeze({ az: out[0], alt: out[1] });
    instants[slot] = s;
    positions[slot] = position;
    return position;
  };
})();

/**
 * The instants of `[from, to]` (Unix seconds) at which the Sun may break `c` for `scan`, as merged
 * half-open intervals: a superset of the true ones (see the file comment). Empty when `c` has no
 * active test.
 */
export function unsafeSunIntervals(
  scan: Pick<ScanBlock, 'az' | 'alt' | 'throw'>,
  from: number,
  to: number,
  c: SunArcCriterion,
  sunAt: SunAt = rulesSun,
): SecondsInterval[] {
  const active = (c.minDistance !== undefined && c.minDistance > 0) || c.box !== undefined;
  const out: [number, number][] = [];
  if (!active || !(to > from)) return out;
  let t = from;
  while (t <= to) {
    const sun = sunAt(t);
    const proven = provenSafeSeconds(scan, sun.az, sun.alt, c);
    if (proven >= RESOLUTION_S) {
      t += proven;
      continue;
    }
    const end = t + RESOLUTION_S;
    const last = out[out.length - 1];
    if (last !== undefined && last[1] >= t) last[1] = end;
    else out.push([t, end]);
    t += RESOLUTION_S;
  }
  return out;
}

/**
 * The parts of `scan` that keep `padS` seconds away from every unsafe interval: `[t0, t1]` minus
 * each interval widened by the padding (rounded outwards to microseconds). `[scan]` when nothing is
 * cut, `[]` when nothing is left; pieces keep the scan's pointing and name.
 */
export function cutUnsafe(scan: ScanBlock, unsafe: readonly SecondsInterval[], padS: number): ScanBlock[] {
  const padUs = padS * US_PER_S;
  const pieces: ScanBlock[] = [];
  let start: Micros = scan.t0;
  for (const [a, b] of unsafe) {
    const cutFrom = floor(a * US_PER_S - padUs);
    const cutTo = ceil(b * US_PER_S + padUs);
    if (cutTo <= start) continue;
    if (cutFrom >= scan.t1) break;
    if (cutFrom > start) pieces.push(withTimes(scan, start, min(cutFrom, scan.t1)));
    start = max(start, cutTo);
    if (start >= scan.t1) break;
  }
  if (start === scan.t0) return [scan];
  if (start < scan.t1) pieces.push(withTimes(scan, start, scan.t1));
  return pieces;
}

/**
 * Applies `c` to one scan over its whole duration plus `padS` on each side: the scan unchanged,
 * its safe pieces, or nothing.
 */
export function sunSafePieces(scan: ScanBlock, c: SunArcCriterion, padS: number, sunAt: SunAt = rulesSun): ScanBlock[] {
  const from = scan.t0 / US_PER_S - padS;
  const to = scan.t1 / US_PER_S + padS;
  return cutUnsafe(scan, unsafeSunIntervals(scan, from, to, c, sunAt), padS);
}
