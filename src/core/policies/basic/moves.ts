/**
 * Sun-safe moves between groups (docs/safety.md §3, "Moves"). A move from one group's pointing to
 * the next may pass anywhere in the az × el rectangle of its two ends (the whole arc of a scan it
 * leaves), during its time bound (the model of `src/core/safety/moves.ts`, which the checker
 * holds every move to). When the direct move may come within the Sun distance of the scan rules
 * (plus their margin), it is routed through waypoints whose every leg is safe: the azimuth first,
 * the elevation first, or across at the lower, then the upper elevation limit, then every 10° of
 * elevation between. A waypoint is a
 * park held for an instant (`wait_until` the previous group's end, already past), so the script
 * keeps its shape and the plan one block per group. When no route is safe (nor a longer park or an
 * earlier scan end, see `routeMoves`) the group is dropped and the response says so. This file's geometry (haversine, the rules' Sun) is
 * not the checker's.
 */
import {
  arcDistance,
  azGapToArc,
  RESOLUTION_S,
  rulesSun,
  stepFor,
  SUN_RULE_MARGIN_DEG,
  unsafeSunIntervals,
  type SunArcCriterion,
  type SunAt,
} from '../../rules/swept-arc'; // not the barrel: each name read through it is a getter call
import { MOVE_OVERHEAD_S, MOVE_SPEED_BOUND_DEG_S } from '../../safety/moves';
import { WAYPOINT_NAME, type ParkBlock, type ScriptStep } from '../../script/render';
import type { ScanBlock } from '../../blocks/types';
import { US_PER_S, type Micros } from '../../time/micros';

const DEG = Math.PI / 180;

/**
 * What routing needs: the Sun distance every move keeps (0: moves are not routed), the scan rules'
 * test for the waypoints (held for an instant, as parks), the padding and the elevation limits.
 */
export interface MoveSettings {
  readonly minDistanceDeg: number;
  readonly criterion: SunArcCriterion;
  readonly padS: number;
  readonly elLimits: readonly [number, number];
  /** Shortest a scan may become when it is ended earlier so that the move after it can be routed, seconds. */
  readonly minScanS: number;
}

/** A move's end: a pointing, or a scan's arc `[az, az + throw]` it leaves from anywhere. */
interface End {
  readonly az: number;
  readonly alt: number;
  readonly throw: number;
}

interface Rect {
  readonly az: number;
  readonly width: number;
  readonly elLo: number;
  readonly elHi: number;
}

function rect(a: End, b: End): Rect {
  const lo = Math.min(a.az, b.az);
  return { az: lo, width: Math.max(a.az + a.throw, b.az + b.throw) - lo, elLo: Math.min(a.alt, b.alt), elHi: Math.max(a.alt, b.alt) };
}

/** Seconds a move over `r` may take (the checker's model: slowest axis speed plus the fixed overhead). */
function durationS(r: Rect): number {
  return Math.max(r.width, r.elHi - r.elLo) / MOVE_SPEED_BOUND_DEG_S + MOVE_OVERHEAD_S;
}

/**
 * Distance from the Sun to the rectangle, degrees: at any elevation the nearest azimuth is the
 * rectangle's nearest the Sun's, and along that meridian the distance is least at the elevation
 * `φ` (clamped) or at an end.
 */
export function sunRectDistance(sunAz: number, sunAlt: number, r: Rect): number {
  const gap = azGapToArc(sunAz, r.az, r.width) * DEG;
  const phi = Math.atan2(Math.sin(sunAlt * DEG), Math.cos(sunAlt * DEG) * Math.cos(gap)) / DEG;
  const mid = Math.min(r.elHi, Math.max(r.elLo, phi));
  // Three calls, no array: this runs for every step of every move's proof.
  return Math.min(
    arcDistance(sunAz, sunAlt, r.az, r.width, r.elLo),
    arcDistance(sunAz, sunAlt, r.az, r.width, r.elHi),
    arcDistance(sunAz, sunAlt, r.az, r.width, mid),
  );
}

/**
 * True when the Sun stays `minDistance` away from `r` over `[from, to]`: forward steps, each proven
 * by the scan rules' step bound (`stepFor` in `swept-arc.ts`).
 */
function rectSafe(r: Rect, from: number, to: number, minDistance: number, sunAt: SunAt): boolean {
  for (let t = from; ; ) {
    const sun = sunAt(Math.min(t, to));
    const proven = stepFor(sunRectDistance(sun.az, sun.alt, r) - minDistance, sun.alt);
    if (proven < RESOLUTION_S) return false;
    if (t >= to) return true;
    t += proven;
  }
}

/** The direct route's waypoints (none). */
const NO_WAYPOINTS: readonly End[] = Object.freeze([]);

