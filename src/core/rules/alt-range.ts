/** alt-range (spec §5.6): keeps the parts of source blocks where the source is within an altitude range. */
import { isBodyName } from '../astro/site';
import { sampleAzAlt } from '../astro/track';
import { withTimes } from '../blocks/block';
import { mapTree } from '../blocks/tree';
import type { Block, BlockTree } from '../blocks/types';
import { RangeField } from '../config/decorators';
import { mask2ranges } from '../numeric/ranges';
import { fromCtime } from '../time/format';
import { isSourceLike, SOURCE_STEP_S, type Rule } from './rule';

/** Params of `alt-range`. */
export class AltRangeParams {
  @RangeField({ min: -90, max: 90, description: "[low, high] altitude (degrees, inclusive) a source's blocks are cut to." })
  readonly alt_range!: readonly [number, number];
}

/**
 * Cuts one source block to the runs of 30 s samples (from its t0) where the source's own altitude
 * is within range; each run becomes `[t[i0], t[i1 − 1]]`. ObservingWindow arrays are kept whole,
 * as the original.
 */
export function cutToAltRange(b: Block, p: AltRangeParams): BlockTree {
  if (!isSourceLike(b) || !isBodyName(b.name)) return b;
  const [lo, hi] = p.alt_range;
  const { t, alt } = sampleAzAlt(b.name, b.t0, b.t1, SOURCE_STEP_S);
  const ok = Array.from(alt, (a) => a >= lo && a <= hi);
  return mask2ranges(ok).map(([i0, i1]) => withTimes(b, fromCtime(t[i0]), fromCtime(t[i1 - 1])));
}

/** Builds the alt-range rule. */
export function altRange(p: AltRangeParams): Rule {
  return (tree) => mapTree(tree, (b) => cutToAltRange(b, p));
}
