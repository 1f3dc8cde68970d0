/**
 * rephase-first (spec §5.7, as fixed upstream): delays the start of the earliest block by a random
 * fraction of what it can spare.
 */
import { withTimes } from '../blocks/block';
import { flatten, mapTree } from '../blocks/tree';
import { NumberField } from '../config/decorators';
import { addSeconds } from '../time/format';
import { US_PER_S } from '../time/micros';
import type { UniformSource } from './make-source-scan';
import type { Rule } from './rule';

/** Params of `rephase-first`. */
export class RephaseFirstParams {
  @NumberField({ min: 0, max: 1, description: 'Largest delay of the first block, as a fraction of its duration.' })
  readonly max_fraction!: number;

  @NumberField({ min: 0, description: 'Seconds of the first block that the delay always leaves.' })
  readonly min_block_size!: number;
}

/**
 * Moves the earliest block's t0 later by `U × min(max_fraction × duration, max(duration −
 * min_block_size, 0))` seconds; every other block is unchanged. (The original at 7c190de raised
 * a TypeError here; this is the upstream fix.)
 */
export function rephaseFirst(p: RephaseFirstParams, rngKey: UniformSource): Rule {
  return (tree) => {
    const blocks = flatten(tree);
    if (blocks.length === 0) return tree;
    let first = blocks[0];
    for (const b of blocks) if (b.t0 < first.t0) first = b;
    const duration = (first.t1 - first.t0) / US_PER_S;
    const allowance = Math.min(p.max_fraction * duration, Math.max(duration - p.min_block_size, 0));
    const delay = rngKey.uniform(0, allowance);
    const t0 = addSeconds(first.t0, delay);
    const target = first;
    let done = false;
    // Replace only the first occurrence (by identity) so equal copies elsewhere stay as they are.
    return mapTree(tree, (b) => {
      if (done || b !== target) return b;
      done = true;
      return withTimes(b, Math.min(t0, b.t1), b.t1);
    });
  };
}
