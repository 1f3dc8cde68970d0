/**
 * sun-avoidance (basic-policy §5.1, F7): cuts scans and source blocks where they come too close to the
 * Sun, on a `time_step` grid, with `n_buffer` samples of padding around each unsafe run.
 */
import { isBodyName, type BodyName } from '../astro/site';
import { azAlt, azAltAt } from '../astro/track';
import { withTimes } from '../blocks/block';
import { mapTreeWith } from '../blocks/tree';
import type { Block, BlockTree, ScanBlock } from '../blocks/types';
import { NumberField } from '../config/decorators';
import { Float64Arena } from '../numeric/arena';
import { rangesComplement, rangesPad, type IndexRange } from '../numeric/ranges';
import { wrap180 } from '../numeric/unwrap';
import { fromCtime } from '../time/format';
import { sampleGrid, type Rule } from './rule';
import { sunSafePieces, type SunAt } from './swept-arc';

/** Params of `sun-avoidance`: a sample is safe when either separation from the Sun is exceeded. */
export class SunAvoidanceParams {
  @NumberField({ min: 0, max: 180, description: 'Azimuth separation from the Sun (degrees) beyond which a sample is safe; a scan counts from the edge of its throw.' })
  readonly min_angle_az!: number;

  @NumberField({ min: 0, max: 180, description: 'Altitude separation from the Sun (degrees) beyond which a sample is safe.' })
  readonly min_angle_alt!: number;

  @NumberField({ integer: true, min: 0, max: 100_000, description: 'Samples of padding cut on each side of an unsafe run.' })
  readonly n_buffer!: number;

  @NumberField({ integer: true, min: 1, max: 86_400, description: 'Step of the Sun samples (seconds).' })
  readonly time_step!: number;
}

/**
 * What the rule compares with the Sun: a scan's own pointing, or the body (a planet, the Moon or the
 * Sun) a source block or observing window follows; null for a block it leaves alone (a plain block,
 * a source that is not a body).
 */
function sunTarget(b: Block): ScanBlock | BodyName | null {
  switch (b.kind) {
    case 'scan':
      return b;
    case 'source':
    case 'window':
      return isBodyName(b.name) ? b.name : null;
    default:
      return null;
  }
}

/**
 * Per-sample safety of block `b` against the Sun at ctimes `t` (F7): `|wrap180(Δaz)| − throw >
 * min_angle_az` (no throw term for sources, no cos(alt)) OR `|Δalt| > min_angle_alt`, both strict.
 * Returns null for a block type the rule does not look at.
 */
export function sunSafeMask(
  b: Block,
  t: ArrayLike<number>,
  sunAz: ArrayLike<number>,
  sunAlt: ArrayLike<number>,
  p: Pick<SunAvoidanceParams, 'min_angle_az' | 'min_angle_alt'>,
): boolean[] | null {
  const target = sunTarget(b);
  if (target === null) return null;
  const n = t.length;
  const ok: boolean[] = [];
  if (typeof target !== 'string') {
    for (let i = 0; i < n; i++) {
      const daz = Math.abs(wrap180(target.az - sunAz[i])) - target.throw;
      const dalt = Math.abs(target.alt - sunAlt[i]);
      ok.push(daz > p.min_angle_az || dalt > p.min_angle_alt);
    }
    return ok;
  }
  const src = azAlt(target, t);
  for (let i = 0; i < n; i++) {
    const daz = Math.abs(wrap180(src.az[i] - sunAz[i]));
    const dalt = Math.abs(src.alt[i] - sunAlt[i]);
    ok.push(daz > p.min_angle_az || dalt > p.min_angle_alt);
  }
  return ok;
}

/**
 * Bound on how fast a body's apparent altitude can change, in degrees per second. The fastest
 * measured over 2023 at 10 s steps is 0.012°/s (refraction near the horizon steepens the sidereal
 * 0.0039°/s); this is four times that, so skipping samples with it cannot change a result.
 */
export const ALT_RATE_BOUND_DEG_S = 0.05;

