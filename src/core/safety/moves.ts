/**
 * The independent check of the moves between groups (`acu.move_to` from one pointing to the next).
 *
 * Region. A point-to-point move of the ACU drives each axis monotonically from its start to its
 * target (azimuth as the unwrapped number the script gives: the mount goes the way the numbers
 * say, never across the wrap), so whatever the two axes' speeds, the boresight stays inside the
 * az × el rectangle spanned by the two end pointings. A move that leaves a scan may start anywhere
 * on the scan's arc, so its rectangle spans the whole arc and the next pointing.
 *
 * Time. The move starts when the previous group ends (a scan's `stop_time`, a park's `wait_until`),
 * or when the move before it arrives if that is later (`scriptMoves`), and lasts at most
 * `moveDurationBoundS`: the larger axis travel at `MOVE_SPEED_BOUND_DEG_S`, plus `MOVE_OVERHEAD_S`.
 * The rectangle is judged over that time ± the padding.
 *
 * Distance. For any elevation, the distance from the Sun grows with the azimuth gap, so the
 * nearest point of the rectangle has the rectangle's azimuth nearest the Sun's; along that
 * meridian `cos d = R cos(e − φ)` has its only maximum at `e = φ`, so the nearest elevation is `φ`
 * clamped to the rectangle's, or one of its ends (`rectangleDistance`: exact, no sampling).
 */
import type { ScriptStep } from '../script/render';
import { isoformat } from '../time/format';
import { US_PER_S } from '../time/micros';
import type { SafetyCriteria } from './report';
import { refineOverTime, type TimeSearch } from './refine';
import { CHECKER_SUN_ERROR_DEG, checkerSun } from './sun';

const { atan2, cos, max, min, sin, sqrt } = Math;
const DEG = Math.PI / 180;

/**
 * Slowest axis speed assumed for a move, degrees a second: the socs ACU agent's `UNREASONABLE_VEL`
 * (`_go_to_axis`), the speed below which it gives up on a Preset move and stops the axis. The SAT
 * platform slews at degrees a second; this is ten or more times slower.
 */
export const MOVE_SPEED_BOUND_DEG_S = 0.1;

/**
 * Time added to every move, seconds: the agent's own give-up allowances (`MAX_STARTUP_TIME` 20 s,
 * 2 × `PROFILE_TIME` 2 s, `WARNING_HORN_TOO_LONG` 15 s), its stop (`ABORT_TIME` 2 s), and 61 s for
 * what runs between the previous group's end and the move (`smurf.bias_step()` after a scan) and
 * for settling.
 */
export const MOVE_OVERHEAD_S = 100;

/** Most the checker's Sun moves per second, degrees (as `CHECK_SUN_SPEED_DEG_S`, kept here so the move check stands alone). */
const MOVE_SUN_SPEED_DEG_S = 0.0125;

/** Allowance when the Sun is below the horizon, degrees (as the checker's `BELOW_HORIZON_ALLOWANCE_DEG`). */
const MOVE_BELOW_HORIZON_DEG = 1;

/** The region a move may pass through: azimuths `[azLo, azHi]` (unwrapped) × elevations `[elLo, elHi]`, degrees. */
export interface MoveRectangle {
  readonly azLo: number;
  readonly azHi: number;
  readonly elLo: number;
  readonly elHi: number;
}

/** A pointing a move leaves or reaches: `throw` > 0 for a scan's arc `[az, az + throw]`. */
export interface MoveEnd {
  readonly az: number;
  readonly alt: number;
  readonly throw: number;
}

/** The rectangle a move from `from` (any point of its arc) to `to` stays inside. */
export function moveRectangle(from: MoveEnd, to: MoveEnd): MoveRectangle {
  return {
    azLo: min(from.az, to.az),
    azHi: max(from.az + from.throw, to.az + to.throw),
    elLo: min(from.alt, to.alt),
    elHi: max(from.alt, to.alt),
  };
}

/** Upper bound of a move's duration over `r`, seconds (see `MOVE_SPEED_BOUND_DEG_S`, `MOVE_OVERHEAD_S`). */
export function moveDurationBoundS(r: MoveRectangle): number {
  return max(r.azHi - r.azLo, r.elHi - r.elLo) / MOVE_SPEED_BOUND_DEG_S + MOVE_OVERHEAD_S;
}

