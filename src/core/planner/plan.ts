/**
 * The master-schedule planner: constant-elevation scans of sky patches as they rise or set through
 * the configured elevations, with a horizontal filler when no patch can be observed, Sun and Moon
 * avoidance, and scans split into sub-scans. Plans whole planning days (local noon to local noon,
 * 16:30 UTC at the site) independently, so any window's plan of a day is the same plan.
 */
import { scanBlock } from '../blocks/block';
import type { ScanBlock } from '../blocks/types';
import { canonicalJson } from '../config/merge';
import { US_PER_S, type Micros } from '../time/micros';
import { bodyTrack, moonPhase, type BodyTrack } from './bodies';
import type { PlannerConfig } from './config';
import {
  boxOfDate,
  crossingAt,
  crossingTable,
  distanceToArc,
  passLst,
  SIDEREAL_DEG_PER_S,
  siderealClock,
  type AzRange,
  type CrossingTable,
  type Side,
} from './geometry';
import { LruCache } from '../cache/lru-cache';
import { wrap360 } from '../numeric/unwrap';

/** One row of a master schedule: every column of the TOAST verbose format. */
export interface PlannedScan {
  /** Start and stop (whole seconds, as microseconds). */
  readonly t0: Micros;
  readonly t1: Micros;
  /** Boresight rotation (degrees). */
  readonly rotation: number;
  readonly patch: string;
  /** `sky` for a patch of the sky, `horizontal` for a filler. */
  readonly kind: 'sky' | 'horizontal';
  /** Azimuth range and elevation (degrees, rounded to 0.01 as the file holds them). */
  readonly azMin: number;
  readonly azMax: number;
  readonly el: number;
  /** `R` rising (east of the meridian), `S` setting (west). */
  readonly side: Side;
  /** Sun and Moon elevation and azimuth at start (`0`) and stop (`1`), degrees, to 0.01. */
  readonly sunEl0: number;
  readonly sunAz0: number;
  readonly sunEl1: number;
  readonly sunAz1: number;
  readonly moonEl0: number;
  readonly moonAz0: number;
  readonly moonEl1: number;
  readonly moonAz1: number;
  /** Illuminated fraction of the Moon at start, to 0.01. */
  readonly moonPhase: number;
  /** Pass number of this patch within the plan, and sub-scan number within the pass. */
  readonly pass: number;
  readonly sub: number;
}

/** Start of planning day `d`: 16:30 UTC of UTC date `d` (about local noon at the site). */
const DAY_OFFSET_S = 16.5 * 3600;
const DAY_S = 86400;
/** Decision step when nothing can be scanned, and the sampling step along a scan (seconds). */
const STEP_S = 60;
/** Time cut from each end of a pass, where only a corner of the patch touches the circle (s). */
const EDGE_S = 60;
/** Scan boundaries fall on this grid (seconds). */
const GRID_S = 10;
/**
 * Safety margin added to the avoidance angles at the samples: the Sun moves at most 0.125 degrees
 * in the 30 s between a sample and the nearest instant, so the angle holds at every instant.
 */
const AVOID_MARGIN = 0.15;

/** Index of the planning day holding Unix second `unixS`. */
export function planningDay(unixS: number): number {
  return floor((unixS - DAY_OFFSET_S) / DAY_S);
}

/** Start of planning day `d` (Unix seconds). */
export function planningDayStart(d: number): number {
  return d * DAY_S + DAY_OFFSET_S;
}

/** A scan of one planning day, before passes are numbered across days. */
export interface DayScan extends Omit<PlannedScan, 'pass'> {
  /** Index of the pass within its day. */
  readonly dayPass: number;
}

interface SkyTrack {
  readonly patch: number;
  readonly name: string;
  readonly weight: number;
  readonly el: number;
  readonly side: Side;
  readonly table: CrossingTable;
  /** Pass windows `[start, end]` in Unix seconds overlapping the day. */
  readonly windows: readonly (readonly [number, number])[];
}

interface Piece {
  readonly a: number;
  readonly b: number;
  readonly range: AzRange;
}

// Globals read once: inside a VM context (as under Jest) every global lookup in a hot loop is slow.
const { abs, ceil, floor, max, min, round } = Math;
const POS_INF = Number.POSITIVE_INFINITY;
const NEG_INF = Number.NEGATIVE_INFINITY;
const round2 = (x: number): number => round(x * 100) / 100;
const floorGrid = (s: number): number => floor(s / GRID_S) * GRID_S;

