/**
 * The independent Sun and mount check of a finished schedule: every pointing the script holds,
 * i.e. each scan's swept arc over `[t0 − pad, t1 + pad]`, each park over its hold ± pad, and each
 * scan's start pointing over the wait before the scan (from the previous group's end, or the
 * window's start, minus pad, to `t0 − pad`, where the arc's own check takes over). Separate from the rules in its Sun
 * positions (`sun.ts`: astronomy-engine's, through its own per-day table), its geometry (unit vectors here, haversine
 * there) and its sampling (branch and bound here, forward stepping there). It only judges; the
 * policy throws `UnsafeScheduleError` when the verdict is unsafe, and never sends that script.
 *
 * Sampling. For a scan, `f(t)` is the great-circle distance from the Sun to its swept arc and
 * `g(t)` the Sun's altitude gap to the arc's elevation. Neither changes faster than the Sun
 * moves, at most `CHECK_SUN_SPEED_DEG_S` degrees a second, so over `[a, b]` both stay above
 * `(v(a) + v(b) − speed·(b − a)) / 2`. Intervals are split until that bound proves the criteria
 * (and pins the minimum distance closely enough for the report) or the interval is shorter than
 * `CHECK_RESOLUTION_S`, where the samples themselves are judged. So a distance violation deeper than
 * speed × resolution / 2 (0.006°) between samples cannot go unseen. The box test is judged at the
 * samples wherever the Sun may be within its reach (its azimuth can move fast near the zenith).
 *
 * The Sun comes from the checker's own table (`sun.ts`), within `CHECKER_SUN_ERROR_DEG` of
 * astronomy-engine's exact position: every distance and altitude gap is judged that much shorter,
 * every azimuth gap that much over the cosine of the altitude shorter, and the below-horizon
 * allowance applies only where the Sun is surely below the horizon, so the table can only make the
 * check stricter than the exact Sun would.
 */
import type { ScanBlock } from '../blocks/types';
import type { ScriptStep } from '../script/render';
import { isoformat } from '../time/format';
import { US_PER_S, type Micros } from '../time/micros';
import type { SafetyBlockReport, SafetyCriteria, SafetyReport } from './report';
import { checkMoves } from './moves';
import { refineOverTime, type TimeSearch } from './refine';
import { CHECKER_SUN_ERROR_DEG, checkerSun } from './sun';

const { abs, atan2, cos, max, min, sin, sqrt } = Math;
const DEG = Math.PI / 180;
/** The table's error bound, judged as margin on every criterion. */
const CHECK_SUN_ERROR = CHECKER_SUN_ERROR_DEG;

/**
 * Most the checker's Sun moves per second, degrees, at any altitude: the Earth's rotation gives
 * 0.0042°/s; three times that covers any refraction model's bending near and below the horizon.
 */
export const CHECK_SUN_SPEED_DEG_S = 0.0125;

export { CHECK_RESOLUTION_S } from './refine';

/**
 * Allowance when the Sun is below the horizon, degrees: there the checker's refraction
 * (astronomy-engine's) and the rules' (libastro's) disagree by up to 0.9°, and neither describes
 * the real sky well; the check then accepts a distance that much short.
 */
export const BELOW_HORIZON_ALLOWANCE_DEG = 1;

/** Unit vector of a horizontal direction (degrees). */
function unit(az: number, alt: number): [number, number, number] {
  const ca = cos(alt * DEG);
  return [ca * cos(az * DEG), ca * sin(az * DEG), sin(alt * DEG)];
}

/** Azimuth of the arc `[az, az + width]` closest to `a` (an end, or `a` itself when inside). */
function nearestArcAzimuth(a: number, az: number, width: number): number {
  if (width >= 360) return a;
  const rel = (((a - az) % 360) + 360) % 360;
  if (rel <= width) return a;
  return rel - width <= 360 - rel ? az + width : az;
}