/**
 * Candidate route `k` from `from` to `to`, as a waypoint list: the direct one (k = 0), the azimuth
 * first, the elevation first, then across at each of `crossings` (see the file comment). Built
 * one at a time, in this order: the direct route is usually safe, and the others are not needed.
 */
function route(k: number, from: End, to: End, crossings: readonly number[]): readonly End[] {
  if (k === 0) return NO_WAYPOINTS;
  if (k === 1) return [{ az: to.az, alt: from.alt, throw: 0 }];
  const fromAz = Math.min(from.az + from.throw, Math.max(from.az, to.az)); // the arc's point nearest the target
  if (k === 2) return [{ az: fromAz, alt: to.alt, throw: 0 }];
  const e = crossings[k - 3];
  return [
    { az: fromAz, alt: e, throw: 0 },
    { az: to.az, alt: e, throw: 0 },
  ];
}

/** Spacing of the elevations a route may cross at between the limits, degrees. */
const CROSSING_STEP_DEG = 10;

/** The elevations a route may cross at: the lower limit, the upper one, then every 10° between (multiples of 10). */
function crossingElevations([lo, hi]: readonly [number, number]): number[] {
  const out = [lo, hi];
  for (let e = Math.ceil(lo / CROSSING_STEP_DEG) * CROSSING_STEP_DEG; e < hi; e += CROSSING_STEP_DEG) if (e > lo) out.push(e);
  return out;
}

/** Shortest scan an earlier end may leave whatever `min-duration` says, seconds (one minute of data). */
const MIN_SHORTENED_SCAN_S = 60;

/** Step by which a park before an unroutable move is held longer, microseconds. */
const PARK_EXTENSION_STEP_US = 60 * US_PER_S;

/** What `findRoute` needs of one `routeMoves` call. */
interface RouteContext {
  /** The elevations a route may cross at (`crossingElevations`). */
  readonly crossings: readonly number[];
  readonly s: MoveSettings;
  /** The Sun distance a leg keeps, the rule's margin included, degrees. */
  readonly minDistance: number;
  readonly sunAt: SunAt;
}

/**
 * The first safe route from `from` to `to` for a move starting at `startS` (each leg may start as
 * late as the previous leg's latest arrival), with its latest arrival. (A module function, not a
 * closure of `routeMoves`: see `TimeSearch` in safety/refine.ts.)
 */
function findRoute(c: RouteContext, from: End, to: End, startS: number, latestArrival: number): { waypoints: readonly End[]; arrival: number } | undefined {
  const { crossings, s, minDistance, sunAt } = c;
  const routeCount = 3 + crossings.length;
  for (let k = 0; k < routeCount; k++) {
    const waypoints = route(k, from, to, crossings);
    // The checker holds each waypoint as a park for an instant at `startS` (± the padding).
    let waypointUnsafe = false;
    for (let j = 0; j < waypoints.length && !waypointUnsafe; j++) {
      waypointUnsafe = unsafeSunIntervals(waypoints[j], startS - s.padS, startS + s.padS, s.criterion, sunAt).length > 0;
    }
    if (waypointUnsafe) continue;
    let latest = Math.max(startS, latestArrival);
    let safe = true;
    // The legs from, waypoints..., to.
    for (let leg = 0; leg <= waypoints.length && safe; leg++) {
      const r = rect(leg === 0 ? from : waypoints[leg - 1], leg === waypoints.length ? to : waypoints[leg]);
      const T = durationS(r);
      safe = rectSafe(r, startS - s.padS, latest + T + s.padS, minDistance, sunAt);
      latest += T;
    }
    if (safe) return { waypoints, arrival: latest };
  }
  return undefined;
}

/**
 * `steps` with the waypoints their moves need (see the file comment): same steps, in order, with
 * waypoint parks before a group whose direct move is unsafe and a route is found. When no route is
 * found from a park (a `rules.park` hold before a scan), the park is held longer, a minute at a
 * time up to the scan's start, while it stays safe, until a route is; from a scan, the scan ends
 * earlier, a minute at a time down to `minScanS`, while the next pointing stays safe over its
 * longer hold (a scan cut where the Sun approaches has only the padding left to leave it). When
 * nothing works the group is dropped (with the groups after it whose pointing is then unsafe to
 * hold from the earlier end), and the next group is reached from the last one kept; `dropped`
 * lists the scans dropped. The move into the first group (from an unknown pointing) is not judged.
 */
