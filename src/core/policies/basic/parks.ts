/**
 * Parks (`rules.park`): the script moves to each scan's start pointing as soon as the previous group
 * ends (or the script starts) and holds it until the scan's `t0`. Where the Sun comes near that
 * pointing during the wait, the script first parks at a Sun-safe pointing and moves to the start
 * only once the start is safe for the rest of the wait. A held pointing is judged as an arc of zero
 * throw, with the same swept-arc geometry, margins and padding as the scans (`swept-arc.ts`).
 *
 * Park pointings are taken from a fixed candidate list, in order: the scan's own azimuth, then
 * `azimuths`, at the lower elevation limit, then the same at the upper limit (each azimuth moved by
 * whole turns into the azimuth limits, nearest the scan's azimuth). The first candidate safe for
 * the whole park is used; when none is, the wait is split: the candidate that stays safe longest
 * holds until then, and the search goes on from there.
 */
import type { ScanBlock } from '../../blocks/types';
import { ConfigError } from '../../errors';
import { NumberListField } from '../../config/decorators';
import { unsafeSunIntervals, type SunArcCriterion, type SunAt } from '../../rules/swept-arc';
import { PARK_NAME, type ParkBlock, type ScriptStep } from '../../script/render';
import { US_PER_S, type Micros } from '../../time/micros';
import { AZIMUTH_BOUNDS } from '../../safety/floors';

/** Params of `rules.park`. */
export class ParkParams {
  @NumberListField(
    { min: -720, max: 720 },
    {
      minItems: 1,
      maxItems: 12,
      description:
        "Azimuths (degrees) a park may use after the scan's own azimuth, in order of preference, at the mount's lower then upper elevation limit.",
    },
  )
  readonly azimuths!: readonly number[];
}

/** What parking needs: the Sun criterion of the scan rules, their padding and the pointing limits. */
export interface ParkSettings {
  readonly params: ParkParams;
  /** The criterion of the scan rules (box and/or distance); parks are planned only when it has an active test. */
  readonly criterion: SunArcCriterion;
  readonly padS: number;
  readonly elLimits: readonly [number, number];
  /** `null`: no azimuth limit. */
  readonly azLimits: readonly [number, number] | null;
}

/** Shortest park piece worth a move, seconds: a split that gains less means no candidate is safe. */
const MIN_PARK_PIECE_S = 1;

/** True when `c` has a test that can fail. */
export function criterionActive(c: SunArcCriterion): boolean {
  return (c.minDistance !== undefined && c.minDistance > 0) || c.box !== undefined;
}

/** `az` moved by whole turns into `limits`, nearest `near`; `undefined` when no turn fits. */
function intoLimits(az: number, limits: readonly [number, number], near: number): number | undefined {
  const [lo, hi] = limits;
  let best: number | undefined;
  for (let k = Math.ceil((lo - az) / 360); az + 360 * k <= hi; k++) {
    const a = az + 360 * k;
    if (best === undefined || Math.abs(a - near) < Math.abs(best - near)) best = a;
  }
  return best;
}

/** The park candidates for a scan, in order of preference (see the file comment). */
export function parkCandidates(scan: Pick<ScanBlock, 'az'>, s: ParkSettings): { az: number; alt: number }[] {
  const limits = s.azLimits ?? AZIMUTH_BOUNDS;
  const out: { az: number; alt: number }[] = [];
  const seen = new Set<string>();
  for (const alt of [s.elLimits[0], s.elLimits[1]]) {
    for (const a of [scan.az, ...s.params.azimuths]) {
      const az = intoLimits(a, limits, scan.az);
      if (az === undefined) continue;
      const key = `${az}|${alt}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ az, alt });
    }
  }
  return out;
}

/** First second of `[from, to]` at which holding `p` may break the criterion, or `Infinity`. */
function firstUnsafe(p: { az: number; alt: number }, from: number, to: number, s: ParkSettings, sunAt?: SunAt): number {
  const unsafe = unsafeSunIntervals({ az: p.az, alt: p.alt, throw: 0 }, from, to, s.criterion, sunAt);
  return unsafe.length === 0 ? Infinity : unsafe[0][0];
}

/** The parks that cover `[from, to]` (Micros), each safe over its own time ± the padding. */
function parksFor(scan: ScanBlock, from: Micros, to: Micros, s: ParkSettings, sunAt?: SunAt): ParkBlock[] {
  const parks: ParkBlock[] = [];
  const candidates = parkCandidates(scan, s);
  const endS = to / US_PER_S + s.padS;
  let start = from;
  while (start < to) {
    const fromS = start / US_PER_S - s.padS;
    let best: { az: number; alt: number } | undefined;
    let bestUnsafe = -Infinity;
    for (const c of candidates) {
      const f = firstUnsafe(c, fromS, endS, s, sunAt);
      if (f > bestUnsafe) {
        best = c;
        bestUnsafe = f;
      }
      if (f === Infinity) break;
    }
    // Held until the padding before its first unsafe second (whole microseconds, rounded down).
    const end = bestUnsafe === Infinity ? to : Math.min(to, Math.floor((bestUnsafe - s.padS) * US_PER_S));
    if (best === undefined || end - start < MIN_PARK_PIECE_S * US_PER_S) break; // no safe park: left to the checker
    parks.push(Object.freeze({ kind: 'park', name: PARK_NAME, t0: start, t1: end, az: best.az, alt: best.alt }));
    start = end;
  }
  return parks;
}

/**
 * The script's groups for sorted `scans` in a window starting at `windowT0`: each scan preceded by
 * the parks its wait needs. The wait before a scan runs from the previous group's end (`windowT0`
 * for the first) to its `t0`; its start pointing is judged over that wait ± the padding, and the
 * parks cover the wait up to the padding after the start pointing's last unsafe second.
 */
export function planParks(scans: readonly ScanBlock[], windowT0: Micros, s: ParkSettings, sunAt?: SunAt): ScriptStep[] {
  if (!criterionActive(s.criterion)) return scans.slice();
  const steps: ScriptStep[] = [];
  let previousEnd = windowT0;
  for (const scan of scans) {
    const waitFrom = Math.min(previousEnd, scan.t0);
    const start = { az: scan.az, alt: scan.alt, throw: 0 };
    const unsafe = unsafeSunIntervals(start, waitFrom / US_PER_S - s.padS, scan.t0 / US_PER_S + s.padS, s.criterion, sunAt);
    if (unsafe.length > 0) {
      const lastUnsafe = unsafe[unsafe.length - 1][1];
      const parkTo = Math.min(scan.t0, Math.ceil((lastUnsafe + s.padS) * US_PER_S));
      if (parkTo > waitFrom) steps.push(...parksFor(scan, waitFrom, parkTo, s, sunAt));
    }
    steps.push(scan);
    previousEnd = Math.max(previousEnd, scan.t1);
  }
  return steps;
}

/**
 * Throws `ConfigError` when `rules.park` is removed while the independent check judges the Sun
 * (`sunActive`): the waits it then checks would fail on some days, a 500 that no request could foresee.
 */
export function checkParkConfig(park: ParkParams | undefined, sunActive: boolean): void {
  if (park !== undefined || !sunActive) return;
  throw new ConfigError(
    'config.rules.park',
    'cannot be removed while the Sun is checked (sun-guard above 0, or sun-avoidance with swept_arc): the waits before scans are checked too; remove it only with both off (the original-2023 preset)',
  );
}
