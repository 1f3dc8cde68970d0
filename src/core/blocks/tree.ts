/**
 * Trees of blocks (basic-policy §2): nested arrays and string-keyed records with blocks or `null` at the
 * leaves. Records are always visited and rebuilt in sorted key order (finding F2), never in JS
 * property order, which puts integer-like keys first.
 */
import type { Micros } from '../time/micros';
import { blockEquals, isBlock, withTimes } from './block';
import type { Block, BlockTree } from './types';

type Rec<B extends Block> = { readonly [key: string]: BlockTree<B> };

/** Compares strings by code point, as Python sorts `str` keys. */
export function compareKeys(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const ca = a.codePointAt(i)!;
    const cb = b.codePointAt(i)!;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Keys of a record in Python's sorted order. */
export function sortedKeys(rec: object): string[] {
  return Object.keys(rec).sort(compareKeys);
}

/** True when `x` is a record node of a tree (a plain object that is not a block). */
export function isRecord<B extends Block>(x: BlockTree<B> | undefined): x is Rec<B> {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !isBlock(x);
}

/** Replaces every block `b` by `f(b)` (a block, `null` or a subtree); keeps `null` and `[]`. */
export function mapTree<B extends Block, C extends Block = B>(
  tree: BlockTree<B>,
  f: (b: B) => BlockTree<C>,
): BlockTree<C> {
  return mapTreeWith<B, C, (b: B) => BlockTree<C>>(tree, applyTo, f);
}

/** `f(b)`: what `mapTree` maps with. */
function applyTo<B extends Block, C extends Block>(b: B, f: (b: B) => BlockTree<C>): BlockTree<C> {
  return f(b);
}

/**
 * Replaces every block `b` by `f(b, a)`; otherwise as `mapTree`. A rule passes a module function and
 * its settings as `a` rather than a closure made at each call (see `TimeSearch` in safety/refine.ts).
 */
export function mapTreeWith<B extends Block, C extends Block, A>(tree: BlockTree<B>, f: (b: B, a: A) => BlockTree<C>, a: A): BlockTree<C> {
  if (tree === null) return null;
  if (Array.isArray(tree)) {
    const items = tree as readonly BlockTree<B>[];
    const out: BlockTree<C>[] = [];
    for (let i = 0; i < items.length; i++) out.push(mapTreeWith(items[i], f, a));
    return out;
  }
  if (isRecord(tree)) {
    const out: { [key: string]: BlockTree<C> } = {};
    for (const k of sortedKeys(tree)) out[k] = mapTreeWith(tree[k], f, a);
    return out;
  }
  return f(tree as B, a);
}

/** Applies `f` only to blocks where `pred` holds; other leaves are unchanged. */
export function mapWhen<B extends Block, C extends Block = B>(
  tree: BlockTree<B>,
  pred: (b: B) => boolean,
  f: (b: B) => BlockTree<C>,
): BlockTree<B | C> {
  return mapTree<B, B | C>(tree, (b) => (pred(b) ? f(b) : b));
}

/** Keeps blocks where `pred` holds and puts `null` where it fails; the structure is preserved. */
export function filterTree<B extends Block>(tree: BlockTree<B>, pred: (b: B) => boolean): BlockTree<B> {
  return mapTree<B, B>(tree, (b) => (pred(b) ? b : null));
}

/** Appends the blocks of `t` to `out`, depth first, without the `null`s. */
function collectBlocks<B extends Block>(t: BlockTree<B>, out: B[]): void {
  if (t === null) return;
  if (Array.isArray(t)) {
    for (const x of t as readonly BlockTree<B>[]) collectBlocks(x, out);
  } else if (isRecord(t)) {
    for (const k of sortedKeys(t)) collectBlocks(t[k], out);
  } else {
    out.push(t as B);
  }
}

/** Depth-first list of the blocks of a tree, without the `null`s. */
export function flatten<B extends Block>(tree: BlockTree<B>): B[] {
  const out: B[] = [];
  collectBlocks(tree, out);
  return out;
}

/** True unless the tree is a block, `null`, or a flat array of blocks and `null`s. */
export function isNested<B extends Block>(tree: BlockTree<B>): boolean {
  if (tree === null || isBlock(tree)) return false;
  if (isRecord(tree)) return true;
  return (tree as readonly BlockTree<B>[]).some(isSubtree);
}

/** Whether an element of a sequence is a subtree (neither a block nor `null`). */
function isSubtree(x: BlockTree): boolean {
  return x !== null && !isBlock(x);
}

/** Options of the sequence functions that refuse nested input unless asked to flatten. */
export interface FlattenOption {
  /** Accept a nested tree by flattening it first. */
  readonly flatten?: boolean;
}

/** Flattens `tree`, refusing a nested one unless `flatten` is set (the original's API nicety). */
export function flatSequence<B extends Block>(tree: BlockTree<B>, opts: FlattenOption = {}, what = 'sequence'): B[] {
  if (!opts.flatten && isNested(tree)) {
    throw new Error(`${what} got a nested tree; pass { flatten: true } to flatten it`);
  }
  return flatten(tree);
}

/** Order by `t0`. */
function byT0(a: Block, b: Block): number {
  return a.t0 - b.t0;
}

/** Stable sort by `t0` (ties keep their order). */
export function sortByT0<B extends Block>(blocks: readonly B[]): B[] {
  return [...blocks].sort(byT0);
}

/** Flattens then sorts by `t0`, stably; throws on a nested tree unless `flatten` is set. */
export function sortBlocks<B extends Block>(tree: BlockTree<B>, opts: FlattenOption = {}): B[] {
  return sortByT0(flatSequence(tree, opts, 'sortBlocks'));
}

/**
 * Clips every block to `[t0, t1]`: a block outside or only touching the boundary becomes `null`.
 * A missing bound is unbounded.
 */
export function trimTree<B extends Block>(tree: BlockTree<B>, t0?: Micros, t1?: Micros): BlockTree<B> {
  const lo = t0 ?? -Infinity;
  const hi = t1 ?? Infinity;
  return mapTree<B, B>(tree, (b) => {
    if (lo >= b.t1 || hi <= b.t0) return null;
    const n0 = Math.max(b.t0, lo);
    const n1 = Math.min(b.t1, hi);
    return n0 === b.t0 && n1 === b.t1 ? b : withTimes(b, n0, n1);
  });
}

/** Same shape: arrays of equal length, records with equal keys; a block and `null` are both leaves. */
export function sameStructure(a: BlockTree, b: BlockTree): boolean {
  const leafA = a === null || isBlock(a);
  const leafB = b === null || isBlock(b);
  if (leafA || leafB) return leafA && leafB;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const xs = a as readonly BlockTree[];
    const ys = b as readonly BlockTree[];
    return xs.length === ys.length && xs.every((x, i) => sameStructure(x, ys[i]));
  }
  const ka = sortedKeys(a as object);
  const kb = sortedKeys(b as object);
  const ra = a as Rec<Block>;
  const rb = b as Rec<Block>;
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameStructure(ra[k], rb[k]));
}