export function routeMoves(steps: readonly ScriptStep[], s: MoveSettings, sunAt: SunAt = rulesSun): { steps: ScriptStep[]; dropped: ScanBlock[] } {
  if (!(s.minDistanceDeg > 0) || steps.length < 2) return { steps: steps.slice(), dropped: [] };
  const minDistance = s.minDistanceDeg + SUN_RULE_MARGIN_DEG;

  const routing: RouteContext = { crossings: crossingElevations(s.elLimits), s, minDistance, sunAt };

  const out: ScriptStep[] = [];
  let previousEnd: Micros | undefined;
  let latestArrival = -Infinity; // latest arrival at the previous group
  let lastHoldTo = -Infinity; // when the previous group's own time starts (a scan's t0, a park's t1)
  const dropped: ScanBlock[] = [];
  let afterDrop = false;
  for (const step of steps) {
    const prev = out[out.length - 1];
    if (afterDrop && previousEnd !== undefined) {
      // The group before was dropped: this one's pointing is now held from the earlier end, so
      // that hold must be safe too, or this group goes as well.
      const holdEndS = (step.kind === 'park' ? step.t1 : step.t0) / US_PER_S;
      const held = unsafeSunIntervals({ az: step.az, alt: step.alt, throw: 0 }, previousEnd / US_PER_S - s.padS, holdEndS + s.padS, s.criterion, sunAt);
      if (held.length > 0) {
        if (step.kind === 'scan') dropped.push(step);
        continue;
      }
    }
    afterDrop = false;
    if (prev !== undefined && previousEnd !== undefined) {
      const from: End = { az: prev.az, alt: prev.alt, throw: prev.kind === 'scan' ? prev.throw : 0 };
      const to: End = { az: step.az, alt: step.alt, throw: 0 };
      let chosen = findRoute(routing, from, to, previousEnd / US_PER_S, latestArrival);
      if (chosen === undefined && prev.kind === 'park' && prev.name !== WAYPOINT_NAME && step.kind === 'scan') {
        for (let t1 = prev.t1 + PARK_EXTENSION_STEP_US; t1 <= step.t0 && chosen === undefined; t1 += PARK_EXTENSION_STEP_US) {
          const held = unsafeSunIntervals({ az: prev.az, alt: prev.alt, throw: 0 }, prev.t1 / US_PER_S - s.padS, t1 / US_PER_S + s.padS, s.criterion, sunAt);
          if (held.length > 0) break;
          chosen = findRoute(routing, from, to, t1 / US_PER_S, latestArrival);
          if (chosen !== undefined) {
            out[out.length - 1] = Object.freeze({ ...prev, t1 });
            previousEnd = Math.max(previousEnd, t1);
          }
        }
      }
      if (chosen === undefined && prev.kind === 'scan' && previousEnd === prev.t1 && !(lastHoldTo > prev.t1 - PARK_EXTENSION_STEP_US)) {
        // End the scan earlier, a minute at a time, down to the shortest scan, while the next
        // pointing is safe over its longer hold, until a route is found.
        const holdEndS = (step.kind === 'park' ? step.t1 : step.t0) / US_PER_S;
        for (let t1 = prev.t1 - PARK_EXTENSION_STEP_US; t1 - prev.t0 >= Math.max(s.minScanS, MIN_SHORTENED_SCAN_S) * US_PER_S && t1 >= lastHoldTo && chosen === undefined; t1 -= PARK_EXTENSION_STEP_US) {
          const held = unsafeSunIntervals({ az: step.az, alt: step.alt, throw: 0 }, t1 / US_PER_S - s.padS, holdEndS + s.padS, s.criterion, sunAt);
          if (held.length > 0) break;
          chosen = findRoute(routing, from, to, t1 / US_PER_S, latestArrival);
          if (chosen !== undefined) {
            out[out.length - 1] = Object.freeze({ ...prev, t1 });
            previousEnd = t1;
          }
        }
      }
      if (chosen === undefined) {
        // No safe way there: the group is dropped, and the next one is reached from here instead.
        if (step.kind === 'scan') dropped.push(step);
        afterDrop = true;
        continue;
      } else {
        for (const w of chosen.waypoints) {
          out.push(Object.freeze({ kind: 'park', name: WAYPOINT_NAME, t0: previousEnd, t1: previousEnd, az: w.az, alt: w.alt }) as ParkBlock);
        }
        latestArrival = chosen.arrival;
      }
    }
    const holdTo = Math.max(previousEnd ?? step.t0, step.kind === 'park' ? step.t1 : step.t0);
    lastHoldTo = holdTo;
    out.push(step);
    previousEnd = Math.max(holdTo, step.kind === 'scan' ? step.t1 : holdTo);
  }
  return { steps: out, dropped };
}

/** The response's note when `routeMoves` dropped scans (`count` > 0). */
export function droppedScansNote(count: number): string {
  return `${count} ${count === 1 ? 'scan was' : 'scans were'} dropped because no Sun-safe move reached ${count === 1 ? 'it' : 'them'} (docs/safety.md §3, Moves).`;
}