/**
 * Bound on how fast a body's azimuth can change while its apparent altitude stays within
 * ±`AZ_RATE_MAX_ALT_DEG`, degrees per second. The sidereal rate ω(|sin φ| + cos φ tan h) at
 * h = 75° is 0.016°/s, and so is the fastest measured over 2023 at 10 s steps for every body
 * (its own motion adds under 1 %); this is twice that. Near the zenith there is no such bound.
 */
export const AZ_RATE_BOUND_DEG_S = 0.032;

/** Altitude (absolute, degrees) within which `AZ_RATE_BOUND_DEG_S` holds. */
export const AZ_RATE_MAX_ALT_DEG = 75;

/**
 * Bound on a body's apparent altitude rate while it stays above `HIGH_ALT_FLOOR_DEG`, degrees per
 * second. There the altitude moves at most at the sidereal ω cos φ = 0.0039°/s (refraction only
 * slows it), and 0.0039 is the fastest measured over 2023 at 10 s steps for every body; this is
 * twice that. (Below, libastro's refraction steepens it to 0.012°/s: `ALT_RATE_BOUND_DEG_S`.)
 */
export const HIGH_ALT_RATE_BOUND_DEG_S = 0.008;

/** Altitude (degrees) above which `HIGH_ALT_RATE_BOUND_DEG_S` holds. */
export const HIGH_ALT_FLOOR_DEG = 2;

/**
 * Most by which the altitude gap of two samples can depart from the rate bound, degrees: libastro
 * stops refracting within 0.1″, so each sample's altitude may sit 0.1″ off the smooth curve.
 */
export const ALT_NOISE_DEG = (2 * 0.1) / 3600;

/**
 * The unsafe runs of the mask `sunSafeMaskFast` describes (`mask2ranges` of its negation), found
 * without a per-sample array: positions are computed only where needed. When the altitude gap
 * exceeds `min_angle_alt` by a margin, every sample closer in time than margin / (the largest
 * possible rate of change of the gap) is safe too, so it is not evaluated. Likewise for the azimuth
 * gap, for as long as the moving bodies stay far enough from the zenith and the nadir for their
 * azimuth rate to be bounded, and with a tighter altitude bound for as long as they stay above the
 * horizon. `target` is a scan (its pointing) or the body a source follows (see `sunTarget`).
 */
function unsafeRunsFast(target: ScanBlock | BodyName, t: ArrayLike<number>, p: Pick<SunAvoidanceParams, 'min_angle_az' | 'min_angle_alt'>): IndexRange[] {
  const isScan = typeof target !== 'string';
  // A scan has a fixed altitude: only the Sun moves. A source moves too.
  const rate = isScan ? ALT_RATE_BOUND_DEG_S : 2 * ALT_RATE_BOUND_DEG_S;
  const n = t.length;
  const runs: IndexRange[] = [];
  let start = -1;
  const sun = SUN;
  const src = SOURCE;
  let i = 0;
  while (i < n) {
    azAltAt('sun', t[i], sun);
    let az: number;
    let alt: number;
    if (isScan) {
      az = target.az;
      alt = target.alt;
    } else {
      azAltAt(target, t[i], src);
      az = src[0];
      alt = src[1];
    }
    const dalt = Math.abs(alt - sun[1]);
    const daz = Math.abs(wrap180(az - sun[0])) - (isScan ? target.throw : 0);
    const safe = daz > p.min_angle_az || dalt > p.min_angle_alt;
    // Each bound gives the seconds it proves safe: zero or less when it proves nothing (no margin,
    // or a body already outside the altitudes where the bound holds), which skips nothing.
    const margin = dalt - p.min_angle_alt;
    let span = margin / rate;
    // Well above the horizon altitudes change far slower, for as long as both bodies stay there.
    const lowest = Math.min(sun[1], isScan ? Infinity : alt);
    const highHold = (lowest - HIGH_ALT_FLOOR_DEG) / ALT_RATE_BOUND_DEG_S;
    span = Math.max(span, Math.min(highHold, (margin - ALT_NOISE_DEG) / ((isScan ? 1 : 2) * HIGH_ALT_RATE_BOUND_DEG_S)));
    // Both altitudes stay within the azimuth bound's range for `azHold` seconds; a scan's azimuth is fixed.
    const azMargin = daz - p.min_angle_az;
    const highest = Math.max(Math.abs(sun[1]), isScan ? 0 : Math.abs(alt));
    const azHold = (AZ_RATE_MAX_ALT_DEG - highest) / ALT_RATE_BOUND_DEG_S;
    span = Math.max(span, Math.min(azHold, azMargin / ((isScan ? 1 : 2) * AZ_RATE_BOUND_DEG_S)));
    if (!safe) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
    // Skip the samples the bounds prove safe (a span is only positive at a safe sample, which has
    // ended any unsafe run already).
    let j = i + 1;
    while (j < n && t[j] - t[i] < span) j++;
    i = j;
  }
  if (start >= 0) runs.push([start, n]);
  return runs;
}

