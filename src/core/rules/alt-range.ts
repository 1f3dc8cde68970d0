/** alt-range (basic-policy §5.6): keeps the parts of source blocks where the source is within an altitude range. */
import { isBodyName } from '../astro/site';
import { sampleAlt } from '../astro/track';
import { withTimes } from '../blocks/block';
import { mapTree } from '../blocks/tree';
import type { Block, BlockTree } from '../blocks/types';
import { RangeField } from '../config/decorators';
import { Float64Arena } from '../numeric/arena';
import { fromCtime } from '../time/format';
import { isSourceLike, SOURCE_STEP_S, type Rule } from './rule';

/** Params of `alt-range`. */
export class AltRangeParams {
  @RangeField({ min: -90, max: 90, description: "[low, high] altitude (degrees, inclusive) a source's blocks are cut to." })
  readonly alt_range!: readonly [number, number];
}

/** The samples of one `cutToAltRange` call: reset at each call, never returned. */
const arena = new Float64Arena();

/**
 * Cuts one source block to the runs of 30 s samples (from its t0) where the source's own altitude
 * is within range; each run becomes `[t[i0], t[i1 − 1]]`. ObservingWindow arrays are kept whole,
 * as the original.
 */
export function cutToAltRange(b: Block, p: AltRangeParams): BlockTree {
  if (!isSourceLike(b) || !isBodyName(b.name)) return b;
  const [lo, hi] = p.alt_range;
  arena.reset();
  const { t, alt } = sampleAlt(b.name, b.t0, b.t1, SOURCE_STEP_S, arena);
  const out: Block[] = [];
  // The runs of samples within range (mask2ranges of the mask), each from its first to its last sample.
  let start = -1;
  for (let i = 0; i <= alt.length; i++) {
    const inside = i < alt.length && alt[i] >= lo && alt[i] <= hi;
    if (inside && start < 0) start = i;
    else if (!inside && start >= 0) {
      out.push(withTimes(b, fromCtime(t[start]), fromCtime(t[i - 1])));
      start = -1;
    }
  }
  return out;
}

/** Builds the alt-range rule. */
export function altRange(p: AltRangeParams): Rule {
  return (tree) => mapTree(tree, (b) => cutToAltRange(b, p));
}
