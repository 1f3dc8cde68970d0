/** min-duration (spec §5.5): keeps blocks lasting at least `min_duration` seconds. */
import { filterTree } from '../blocks/tree';
import { NumberField } from '../config/decorators';
import { US_PER_S } from '../time/micros';
import type { Rule } from './rule';

/** Params of `min-duration` (also `calibration-min-duration`). */
export class MinDurationParams {
  @NumberField({ min: 0, description: 'Shortest block kept (seconds, inclusive).' })
  readonly min_duration!: number;
}

/** Keeps a block of any type iff its duration is ≥ `min_duration` (inclusive); others become null. */
export function minDuration(p: MinDurationParams): Rule {
  const minUs = p.min_duration * US_PER_S;
  return (tree) => filterTree(tree, (b) => b.t1 - b.t0 >= minUs);
}