/** Plans planning day `d` (config already validated). Scans end before the next day starts. */
export function planDay(d: number, config: PlannerConfig): readonly DayScan[] {
  const d0 = planningDayStart(d);
  const d1 = d0 + DAY_S;
  const end = d1 - config.gap;
  const minS = config.min_scan_length * 60;
  const maxS = config.max_scan_length * 60;
  const lstAt = siderealClock(d0);
  const sun = bodyTrack('sun', d0, d1);
  const moonOut = bodyTrack('moon', d0, d1);
  const moon: BodyTrack | null = config.moon_avoidance > 0 ? moonOut : null;
  const sunLimit = config.sun_avoidance + AVOID_MARGIN;
  const moonLimit = config.moon_avoidance + AVOID_MARGIN;
  const rotation = wrap360((d + 1) * config.rotation_step);

  const tracks: SkyTrack[] = [];
  config.patches.forEach((p, patch) => {
    const box = boxOfDate(p.ra_min, p.ra_max, p.dec_min, p.dec_max, d0 + DAY_S / 2);
    for (const el of config.elevations) {
      for (const side of ['R', 'S'] as const) {
        const table = crossingTable(box, el, side);
        const pass = passLst(table);
        if (!pass) continue;
        const windows: [number, number][] = [];
        const base = wrap360(pass.start - lstAt(d0));
        for (let n = -1; n <= 1; n++) {
          // Trimmed by a minute at each end, where the patch only grazes the circle with a corner.
          const ws = d0 + (base + 360 * n) / SIDEREAL_DEG_PER_S + EDGE_S;
          const we = ws + pass.length / SIDEREAL_DEG_PER_S - 2 * EDGE_S;
          if (we > d0 && ws < end) windows.push([ws, we]);
        }
        tracks.push({ patch, name: p.name, weight: p.weight, el, side, table, windows });
      }
    }
  });

  /** Whether the arc `range` at `el` keeps clear of the Sun (and Moon) at Unix time `s`. */
  const clearAt = (range: AzRange, el: number, s: number): boolean => {
    const p = sun.at(s);
    if (distanceToArc(p.az, p.el, range, el) <= sunLimit) return false;
    if (moon) {
      const m = moon.at(s);
      if (distanceToArc(m.az, m.el, range, el) <= moonLimit) return false;
    }
    return true;
  };
  const safe = (range: AzRange, el: number, a: number, b: number): boolean => {
    for (let s = a; ; s = min(s + STEP_S, b)) {
      if (!clearAt(range, el, s)) return false;
      if (s >= b) return true;
    }
  };

  /**
   * Sub-scans of `[a, b]`, cut short at the last sample where the scan so far keeps clear of the
   * Sun and Moon; null if not even `minS` holds. `rangesAt` gives the azimuths to cover at each
   * sample time (null where there is nothing to cover); a sub-scan covers their union.
   */
  const buildPass = (
    rangesAt: (ts: readonly number[]) => (AzRange | null)[],
    el: number,
    a: number,
    b: number,
  ): Piece[] | null => {
    const total = b - a;
    if (total < minS) return null;
    const n = ceil(total / maxS);
    const pieces: Piece[] = [];
    for (let k = 0; k < n; k++) {
      const pa = k === 0 ? a : pieces[pieces.length - 1].b;
      const pb = k === n - 1 ? b : a + floorGrid((total * (k + 1)) / n);
      const ts: number[] = [];
      for (let x = pa; x < pb; x += STEP_S) ts.push(x);
      ts.push(pb);
      // Being clear up to sample m is monotone in m (the arc only grows, the samples only add),
      // so a failure of the shortest acceptable piece settles it, and the cut is a binary search.
      let m0 = ts.findIndex((x) => x - pa >= minS);
      if (m0 < 0) m0 = ts.length - 1;
      const ranges = rangesAt(ts.slice(0, m0 + 1));
      const unions: (AzRange | null)[] = [];
      let lo = POS_INF;
      let hi = NEG_INF;
      const extend = (r: AzRange | null): void => {
        if (r) {
          lo = min(lo, r.min);
          hi = max(hi, r.max);
        }
        unions.push(lo <= hi ? { min: lo, max: hi } : null);
      };
      ranges.forEach(extend);
      const clearUpTo = (m: number): boolean => {
        const u = unions[m];
        if (!u) return false;
        for (let j = 0; j <= m; j++) if (!clearAt(u, el, ts[j])) return false;
        return true;
      };
      if (!clearUpTo(m0)) break;
      rangesAt(ts.slice(m0 + 1)).forEach(extend);
      let good = m0;
      let bad = ts.length;
      if (clearUpTo(ts.length - 1)) good = ts.length - 1;
      else bad = ts.length - 1;
      while (bad - good > 1) {
        const mid = (good + bad) >> 1;
        if (clearUpTo(mid)) good = mid;
        else bad = mid;
      }
      const cut = good;
      pieces.push({ a: pa, b: ts[cut], range: unions[cut]! });
      if (cut < ts.length - 1) break;
    }
    return pieces.length > 0 ? pieces : null;
  };

  /** Whether a scan of `track` starting at `t` is clear of the Sun and Moon at its first instant. */
  const startsClear = (track: SkyTrack, t: number): boolean => {
    const c = crossingAt(track.table, lstAt(t));
    return c !== null && safe(c, track.el, t, t);
  };

  /** Whether `t` lies in one of the track's windows with room for a scan, clear at its start. */
  const startable = (track: SkyTrack, t: number): boolean =>
    track.windows.some(([ws, we]) => ws <= t && t < we && min(we, end) - t >= minS) && startsClear(track, t);

  const skyCandidate = (track: SkyTrack, t: number): Piece[] | null => {
    for (const [ws, we] of track.windows) {
      if (ws <= t && t < we) {
        // The window's ends come from sampled declinations: step back until the patch still
        // meets the circle at the stop, so every instant of the scan sees the patch.
        let stop = floorGrid(min(we, end));
        while (stop - t >= minS && !crossingAt(track.table, lstAt(stop))) stop -= GRID_S;
        if (stop - t < minS || !startsClear(track, t)) return null;
        return buildPass((ts) => ts.map((x) => crossingAt(track.table, lstAt(x))), track.el, t, stop);
      }
    }
    return null;
  };

  // Starts of passes that can be scanned from their first instant: a filler stops at the next one.
  // Only needed on days with a filler, so computed on first use.
  let openings: number[] | null = null;
  const nextOpening = (t: number): number | undefined => {
    if (!openings) {
      openings = [];
      for (const track of tracks) {
        for (const [ws] of track.windows) {
          const s = ceil(ws / GRID_S) * GRID_S;
          if (s >= d0 && s < end && startable(track, s) && skyCandidate(track, s)) openings.push(s);
        }
      }
      openings.sort((x, y) => x - y);
    }
    return openings.find((s) => s > t);
  };

  const observed = new Float64Array(config.patches.length);
  const nPatches = config.patches.length;
  const scans: DayScan[] = [];
  let dayPass = 0;
  const emit = (name: string, kind: 'sky' | 'horizontal', el: number, side: Side, pieces: Piece[]): void => {
    const phase = round2(moonPhase(pieces[0].a));
    pieces.forEach((p, sub) => {
      const s0 = sun.at(p.a);
      const s1 = sun.at(p.b);
      const m0 = moonOut.at(p.a);
      const m1 = moonOut.at(p.b);
      scans.push({
        t0: p.a * US_PER_S,
        t1: p.b * US_PER_S,
        rotation,
        patch: name,
        kind,
        azMin: round2(p.range.min),
        azMax: round2(p.range.max),
        el,
        side,
        sunEl0: round2(s0.el),
        sunAz0: round2(s0.az),
        sunEl1: round2(s1.el),
        sunAz1: round2(s1.az),
        moonEl0: round2(m0.el),
        moonAz0: round2(m0.az),
        moonEl1: round2(m1.el),
        moonAz1: round2(m1.az),
        moonPhase: phase,
        dayPass,
        sub,
      });
    });
    dayPass++;
  };

  let t = d0;
  while (t + minS <= end) {
    // Rank the tracks that can start now, then build passes in that order: the first that holds
    // is the choice, so the costly pass geometry is computed for few tracks.
    const ranked: { track: SkyTrack; key: number[] }[] = [];
    for (const track of tracks) {
      if (!startable(track, t)) continue;
      // Least observed time per weight first; ties go to a patch order and an elevation order that
      // turn with the day, so that days without a memory of each other still share time evenly.
      const key = [
        round(observed[track.patch] / track.weight),
        (((track.patch - d) % nPatches) + nPatches) % nPatches,
        (config.elevations.indexOf(track.el) + d) % config.elevations.length,
        track.side === 'R' ? 0 : 1,
      ];
      ranked.push({ track, key });
    }
    ranked.sort((x, y) => (lexLess(x.key, y.key) ? -1 : lexLess(y.key, x.key) ? 1 : 0));
    let best: { track: SkyTrack; pieces: Piece[] } | null = null;
    for (const { track } of ranked) {
      const pieces = skyCandidate(track, t);
      if (pieces) {
        best = { track, pieces };
        break;
      }
    }
    if (best) {
      const { track, pieces } = best;
      emit(track.name, 'sky', track.el, track.side, pieces);
      const stop = pieces[pieces.length - 1].b;
      observed[track.patch] += stop - t;
      t = stop + config.gap;
      continue;
    }
    const next = nextOpening(t);
    const limit = min(end, next === undefined ? end : next - config.gap);
    let filled = false;
    for (const h of fillerOrder(config)) {
      if (limit - t < minS) break;
      const range = { min: h.az_min, max: h.az_max };
      if (!safe(range, h.el, t, t)) continue;
      const pieces = buildPass((ts) => ts.map(() => range), h.el, t, limit);
      if (!pieces) continue;
      emit(h.name, 'horizontal', h.el, wrap360((h.az_min + h.az_max) / 2) < 180 ? 'R' : 'S', pieces);
      t = pieces[pieces.length - 1].b + (next !== undefined && pieces[pieces.length - 1].b === limit ? config.gap : 0);
      filled = true;
      break;
    }
    if (!filled) t += STEP_S;
  }
  return scans;
}

function lexLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

function fillerOrder(config: PlannerConfig): PlannerConfig['horizontal_patches'] {
  return [...config.horizontal_patches].sort((x, y) => y.weight - x.weight);
}

/** Bounded LRU of day plans keyed by (day, canonical config); it only ever returns what planDay would. */
const DAY_CACHE_SIZE = 400;
const dayCache = new LruCache<string, readonly DayScan[]>(DAY_CACHE_SIZE);
const configKeys = new WeakMap<PlannerConfig, string>();

function cachedDay(d: number, config: PlannerConfig): readonly DayScan[] {
  // Sorted keys, so equal configs share cache entries whatever their key order. The text is kept
  // per object only for frozen configs (as the schema returns them), which cannot change later.
  let ck = configKeys.get(config);
  if (ck === undefined) {
    ck = canonicalJson(config);
    if (Object.isFrozen(config)) configKeys.set(config, ck);
  }
  const key = `${d}|${ck}`;
  const hit = dayCache.get(key);
  if (hit) return hit;
  const plan = Object.freeze(planDay(d, config).map((s) => Object.freeze(s)));
  dayCache.set(key, plan);
  return plan;
}

/**
 * The master schedule for `[t0, t1]`: from the plans of every planning day the window touches, the
 * scans that overlap the window (whole, not clipped: a scan's azimuth range belongs to its full
 * duration), with passes numbered per patch from 0 in the order they come.
 */
