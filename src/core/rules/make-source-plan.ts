/**
 * make-source-plan (basic-policy §5.2, F4, F5): turns each rising or setting source block into an
 * ObservingWindow, the span of start times at which a scan of the array across the source is
 * possible, with per-start-time duration, pointing and width.
 */
import { sampleAzAlt } from '../astro/track';
import { isBodyName } from '../astro/site';
import { mapTreeWith } from '../blocks/tree';
import { LruCache } from '../cache/lru-cache';
import type { Block, BlockTree, ObservingWindow, SourceBlock } from '../blocks/types';
import { EnumField, NestedListField, NumberField, OptionalField, RangeField } from '../config/decorators';
import { canonicalJson } from '../config/merge';
import { Float64Arena } from '../numeric/arena';
import { CubicSpline, SplineKnots } from '../numeric/cubic-spline';
import { mask2ranges } from '../numeric/ranges';
import { unwrapDegrees } from '../numeric/unwrap';
import { fromCtime } from '../time/format';
import { SOURCE_STEP_S, type Rule } from './rule';

const DEG = Math.PI / 180;

/** Footprint shapes the rule knows. */
export const SPEC_SHAPES = ['ellipse'] as const;

/** One detector-array footprint, degrees relative to boresight. */
export class SourcePlanSpec {
  @RangeField({ description: 'Footprint extent across the scan: [low, high] degrees from boresight.' })
  readonly bounds_x!: readonly [number, number];

  @RangeField({ description: 'Footprint extent in elevation: [low, high] degrees from boresight.' })
  readonly bounds_y!: readonly [number, number];
}

/** Params of `make-source-plan`. */
export class MakeSourcePlanParams {
  @NestedListField(() => SourcePlanSpec, { minItems: 1, maxItems: 64, description: 'Detector-array footprints; a source is planned across all of them.' })
  readonly specs!: readonly SourcePlanSpec[];

  @EnumField(SPEC_SHAPES, { description: 'Shape of each footprint.' })
  readonly spec_shape!: (typeof SPEC_SHAPES)[number];

  @OptionalField()
  @NumberField({ positive: true, description: 'Longest crossing kept (seconds); absent: no limit.' })
  readonly max_obs_length?: number;

  @OptionalField()
  @RangeField({ description: 'Boresight elevations a crossing may use: [low, high] degrees; absent: any.' })
  readonly bounds_alt?: readonly [number, number];

  @OptionalField()
  @RangeField({ description: 'Scan throws (azimuth widths) a crossing may use: [low, high] degrees; absent: any.' })
  readonly bounds_az_throw?: readonly [number, number];
}

/**
 * Fewest samples we plan from. The original needs 5 (its derivative splines have n − 1 points
 * and crash below 4, F11); shorter blocks are dropped instead of crashing.
 */
export const MIN_PLAN_SAMPLES = 5;

/** Sorts (key, value) pairs by key and drops repeated keys, so a spline of value over key exists. */
function strictlyIncreasing(keys: ArrayLike<number>, values: ArrayLike<number>): [ArrayLike<number>, ArrayLike<number>] {
  const n = keys.length;
  // Rising and setting passages are monotonic in altitude: a reversal is enough (the common case).
  let up = true;
  let down = true;
  for (let i = 1; i < n && (up || down); i++) {
    if (!(keys[i] > keys[i - 1])) up = false;
    if (!(keys[i] < keys[i - 1])) down = false;
  }
  if (up || down) {
    const xs = arena.take(n);
    const ys = arena.take(n);
    for (let i = 0; i < n; i++) {
      const k = up ? i : n - 1 - i;
      xs[i] = keys[k];
      ys[i] = values[k];
    }
    return [xs, ys];
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => keys[i] - keys[j] || i - j);
  const xs: number[] = [];
  const ys: number[] = [];
  for (const i of order) {
    if (xs.length > 0 && keys[i] <= xs[xs.length - 1]) continue;
    xs.push(keys[i]);
    ys.push(values[i]);
  }
  return [xs, ys];
}

/**
 * The working arrays of one `planSourceBlock` call (samples, splines, per-sample columns): reset at
 * each call, never returned (the window gets copies), so a pass allocates nothing but its window.
 */
const arena = new Float64Arena();

/** The pass/fail mask of `planSourceBlock`, kept between calls (a boolean array per pass was 23 kB a one-day run). */
let okScratch = new Uint8Array(0);

/** A mask of at least `n` entries (its first `n` are all written before they are read). */
function okMask(n: number): Uint8Array {
  if (okScratch.length < n) okScratch = new Uint8Array(Math.max(n, 2 * okScratch.length));
  return okScratch;
}

