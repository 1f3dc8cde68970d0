/**
 * What a rule is: a pure function from a block tree to a new block tree (spec §5). Each rule file
 * exports its params schema and a factory `params → Rule`.
 */
import type { Block, BlockTree, ObservingWindow, SourceBlock } from '../blocks/types';
import { US_PER_S, type Micros } from '../time/micros';

/** A tree transformation; never mutates its input. */
export type Rule = (tree: BlockTree) => BlockTree;

/** True for SourceBlocks and ObservingWindows (an ObservingWindow is a kind of SourceBlock). */
export function isSourceLike(b: Block): b is SourceBlock | ObservingWindow {
  return b.kind === 'source' || b.kind === 'window';
}

/** Interval of the sample grids the rules use for sources (spec §4: 30 s). */
export const SOURCE_STEP_S = 30;

/**
 * The §4 sample grid over `[t0, t1)`: `floor(duration / step)` ctimes `t0 + i·step` (the step added
 * as a rounded microsecond timedelta), truncated to integer seconds; the same instants as
 * `sampleAzAlt` uses.
 */
export function sampleGrid(t0: Micros, t1: Micros, stepS: number): Float64Array {
  const n = Math.max(0, Math.floor((t1 - t0) / US_PER_S / stepS));
  const t = new Float64Array(n);
  const stepUs = stepS * US_PER_S;
  for (let i = 0; i < n; i++) t[i] = Math.trunc((t0 + Math.round(i * stepUs)) / US_PER_S);
  return t;
}
