/** min-duration (basic-policy §5.5): keeps blocks lasting at least `min_duration` seconds. */
import { filterTree } from '../blocks/tree';
import { s, type Infer } from '../config';
import { US_PER_S } from '../time/micros';
import type { Rule } from './rule';

/** Params of `min-duration` (also `calibration-min-duration`). */
export const minDurationParams = s.object({ min_duration: s.number({ min: 0 }) });

/** Validated params of `min-duration`. */
export type MinDurationParams = Infer<typeof minDurationParams>;

/** Keeps a block of any type iff its duration is ≥ `min_duration` (inclusive); others become null. */
export function minDuration(p: MinDurationParams): Rule {
  const minUs = p.min_duration * US_PER_S;
  return (tree) => filterTree(tree, (b) => b.t1 - b.t0 >= minUs);
}