/** Per-sample columns of a pass (arena arrays). */
interface Columns {
  readonly altCenter: Float64Array;
  readonly altStop: Float64Array;
  readonly obsLength: Float64Array;
  readonly azCenter: Float64Array;
  readonly phi: Float64Array;
  /** cos(altCenter) serves twice (the direction of motion and the throw's stretch): computed once. */
  readonly cosAltCenter: Float64Array;
  /** When each centre altitude is reached (tInv at it). */
  readonly tCenter: Float64Array;
}

/** The splines of a pass: time of an altitude, azimuth of a time, and the sample-to-sample steps of azimuth and altitude. */
interface PassSplines {
  readonly tInv: CubicSpline;
  readonly azOfT: CubicSpline;
  readonly dAzOfT: CubicSpline;
  readonly dAltOfT: CubicSpline;
}

/**
 * Fills the per-sample columns; false when a passage time is negative. Functions of their own, two
 * and three spline evaluations each, so that V8 inlines every evaluation in their loops (inside
 * `planSourceBlock` its inlining budget ran out, and with all five in one loop one was left out):
 * a value that crosses a call that is not inlined is boxed on the heap.
 */
function fillColumns(t: Float64Array, alt: Float64Array, sgn: number, altHeight: number, s: PassSplines, c: Columns): boolean {
  if (!fillStops(t, alt, sgn, altHeight, s.tInv, c)) return false;
  fillPointing(s, c);
  return true;
}

/** Centre and stop altitudes, passage times, and the instants the centres are reached. */
function fillStops(t: Float64Array, alt: Float64Array, sgn: number, altHeight: number, tInv: CubicSpline, c: Columns): boolean {
  const { altCenter, altStop, obsLength, tCenter } = c;
  const n = t.length;
  for (let i = 0; i < n; i++) {
    altCenter[i] = alt[i] + (sgn * altHeight) / 2;
    altStop[i] = alt[i] + sgn * altHeight;
    obsLength[i] = tInv.evaluate(altStop[i]) - t[i];
    // The original asserts here ("passage time must be positive"); we never crash: drop the block.
    if (obsLength[i] < 0) return false;
    // Centres and stops are two sequences through tInv's pieces: each keeps its own search hint.
    tCenter[i] = tInv.evaluateOther(altCenter[i]);
  }
  return true;
}

/** Azimuth and direction of motion at the instants the centres are reached. */
function fillPointing(s: PassSplines, c: Columns): void {
  const { altCenter, azCenter, phi, cosAltCenter, tCenter } = c;
  const { azOfT, dAzOfT, dAltOfT } = s;
  const n = tCenter.length;
  for (let i = 0; i < n; i++) {
    azCenter[i] = azOfT.evaluate(tCenter[i]);
    cosAltCenter[i] = Math.cos(altCenter[i] * DEG);
    phi[i] = Math.atan2(dAzOfT.evaluate(tCenter[i]) * cosAltCenter[i], dAltOfT.evaluate(tCenter[i]));
  }
}