/** Replaces every block equal (by value) to `target` with `replacement`. */
export function replaceBlock<B extends Block, C extends Block = B>(
  tree: BlockTree<B>,
  target: Block,
  replacement: BlockTree<C>,
): BlockTree<B | C> {
  return mapTree<B, B | C>(tree, (b) => (blockEquals(b, target) ? replacement : b));
}

/**
 * True when two blocks of the tree overlap (touching does not count). O(n log n): after sorting by
 * (t0, t1), a block overlaps an earlier one iff some earlier t1 passes its t0, or an earlier block
 * with the same t0 has positive length. Assumes `t0 ≤ t1` for every block.
 */
export function hasOverlap(tree: BlockTree): boolean {
  const bs = flatten(tree).sort((a, b) => a.t0 - b.t0 || a.t1 - b.t1);
  let maxT1Before = -Infinity;
  let i = 0;
  while (i < bs.length) {
    const t0 = bs[i].t0;
    let positiveInGroup = false;
    let groupMax = -Infinity;
    for (; i < bs.length && bs[i].t0 === t0; i++) {
      if (maxT1Before > t0 || positiveInGroup) return true;
      if (bs[i].t1 > t0) positiveInGroup = true;
      groupMax = Math.max(groupMax, bs[i].t1);
    }
    maxT1Before = Math.max(maxT1Before, groupMax);
  }
  return false;
}

/** True when the blocks of the tree, flattened, have non-decreasing `t0`. */
export function isSorted(tree: BlockTree): boolean {
  const bs = flatten(tree);
  return bs.every((b, i) => i === 0 || bs[i - 1].t0 <= b.t0);
}