/** Unit vector of a horizontal direction (degrees). */
function unit(az: number, alt: number): [number, number, number] {
  const ca = cos(alt * DEG);
  return [ca * cos(az * DEG), ca * sin(az * DEG), sin(alt * DEG)];
}

/** Angle between two unit vectors, degrees. */
function angleBetween(u: readonly number[], v: readonly number[]): number {
  const cx = u[1] * v[2] - u[2] * v[1];
  const cy = u[2] * v[0] - u[0] * v[2];
  const cz = u[0] * v[1] - u[1] * v[0];
  return atan2(sqrt(cx * cx + cy * cy + cz * cz), u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / DEG;
}

/** The rectangle's azimuth nearest `a` on the circle (`a` itself when inside). */
function nearestAzimuth(a: number, r: MoveRectangle): number {
  const width = r.azHi - r.azLo;
  if (width >= 360) return a;
  const rel = (((a - r.azLo) % 360) + 360) % 360;
  if (rel <= width) return r.azLo + rel;
  return rel - width <= 360 - rel ? r.azHi : r.azLo;
}

/** Least great-circle distance from the direction `(az, alt)` to the rectangle `r`, degrees (exact; see the file comment). */
export function rectangleDistance(az: number, alt: number, r: MoveRectangle): number {
  const a = nearestAzimuth(az, r);
  const dAz = (az - a) * DEG;
  const phi = atan2(sin(alt * DEG), cos(alt * DEG) * cos(dAz)) / DEG;
  const sun = unit(az, alt);
  // Three calls, no array of the elevations: this runs for every sample of every move.
  let best = Infinity;
  best = min(best, angleBetween(sun, unit(a, r.elLo)));
  best = min(best, angleBetween(sun, unit(a, r.elHi)));
  best = min(best, angleBetween(sun, unit(a, min(r.elHi, max(r.elLo, phi)))));
  return best;
}

/** One move judged: its rectangle and time, the least Sun distance, and the worst sample below the criterion. */
export interface MoveFindings {
  readonly rectangle: MoveRectangle;
  /** Unix seconds, padding included. */
  readonly from: number;
  readonly to: number;
  readonly minDist: number;
  readonly worst?: { readonly t: number; readonly dist: number };
}

/**
 * Judges the rectangle `r` over `[from, to]` (Unix seconds) against `minDistanceDeg` by branch and
 * bound: the distance to a fixed region changes no faster than the Sun moves, so over `[a, b]` it
 * stays above `(v(a) + v(b) − speed·(b − a)) / 2`; intervals are split until that proves the
 * criterion or are at most 1 s long (then the samples are judged).
 */
export function checkMoveRectangle(r: MoveRectangle, from: number, to: number, minDistanceDeg: number): MoveFindings {
  const search = new RectangleSearch(r, minDistanceDeg);
  refineOverTime(from, to, search);
  const { minDist, worst } = search;
  return worst === undefined ? { rectangle: r, from, to, minDist } : { rectangle: r, from, to, minDist, worst };
}

/** The search of `checkMoveRectangle`: the Sun's distance to the rectangle, and the worst sample. */
class RectangleSearch implements TimeSearch<{ t: number; dist: number }> {
  minDist = Infinity;
  worst: { t: number; dist: number } | undefined = undefined;

  constructor(
    private readonly r: MoveRectangle,
    private readonly minDistanceDeg: number,
  ) {}

  sample(t: number): { t: number; dist: number } {
    const sun = checkerSun(t);
    const dist = rectangleDistance(sun.az, sun.alt, this.r);
    this.minDist = min(this.minDist, dist);
    // The table's Sun is within CHECKER_SUN_ERROR_DEG of the exact one: judged as if that much nearer.
    const allowance = sun.alt + CHECKER_SUN_ERROR_DEG < 0 ? MOVE_BELOW_HORIZON_DEG : 0;
    if (dist - CHECKER_SUN_ERROR_DEG < this.minDistanceDeg - allowance && (this.worst === undefined || dist < this.worst.dist)) this.worst = { t, dist };
    return { t, dist };
  }

  // Once a sample breaks the criterion the verdict is known; else the Sun's speed bound must prove the interval.
  settled(a: { t: number; dist: number }, b: { t: number; dist: number }): boolean {
    return this.worst !== undefined || (a.dist + b.dist - MOVE_SUN_SPEED_DEG_S * (b.t - a.t)) / 2 - CHECKER_SUN_ERROR_DEG >= this.minDistanceDeg;
  }
}

/** A move between two groups of a script, as the check derives it from the script's order. */
export interface ScriptMove {
  /** Index of the group the move leads to. */
  readonly index: number;
  readonly from: MoveEnd;
  readonly to: MoveEnd;
  /** Earliest start of the move (the previous group's end), Unix seconds. */
  readonly startS: number;
  /** Latest start: the previous group's end, or the latest arrival of the move before it when later. */
  readonly latestStartS: number;
  /** Bound of the move's duration, seconds (`moveDurationBoundS`). */
  readonly durationS: number;
}

/**
 * The moves of a script: into every group but the first (whose start pointing is unknown). A move
 * starts when the previous group ends (a scan's `t1`, or later if its wait ran past it; a park's
 * `t1`), or, if the move into the previous group may still be under way then (a `wait_until`
 * already past, e.g. a waypoint), when that move arrives at the latest: `acu.move_to` returns only
 * on arrival. So a move is under way at most over `[startS, latestStartS + durationS]`.
 */
export function scriptMoves(steps: readonly ScriptStep[]): ScriptMove[] {
  const out: ScriptMove[] = [];
  let previousEnd: number | undefined;
  let latestArrival = -Infinity;
  steps.forEach((step, index) => {
    const holdTo = max(previousEnd ?? step.t0, step.kind === 'park' ? step.t1 : step.t0);
    const prev = index > 0 ? steps[index - 1] : undefined;
    if (prev !== undefined && previousEnd !== undefined) {
      const from = { az: prev.az, alt: prev.alt, throw: prev.kind === 'scan' ? prev.throw : 0 };
      const to = { az: step.az, alt: step.alt, throw: 0 };
      const startS = previousEnd / US_PER_S;
      const latestStartS = max(startS, latestArrival);
      const durationS = moveDurationBoundS(moveRectangle(from, to));
      out.push({ index, from, to, startS, latestStartS, durationS });
      latestArrival = latestStartS + durationS;
    }
    previousEnd = max(holdTo, step.kind === 'scan' ? step.t1 : holdTo);
  });
  return out;
}

/** The problems and least distance of each move of `steps` under `criteria`, by the index of the group it leads to. */
export function checkMoves(steps: readonly ScriptStep[], criteria: SafetyCriteria): Map<number, { minSunDistanceDeg: number; problems: string[] }> {
  const out = new Map<number, { minSunDistanceDeg: number; problems: string[] }>();
  if (!(criteria.sunDistanceDeg > 0)) return out; // nothing to hold a move to (the original-2023 preset on floors 0)
  const pad = criteria.paddingS;
  for (const m of scriptMoves(steps)) {
    const ends = [m.from.az, m.from.alt, m.from.throw, m.to.az, m.to.alt];
    if (!ends.every(Number.isFinite)) continue; // the pointing checks already report it
    const r = moveRectangle(m.from, m.to);
    const found = checkMoveRectangle(r, m.startS - pad, m.latestStartS + m.durationS + pad, criteria.sunDistanceDeg);
    const problems: string[] = [];
    if (found.worst) {
      problems.push(
        `the move from (${m.from.az.toFixed(2)}, ${m.from.alt.toFixed(2)}${m.from.throw > 0 ? ` + ${m.from.throw.toFixed(2)}` : ''}) to ` +
          `(${m.to.az.toFixed(2)}, ${m.to.alt.toFixed(2)}) starting ${isoformat(Math.round(m.startS * US_PER_S))} passes within ` +
          `${found.worst.dist.toFixed(3)}° of the Sun at ${isoformat(Math.round(found.worst.t * US_PER_S))} ` +
          `(azimuth ${r.azLo.toFixed(2)} to ${r.azHi.toFixed(2)}, elevation ${r.elLo.toFixed(2)} to ${r.elHi.toFixed(2)}; at least ${criteria.sunDistanceDeg}° required)`,
      );
    }
    out.set(m.index, { minSunDistanceDeg: found.minDist, problems });
  }
  return out;
}