export function planMasterSchedule(t0: Micros, t1: Micros, config: PlannerConfig): PlannedScan[] {
  const s0 = floor(t0 / US_PER_S);
  const s1 = ceil(t1 / US_PER_S);
  const out: PlannedScan[] = [];
  const passes = new Map<string, number>();
  let lastKey = '';
  for (let d = planningDay(s0); d <= planningDay(s1); d++) {
    for (const scan of cachedDay(d, config)) {
      if (!(scan.t1 > t0 && scan.t0 < t1)) continue;
      const key = `${d}:${scan.dayPass}`;
      let pass = passes.get(scan.patch) ?? -1;
      if (key !== lastKey) {
        pass += 1;
        passes.set(scan.patch, pass);
        lastKey = key;
      }
      const { dayPass: _omit, ...row } = scan;
      out.push({ ...row, pass });
    }
  }
  return out;
}

/** Scan blocks as the TOAST reader gives them: az = az_min, alt = el, throw = az_max - az_min. */
export function toScanBlocks(planned: readonly PlannedScan[]): ScanBlock[] {
  return planned.map((p) => ({
    kind: 'scan',
    name: p.patch,
    t0: p.t0,
    t1: p.t1,
    az: p.azMin,
    alt: p.el,
    throw: abs(p.azMax - p.azMin),
  }));
}
