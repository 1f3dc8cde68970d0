/**
 * Block operations and the sequence merge of the original (basic-policy §2). `merge` gives exactly the
 * §2 results but runs in O((n + m) log(n + m)) through `mergeIndexed`; `mergeNaive` is the
 * §2 algorithm, kept as the reference the fast one is tested against.
 */
import { roundHalfEven } from '../time/format';
import type { Micros } from '../time/micros';
import { blockKey, withTimes } from './block';
import { mergeIndexed } from './merge-index';
import { flatSequence, flatten, sortByT0, type FlattenOption } from './tree';
import type { Block, BlockTree } from './types';

/** `(a.t0 − b.t1)·(a.t1 − b.t0) < 0`: strict overlap; blocks that only touch do not overlap. */
export function overlaps(a: Block, b: Block): boolean {
  // Signs instead of the product: exact for any magnitude.
  return Math.sign(a.t0 - b.t1) * Math.sign(a.t1 - b.t0) < 0;
}

/** `null` when `t ≥ b.t1`, else `b` with `t0 = max(b.t0, t)`. */
export function trimLeftTo<B extends Block>(b: B, t: Micros): B | null {
  if (t >= b.t1) return null;
  return t > b.t0 ? withTimes(b, t, b.t1) : b;
}

/** `null` when `t ≤ b.t0`, else `b` with `t1 = min(b.t1, t)`. */
export function trimRightTo<B extends Block>(b: B, t: Micros): B | null {
  if (t <= b.t0) return null;
  return t < b.t1 ? withTimes(b, b.t0, t) : b;
}

/** Merges two blocks, `b2` winning where they overlap; pieces of `b1` keep its other fields. */
export function blockMerge<B extends Block>(b1: B, b2: B): B[] {
  if (!overlaps(b1, b2)) return sortByT0([b1, b2]);
  const pieces =
    b2.t0 < b1.t0 ? [b2, trimLeftTo(b1, b2.t1)] : [trimRightTo(b1, b2.t0), b2, trimLeftTo(b1, b2.t1)];
  return sortByT0(pieces.filter((x): x is B => x !== null));
}

/**
 * Drops value-duplicates, keeping the first of each (the original used a set, whose order Python
 * leaves arbitrary; keeping the first makes ours deterministic). Throws on a nested tree unless
 * `flatten` is set.
 */
export function dropDuplicates<B extends Block>(tree: BlockTree<B>, opts: FlattenOption = {}): B[] {
  const seen = new Set<string>();
  const out: B[] = [];
  for (const b of flatSequence(tree, opts, 'dropDuplicates')) {
    const k = blockKey(b);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(b);
    }
  }
  return out;
}

/**
 * Inserts `b` into `seq`, `b` winning: appended and sorted when it overlaps nothing; otherwise every
 * overlapping element becomes `blockMerge(elem, b)`, then the whole is de-duplicated and sorted.
 */
export function mergeBlock<B extends Block>(seq: BlockTree<B>, b: B, opts: FlattenOption = {}): B[] {
  const s = flatSequence(seq, opts, 'mergeBlock');
  if (s.length === 0) return [b];
  if (!s.some((e) => overlaps(e, b))) return sortByT0([...s, b]);
  const out = s.flatMap((e) => (overlaps(e, b) ? blockMerge(e, b) : [e]));
  return sortByT0(dropDuplicates(out));
}

/** basic-policy's `merge` (§2) taken literally: O(n·m); the reference `merge` is checked against. */
export function mergeNaive<B extends Block>(seq1: BlockTree<B>, seq2: BlockTree<B>): B[] {
  let s = flatten(seq1);
  for (const b of flatten(seq2)) s = mergeBlock(s, b);
  return sortByT0(s);
}

/**
 * Merges two sequences (flattened): blocks of `seq2` win over `seq1` and over earlier blocks of
 * `seq2`; the result is sorted by t0. Same result as `mergeNaive`, in O((n + m) log(n + m)).
 */
export function merge<B extends Block>(seq1: BlockTree<B>, seq2: BlockTree<B>): B[] {
  const s = flatten(seq1);
  const bs = flatten(seq2);
  // The index relies on t0 ≤ t1; the product test means something else for inverted blocks.
  if (s.some((b) => b.t1 < b.t0) || bs.some((b) => b.t1 < b.t0)) return mergeNaive(s, bs);
  if (bs.length === 0) return sortByT0(s);
  // The first step sees seq1 in its given, unsorted order, which decides ties; every later step
  // sees a sorted sequence, which is what the index assumes.
  return mergeIndexed(mergeBlock(s, bs[0]), bs.slice(1));
}

/** Splits `b` at `t` when `t` is strictly inside it; otherwise `[b]`. */
export function split<B extends Block>(b: B, t: Micros): B[] {
  if (t <= b.t0 || t >= b.t1) return [b];
  return [withTimes(b, b.t0, t), withTimes(b, t, b.t1)];
}

/** `b` moved by `dt` microseconds. */
export function shift<B extends Block>(b: B, dt: Micros): B {
  return withTimes(b, b.t0 + dt, b.t1 + dt);
}

/** Half of a microsecond duration, rounded like `timedelta / 2` (ties to even). */
function half(dt: Micros): Micros {
  return roundHalfEven(dt / 2);
}

/** `b` widened by `dt / 2` microseconds on each side. */
export function extend<B extends Block>(b: B, dt: Micros): B {
  const h = half(dt);
  return withTimes(b, b.t0 - h, b.t1 + h);
}

/** `b` with its start moved `dt` microseconds earlier. */
export function extendLeft<B extends Block>(b: B, dt: Micros): B {
  return withTimes(b, b.t0 - dt, b.t1);
}

/** `b` with its end moved `dt` microseconds later. */
export function extendRight<B extends Block>(b: B, dt: Micros): B {
  return withTimes(b, b.t0, b.t1 + dt);
}

/** `b` narrowed by `dt / 2` on each side, or `null` when its duration is ≤ `dt`. */
export function shrink<B extends Block>(b: B, dt: Micros): B | null {
  if (b.t1 - b.t0 <= dt) return null;
  const h = half(dt);
  return withTimes(b, b.t0 + h, b.t1 - h);
}

/** `b` with its start moved `dt` later, or `null` when its duration is ≤ `dt`. */
export function shrinkLeft<B extends Block>(b: B, dt: Micros): B | null {
  if (b.t1 - b.t0 <= dt) return null;
  return withTimes(b, b.t0 + dt, b.t1);
}

/** `b` with its end moved `dt` earlier, or `null` when its duration is ≤ `dt`. */
export function shrinkRight<B extends Block>(b: B, dt: Micros): B | null {
  if (b.t1 - b.t0 <= dt) return null;
  return withTimes(b, b.t0, b.t1 - dt);
}