/** Angle between two unit vectors, degrees (atan2 of |u × v| and u · v: exact at small angles). */
function angleBetween(u: readonly number[], v: readonly number[]): number {
  const cx = u[1] * v[2] - u[2] * v[1];
  const cy = u[2] * v[0] - u[0] * v[2];
  const cz = u[0] * v[1] - u[1] * v[0];
  return atan2(sqrt(cx * cx + cy * cy + cz * cz), u[0] * v[0] + u[1] * v[1] + u[2] * v[2]) / DEG;
}

/**
 * How much shorter than measured an azimuth gap may truly be, degrees, for a Sun at altitude `alt`
 * given by the table: the table's error over the cosine of the highest altitude the Sun may have
 * (all of the circle within that error of the zenith or nadir).
 */
function azimuthErrorDeg(alt: number): number {
  const highest = abs(alt) + CHECK_SUN_ERROR;
  return highest >= 90 ? 360 : CHECK_SUN_ERROR / cos(highest * DEG);
}

/** Circular azimuth gap from `a` to the arc, degrees. */
function azimuthGap(a: number, az: number, width: number): number {
  const n = nearestArcAzimuth(a, az, width);
  const d = abs((((a - n) % 360) + 540) % 360 - 180);
  return d;
}

interface Sample {
  readonly t: number;
  /** Distance from the Sun to the arc, degrees. */
  readonly dist: number;
  /** |Sun altitude − arc elevation|, degrees. */
  readonly altGap: number;
}

/** A pointing held (throw 0) or swept over `[from, to]`, Unix seconds, padding included. */
interface Held {
  readonly az: number;
  readonly alt: number;
  readonly throw: number;
  readonly from: number;
  readonly to: number;
}

interface ScanFindings {
  minDist: number;
  minAt: number;
  worstDist?: { t: number; dist: number };
  box?: { t: number; azGap: number; altGap: number };
}

/** Checks one held or swept pointing over its (padded) interval against the Sun criteria. */
function checkSun(scan: Held, c: SafetyCriteria): ScanFindings {
  const search = new SunSearch(scan, c);
  refineOverTime(scan.from, scan.to, search);
  return search.found;
}

/** The search of `checkSun`: samples the Sun against the pointing, keeping what breaks a criterion. */
class SunSearch implements TimeSearch<Sample> {
  readonly found: ScanFindings;
  private readonly box: SafetyCriteria['sunBox'];
  /**
   * A point of the box is at most Δaz·cos(elevation) along the arc's circle plus Δalt up or down
   * from the arc, so a box violation is at least this close on the sky.
   */
  private readonly boxReach: number;

  constructor(
    private readonly scan: Held,
    private readonly c: SafetyCriteria,
  ) {
    this.box = c.sunBox;
    this.boxReach = this.box ? this.box.minAzDeg * cos(scan.alt * DEG) + this.box.minAltDeg : -Infinity;
    this.found = { minDist: Infinity, minAt: scan.from };
  }

  sample(t: number): Sample {
    const { scan, c, box, found } = this;
    const sun = checkerSun(t);
    const nearest = nearestArcAzimuth(sun.az, scan.az, scan.throw);
    const dist = angleBetween(unit(sun.az, sun.alt), unit(nearest, scan.alt));
    const altGap = abs(sun.alt - scan.alt);
    if (dist < found.minDist) {
      found.minDist = dist;
      found.minAt = t;
    }
    const allowance = sun.alt + CHECK_SUN_ERROR < 0 ? BELOW_HORIZON_ALLOWANCE_DEG : 0;
    if (dist - CHECK_SUN_ERROR < c.sunDistanceDeg - allowance && (found.worstDist === undefined || dist < found.worstDist.dist)) {
      found.worstDist = { t, dist };
    }
    if (box && found.box === undefined) {
      const azGap = azimuthGap(sun.az, scan.az, scan.throw);
      if (altGap - CHECK_SUN_ERROR + allowance <= box.minAltDeg && azGap - azimuthErrorDeg(sun.alt) <= box.minAzDeg) {
        found.box = { t, azGap, altGap };
      }
    }
    return { t, dist, altGap };
  }

