/**
 * make-source-scan (basic-policy §5.8, F3): turns each ObservingWindow into one calibration ScanBlock,
 * started at a random offset inside the window (one uniform draw per source).
 */
import { scanBlock } from '../blocks/block';
import { mapTree } from '../blocks/tree';
import type { Block, BlockTree, ObservingWindow, ScanBlock, WindowColumn } from '../blocks/types';
import { NumberField } from '../config/decorators';
import { Float64Arena } from '../numeric/arena';
import { SplineKnots } from '../numeric/cubic-spline';
import { wrap360 } from '../numeric/unwrap';
import { addSeconds, toCtime } from '../time/format';
import { US_PER_S } from '../time/micros';
import type { Rule } from './rule';

/** Params of `make-source-scan` (the random key is supplied by the policy, not the config). */
export class MakeSourceScanParams {
  @NumberField({ min: 0, description: 'Scan length (seconds) that shapes how far into its window a scan may start.' })
  readonly preferred_length!: number;
}

/** The one thing the rule needs from a PRNG key: its (repeatable) uniform draw. */
export interface UniformSource {
  uniform(lo?: number, hi?: number): number;
}

/** How a scan is pointed relative to the crossing. */
export type ScanPointing = 'crossing' | 'centred';

/** Options of the rule beyond its config params. */
export interface MakeSourceScanOptions {
  /**
   * `crossing` points at `az_bore` as the original (F6); `centred` points at `az_bore − throw/2`
   * so the scan, which sweeps `+throw` from its start, is centred on the crossing (our default).
   */
  readonly pointing?: ScanPointing;
}

/**
 * Interpolates some of a window's arrays at `t` with cubic splines over `tStart`, clamped to the end
 * values outside (no extrapolation). One sample gives that value; 2 and 3 give the line and the
 * parabola (the original crashed below 4 samples, F11).
 */
function clampedAt(ts: WindowColumn, ys: readonly WindowColumn[], t: number): number[] {
  if (ts.length === 1) return ys.map((y) => y[0]);
  // The arrays share their sample times: one factorised spline system, solved for all at once,
  // in an arena (the system is not kept).
  arena.reset();
  return new SplineKnots(ts, arena).valuesClamped(ys, t);
}

const arena = new Float64Arena();

/** The calibration scan of one window for the uniform draw `u` in [0, 1). */
export function scanFromWindow(w: ObservingWindow, p: MakeSourceScanParams, u: number, opts: MakeSourceScanOptions = {}): ScanBlock | null {
  if (w.tStart.length === 0) return null;
  const d = (w.t1 - w.t0) / US_PER_S;
  const allowance = d - Math.min(p.preferred_length, d);
  const s0 = addSeconds(w.t0, u * allowance);
  const treq = toCtime(s0);
  const [length, azBore, alt, width] = clampedAt(w.tStart, [w.obsLength, w.azBore, w.altBore, w.azThrow], treq);
  const az = opts.pointing === 'crossing' ? azBore : azBore - width / 2;
  return scanBlock({ name: w.name, t0: s0, t1: addSeconds(s0, length), az: wrap360(az), alt, throw: width });
}

function scanLeaf(b: Block, p: MakeSourceScanParams, u: number, opts: MakeSourceScanOptions): BlockTree {
  return b.kind === 'window' ? scanFromWindow(b, p, u, opts) : b;
}

/**
 * Builds make-source-scan with one random key: every window of the tree uses the same draw
 * `rngKey.uniform()` (F3: the original's key restarts from its saved state at each call).
 */
export function makeSourceScan(p: MakeSourceScanParams, rngKey: UniformSource, opts: MakeSourceScanOptions = {}): Rule {
  const u = rngKey.uniform(0, 1);
  return (tree) => mapTree(tree, (b) => scanLeaf(b, p, u, opts));
}