// Scratch of `unsafeRunsFast` (the pipeline is synchronous): nothing is allocated per sample.
const SUN = new Float64Array(2);
const SOURCE = new Float64Array(2);

/**
 * The same mask as `sunSafeMask` over the ctimes `t`, computing positions only where needed (see
 * `unsafeRunsFast`, whose runs it spells out).
 */
export function sunSafeMaskFast(
  b: Block,
  t: ArrayLike<number>,
  p: Pick<SunAvoidanceParams, 'min_angle_az' | 'min_angle_alt'>,
): boolean[] | null {
  const target = sunTarget(b);
  if (target === null) return null;
  const runs = unsafeRunsFast(target, t, p);
  const ok = new Array<boolean>(t.length).fill(true);
  for (const [i0, i1] of runs) ok.fill(false, i0, i1);
  return ok;
}

/** The grid of one `avoidSun` call: reset at each call, never returned. */
const arena = new Float64Arena();

/** Applies the rule to one block: unchanged, null (dropped) or the list of safe pieces. */
export function avoidSun(b: Block, p: SunAvoidanceParams): BlockTree {
  const target = sunTarget(b);
  if (target === null) return b;
  arena.reset();
  const t = sampleGrid(b.t0, b.t1, p.time_step, arena);
  const unsafe = unsafeRunsFast(target, t, p);
  const n = t.length;
  const safe = rangesComplement(rangesPad(unsafe, p.n_buffer, n), n);
  if (safe.length === 0) return null;
  // Untouched blocks keep their own (possibly sub-second) times.
  if (safe[0][0] === 0 && safe[0][1] === n) return b;
  return safe.map(([i0, i1]) => withTimes(b, fromCtime(t[i0]), fromCtime(t[i1 - 1])));
}

/** Builds the sun-avoidance rule: maps every scan and source leaf through `avoidSun`. */
export function sunAvoidance(p: SunAvoidanceParams): Rule {
  return (tree) => mapTreeWith(tree, avoidSun, p);
}

/**
 * The Sun padding of the checks on swept arcs, seconds: `n_buffer × time_step`. The rule above
 * widens each unsafe run of samples by `n_buffer` samples of `time_step` on both sides, i.e. keeps
 * every scan at least that long (in time) from an instant at which the Sun breaks the criterion;
 * checking `[t0 − pad, t1 + pad]` is the same promise without the grid.
 */
export function sunPaddingSeconds(p: Pick<SunAvoidanceParams, 'n_buffer' | 'time_step'>): number {
  return p.n_buffer * p.time_step;
}

/**
 * The box criterion of `sun-avoidance` applied to what a scan sweeps: the arc `[az, az + throw]` at
 * its elevation, over `[t0 − pad, t1 + pad]`, continuously (see `swept-arc.ts`). Returns the scan
 * unchanged, its safe pieces, or `[]`.
 */
export function sunAvoidanceArcPieces(
  scan: ScanBlock,
  p: Pick<SunAvoidanceParams, 'min_angle_az' | 'min_angle_alt' | 'n_buffer' | 'time_step'>,
  sunAt?: SunAt,
): ScanBlock[] {
  const box = { minAz: p.min_angle_az, minAlt: p.min_angle_alt };
  return sunSafePieces(scan, { box }, sunPaddingSeconds(p), sunAt);
}