  settled(a: Sample, b: Sample): boolean {
    const { c, box, found } = this;
    const speed = CHECK_SUN_SPEED_DEG_S;
    const span = b.t - a.t;
    // Lowest the true values can be between a and b: the table's error below the bound.
    const lowDist = (a.dist + b.dist - speed * span) / 2 - CHECK_SUN_ERROR;
    const lowAltGap = (a.altGap + b.altGap - speed * span) / 2 - CHECK_SUN_ERROR;
    // Once a sample breaks a criterion the verdict is known; only the reported minimum still matters.
    const distProven = lowDist >= c.sunDistanceDeg || found.worstDist !== undefined;
    const boxProven = !box || lowDist > this.boxReach || lowAltGap > box.minAltDeg || found.box !== undefined;
    // The minimum is reported to within a tenth of its margin over the criterion (at least 0.005°).
    const precise = lowDist >= found.minDist - max(0.005, (found.minDist - c.sunDistanceDeg) / 10);
    return distProven && boxProven && precise;
  }
}

function mountProblems(scan: Pick<ScanBlock, 'az' | 'alt' | 'throw'>, c: SafetyCriteria): string[] {
  const out: string[] = [];
  const [lo, hi] = c.mountElLimits;
  if (!(scan.alt >= lo && scan.alt <= hi)) out.push(`elevation ${scan.alt.toFixed(2)}° is outside [${lo}, ${hi}]`);
  if (c.mountAzLimits) {
    const [azLo, azHi] = c.mountAzLimits;
    const end = scan.az + scan.throw;
    if (!(scan.az >= azLo && end <= azHi)) {
      out.push(`swept azimuth [${scan.az.toFixed(2)}, ${end.toFixed(2)}]° is outside [${azLo}, ${azHi}]`);
    }
  }
  return out;
}

const at = (s: number): string => isoformat(Math.round(s * US_PER_S));

/** Options of `checkSchedule`. */
export interface CheckOptions {
  /**
   * When the script starts (the window's `t0`): the first group's pointing is held from then.
   * Absent: from the first group's own `t0`.
   */
  readonly start?: Micros;
}

/**
 * Problems of the Sun findings of one pointing, in words: of a scan's swept arc when `describe` is
 * absent, else of the held pointing it describes (a park, a wait at a scan's start). The
 * description is written only when there is a problem (most pointings have none).
 */
function sunProblems(found: ScanFindings, c: SafetyCriteria, describe?: () => string): string[] {
  const out: string[] = [];
  if (!found.worstDist && !(found.box && c.sunBox)) return out;
  const held = describe?.();
  if (found.worstDist) {
    out.push(`${held ? `${held} ` : ''}comes within ${found.worstDist.dist.toFixed(3)}° of the Sun at ${at(found.worstDist.t)} (at least ${c.sunDistanceDeg}° required)`);
  }
  if (found.box && c.sunBox) {
    out.push(
      `${held ? `${held} is` : 'sweeps'} inside the Sun avoidance box at ${at(found.box.t)}: the Sun is ${found.box.azGap.toFixed(3)}° of azimuth and ` +
        `${found.box.altGap.toFixed(3)}° of elevation from ${held ? 'it' : 'the arc'} (box ${c.sunBox.minAzDeg}°/${c.sunBox.minAltDeg}°)`,
    );
  }
  return out;
}

/**
 * Adds the move checks (`moves.ts`: the move into each group but the first) to the groups' reports:
 * an unsafe move's problem after the group's own. A group's `minSunDistanceDeg` stays that of what
 * it holds and sweeps (the move's region is a bound, not a pointing).
 */
function withMoves(blocks: SafetyBlockReport[], moves: ReturnType<typeof checkMoves>): void {
  for (const [index, m] of moves) {
    if (m.problems.length === 0) continue;
    const b = blocks[index];
    blocks[index] = { ...b, problems: [...b.problems, ...m.problems] };
  }
}