/** Plans one rising/setting source block; null when it cannot be observed in one piece (F4). */
export function planSourceBlock(b: SourceBlock, p: MakeSourcePlanParams): ObservingWindow | null {
  if (!isBodyName(b.name)) return null;
  arena.reset();
  const { t, az: azRaw, alt } = sampleAzAlt(b.name, b.t0, b.t1, SOURCE_STEP_S, arena);
  const n = t.length;
  if (n < MIN_PLAN_SAMPLES) return null;
  // F8: azimuth is interpolated unwrapped; the original's spline rang across the 0/360 jump.
  const az = unwrapDegrees(azRaw, arena);

  let posHi = -Infinity;
  let posLo = Infinity;
  for (const sp of p.specs) {
    posHi = Math.max(posHi, sp.bounds_y[1]);
    posLo = Math.min(posLo, sp.bounds_y[0]);
  }
  const altOffset = (posHi + posLo) / 2;
  const altHeight = posHi - posLo;
  const sgn = b.mode === 'rising' ? 1 : -1;

  const [altKeys, tVals] = strictlyIncreasing(alt, t);
  if (altKeys.length < 2) return null;
  const tInv = new CubicSpline(altKeys, tVals, { alloc: arena });
  const azOfT = new CubicSpline(t, az, { alloc: arena });
  const tDiff = t.subarray(1);
  const dAz = arena.take(n - 1);
  const dAlt = arena.take(n - 1);
  for (let k = 1; k < n; k++) {
    dAz[k - 1] = az[k] - az[k - 1];
    dAlt[k - 1] = alt[k] - alt[k - 1];
  }
  const [dAzOfT, dAltOfT] = CubicSpline.family(new SplineKnots(tDiff, arena), [dAz, dAlt], arena);

  let altMin = Infinity;
  let altMax = -Infinity;
  for (let i = 0; i < n; i++) {
    altMin = Math.min(altMin, alt[i]);
    altMax = Math.max(altMax, alt[i]);
  }

  const c: Columns = {
    altCenter: arena.take(n),
    altStop: arena.take(n),
    obsLength: arena.take(n),
    azCenter: arena.take(n),
    phi: arena.take(n),
    cosAltCenter: arena.take(n),
    tCenter: arena.take(n),
  };
  if (!fillColumns(t, alt, sgn, altHeight, { tInv, azOfT, dAzOfT, dAltOfT }, c)) return null;
  const { altCenter, altStop, obsLength, azCenter, phi, cosAltCenter } = c;
  const cosPhi = arena.take(n);
  const sinPhi = arena.take(n);
  for (let i = 0; i < n; i++) {
    cosPhi[i] = Math.cos(phi[i]);
    sinPhi[i] = Math.sin(phi[i]);
  }

  // F5: the projected x-bounds reduce to two scalars over every spec and every sample.
  let xLo = Infinity;
  let xHi = -Infinity;
  for (const sp of p.specs) {
    const a = (sp.bounds_x[1] - sp.bounds_x[0]) / 2;
    const bb = (sp.bounds_y[1] - sp.bounds_y[0]) / 2;
    const cx = (sp.bounds_x[0] + sp.bounds_x[1]) / 2;
    for (let i = 0; i < n; i++) {
      const c = cosPhi[i];
      const sn = sinPhi[i];
      const w = Math.sqrt(a * a * c * c + bb * bb * sn * sn);
      xLo = Math.min(xLo, cx - w);
      xHi = Math.max(xHi, cx + w);
    }
  }

  const azBore = arena.take(n);
  const altBore = arena.take(n);
  const azThrow = arena.take(n);
  const ok = okMask(n);
  for (let i = 0; i < n; i++) {
    const stretch = 1 / cosAltCenter[i];
    azThrow[i] = (xHi - xLo) * stretch;
    azBore[i] = azCenter[i] - ((xHi + xLo) / 2) * stretch;
    altBore[i] = altCenter[i] - altOffset;
    let v = altStop[i] >= altMin && altStop[i] <= altMax;
    if (v && p.bounds_alt) v = altBore[i] >= p.bounds_alt[0] && altBore[i] <= p.bounds_alt[1];
    if (v && p.bounds_az_throw) v = azThrow[i] >= p.bounds_az_throw[0] && azThrow[i] <= p.bounds_az_throw[1];
    if (v && p.max_obs_length !== undefined) v = obsLength[i] <= p.max_obs_length;
    ok[i] = v ? 1 : 0;
  }

  const ranges = mask2ranges(ok, n);
  if (ranges.length !== 1) return null; // F4: zero or several ranges drop the block.
  const [il, ir] = ranges[0];
  // The window's columns are typed-array copies, whose numbers live outside the JS heap (as plain
  // arrays they were the largest allocation of a one-day run, 108 of 860 kB, measured). Not frozen
  // (a typed array cannot be); nothing writes to a window's columns.
  const slice = (a: Float64Array): Float64Array => a.slice(il, ir);
  return Object.freeze({
    kind: 'window',
    name: b.name,
    mode: b.mode,
    t0: fromCtime(t[il]),
    t1: fromCtime(t[ir - 1]),
    tStart: slice(t),
    obsLength: slice(obsLength),
    azBore: slice(azBore),
    altBore: slice(altBore),
    azThrow: slice(azThrow),
  });
}

/**
 * Planned passes, shared across requests: a bounded LRU keyed by (body, times, mode, canonical
 * params); it only ever returns what `planSourceBlock` would (a frozen window, or null). A pass
 * that lies inside a request's window is not cut by it (`sourceGetBlocks` gives whole passes), so
 * overlapping and repeated windows plan it once. A default one-day window plans 4 to 6 passes
 * (half a pass of a calibration target is some 6 hours, about 720 samples at 30 s: about 29 kB of
 * columns): 32 entries keep a few days, under 1 MB.
 */
export const PLAN_CACHE_SIZE = 32;
const planCache = new LruCache<string, ObservingWindow | null>(PLAN_CACHE_SIZE);

/** What `planLeaf` needs of one application of the rule: the params and their canonical text. */
interface PlanContext {
  readonly p: MakeSourcePlanParams;
  readonly paramsKey: string;
}

function planLeaf(b: Block, c: PlanContext): BlockTree {
  if (b.kind !== 'source' || b.mode === 'both') return b;
  const key = `${b.name}|${b.t0}|${b.t1}|${b.mode}|${c.paramsKey}`;
  const hit = planCache.get(key);
  if (hit !== undefined) return hit;
  const planned = planSourceBlock(b, c.p);
  planCache.set(key, planned);
  return planned;
}

/** Builds make-source-plan: plans every SourceBlock (mode `both` unchanged), other leaves untouched. */
export function makeSourcePlan(p: MakeSourcePlanParams): Rule {
  const c: PlanContext = { p, paramsKey: canonicalJson(p) };
  return (tree) => mapTreeWith(tree, planLeaf, c);
}
