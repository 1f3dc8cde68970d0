/**
 * The blocks of a long, immutable list (a parsed master schedule: thousands of rows, read by every
 * request) that reach into a window, found by bisection instead of a pass over the whole list.
 * The index of a list is built once and kept beside it (weakly: it goes with the list).
 */
import type { Block } from './types';

interface OverlapIndex {
  /** True when the t0 are non-decreasing (then the list can be bisected). */
  readonly sorted: boolean;
  /** `maxT1[i]`: the largest t1 of `blocks[0..i]`. */
  readonly maxT1: Float64Array;
}

const indexes = new WeakMap<readonly Block[], OverlapIndex>();

function buildIndex(blocks: readonly Block[]): OverlapIndex {
  const maxT1 = new Float64Array(blocks.length);
  let sorted = true;
  let m = -Infinity;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i];
    if (i > 0 && b.t0 < blocks[i - 1].t0) sorted = false;
    m = Math.max(m, b.t1);
    maxT1[i] = m;
  }
  return { sorted, maxT1 };
}

/**
 * `blocks.filter((b) => b.t1 > t0 && b.t0 < t1)`, in the same order. A frozen list is indexed on
 * first use; others (which could change under an index) are filtered as such.
 */
export function blocksReaching<B extends Block>(blocks: readonly B[], t0: number, t1: number): B[] {
  const keep = (b: B): boolean => b.t1 > t0 && b.t0 < t1;
  if (!Object.isFrozen(blocks)) return blocks.filter(keep);
  let index = indexes.get(blocks);
  if (index === undefined) {
    index = buildIndex(blocks);
    indexes.set(blocks, index);
  }
  if (!index.sorted) return blocks.filter(keep);
  const { maxT1 } = index;
  // First row whose prefix reaches past t0: no row before it can end after t0.
  let lo = 0;
  let hi = blocks.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (maxT1[mid] > t0) hi = mid;
    else lo = mid + 1;
  }
  const out: B[] = [];
  for (let i = lo; i < blocks.length; i++) {
    const b = blocks[i];
    // Sorted by t0: nothing from here on starts before t1.
    if (!(b.t0 < t1)) break;
    if (b.t1 > t0) out.push(b);
  }
  return out;
}