/**
 * The report block of one step, whose pointing is held from `holdFrom` to `holdTo` (Micros) before
 * it starts. (Module functions, not closures of `checkSchedule`: see `TimeSearch` in refine.ts.)
 */
function checkStep(step: ScriptStep, index: number, holdFrom: Micros, holdTo: Micros, criteria: SafetyCriteria): SafetyBlockReport {
  const pad = criteria.paddingS;
  const width = step.kind === 'scan' ? step.throw : 0;
  const problems = mountProblems({ az: step.az, alt: step.alt, throw: width }, criteria);
  if (![step.az, step.alt, width].every(Number.isFinite)) {
    problems.push('pointing or width is not a finite number');
    return { index, name: step.name, minSunDistanceDeg: 0, problems };
  }
  const span = (): string => `${at(holdFrom / US_PER_S)} to ${at(holdTo / US_PER_S)}`;
  if (step.kind === 'park') {
    const held = checkSun({ az: step.az, alt: step.alt, throw: 0, from: holdFrom / US_PER_S - pad, to: holdTo / US_PER_S + pad }, criteria);
    problems.push(...sunProblems(held, criteria, () => `the park at (${step.az.toFixed(2)}, ${step.alt.toFixed(2)}) held from ${span()}`));
    return { index, name: step.name, minSunDistanceDeg: held.minDist, problems };
  }
  const arc = checkSun({ az: step.az, alt: step.alt, throw: step.throw, from: step.t0 / US_PER_S - pad, to: step.t1 / US_PER_S + pad }, criteria);
  problems.push(...sunProblems(arc, criteria));
  // From t0 − pad on, the arc's check covers the start pointing (a point of the arc), so the wait
  // is checked up to there only; a scan that starts as its group starts has no wait of its own.
  if (holdFrom >= step.t0) return { index, name: step.name, minSunDistanceDeg: arc.minDist, problems };
  const wait = checkSun({ az: step.az, alt: step.alt, throw: 0, from: holdFrom / US_PER_S - pad, to: step.t0 / US_PER_S - pad }, criteria);
  problems.push(...sunProblems(wait, criteria, () => `the wait at the start pointing (${step.az.toFixed(2)}, ${step.alt.toFixed(2)}) from ${span()}`));
  return { index, name: step.name, minSunDistanceDeg: min(arc.minDist, wait.minDist), problems };
}

const minSunDistanceOf = (b: SafetyBlockReport): number => b.minSunDistanceDeg;
const hasProblems = (b: SafetyBlockReport): boolean => b.problems.length > 0;

/**
 * Checks every group of a script, in order (`ScanBlock`s and `ParkBlock`s), against `criteria`:
 * each scan's arc and the wait at its start pointing before it, each park's pointing from the
 * previous group's end to its `t1`, and the move into each group but the first (`moves.ts`). Never throws for an unsafe plan (see the verdict); one report
 * block per step, `index` its position among the steps.
 */
export function checkSchedule(steps: readonly ScriptStep[], criteria: SafetyCriteria, options: CheckOptions = {}): SafetyReport {
  let previousEnd: Micros | undefined = options.start;
  const blocks: SafetyBlockReport[] = [];
  for (let index = 0; index < steps.length; index++) {
    const step = steps[index];
    // The script moves to a group's pointing as soon as the previous group ends and holds it until
    // the group's wait_until time (a park's t1, a scan's t0); a time already past holds it for an instant.
    const holdFrom = previousEnd ?? step.t0;
    const holdTo = Math.max(holdFrom, step.kind === 'park' ? step.t1 : step.t0);
    previousEnd = Math.max(holdTo, step.kind === 'scan' ? step.t1 : holdTo);
    blocks.push(checkStep(step, index, holdFrom, holdTo, criteria));
  }
  withMoves(blocks, checkMoves(steps, criteria));
  const minSunDistanceDeg = blocks.length === 0 ? null : min(...blocks.map(minSunDistanceOf));
  return {
    verdict: blocks.some(hasProblems) ? 'unsafe' : 'safe',
    minSunDistanceDeg,
    blocks,
    criteria,
  };
}
