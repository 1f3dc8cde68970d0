/**
 * The indexed form of the `merge` of basic-policy §2, used by `ops.merge`. It keeps the running sequence
 * as tie groups (blocks sharing a t0, in the order that merge's stable sort would leave them) over a
 * static segment tree of max(t1), so each block of seq2 touches only what it overlaps.
 *
 * Why the tie order is right: that merge rebuilds the sequence by replacing each overlapping element
 * in place with its pieces, de-duplicates keeping the first, and stable-sorts by t0. A piece put at
 * an element e's place therefore lands first in its t0 group when its t0 is later than e's (all of
 * that group comes after e), last when earlier, and at e's own rank when equal.
 */
import { blockKey, withTimes } from './block';
import { sortByT0 } from './tree';
import type { Block } from './types';

interface Entry<B extends Block> {
  readonly block: B;
  readonly key: string;
}

const entry = <B extends Block>(block: B): Entry<B> => ({ block, key: blockKey(block) });

/** Ascending numeric order. */
const ascending = (x: number, y: number): number => x - y;

/**
 * The running sequence of one `mergeIndexed` call: tie groups over a static segment tree of max(t1),
 * and value counts for de-duplication. A class rather than closures inside `mergeIndexed`, so that
 * V8 keeps its compiled code (see `TimeSearch` in safety/refine.ts).
 */
class MergeState<B extends Block> {
  readonly groups: Entry<B>[][];
  readonly size: number;
  readonly maxT1: Float64Array;
  /** Value counts, so that de-duplication only visits groups that hold a duplicate. */
  readonly counts = new Map<string, number>();
  readonly dupGroups = new Map<string, number>();
  total = 0;
  // Scratch of `overlapping`: its query and its result.
  private hi = 0;
  private after = 0;
  private out: number[] = [];

  constructor(groupCount: number) {
    this.groups = [];
    for (let i = 0; i < groupCount; i++) this.groups.push([]);
    let size = 1;
    while (size < groupCount) size *= 2;
    this.size = size;
    this.maxT1 = new Float64Array(2 * size).fill(-Infinity);
  }

  refresh(gi: number): void {
    const maxT1 = this.maxT1;
    let m = -Infinity;
    for (const e of this.groups[gi]) if (e.block.t1 > m) m = e.block.t1;
    let p = gi + this.size;
    maxT1[p] = m;
    for (p >>= 1; p >= 1; p >>= 1) maxT1[p] = Math.max(maxT1[2 * p], maxT1[2 * p + 1]);
  }

  add(e: Entry<B>, gi: number): void {
    const c = (this.counts.get(e.key) ?? 0) + 1;
    this.counts.set(e.key, c);
    if (c === 2) this.dupGroups.set(e.key, gi);
    this.total++;
  }

  remove(e: Entry<B>): void {
    const c = this.counts.get(e.key)! - 1;
    if (c === 0) this.counts.delete(e.key);
    else this.counts.set(e.key, c);
    if (c === 1) this.dupGroups.delete(e.key);
    this.total--;
  }

  /** Groups with index < `hi` holding a block whose t1 > `after`, in ascending order. */
  overlapping(hi: number, after: number): number[] {
    this.hi = hi;
    this.after = after;
    this.out = [];
    this.visit(1, 0, this.size);
    return this.out;
  }

  private visit(node: number, lo: number, width: number): void {
    if (lo >= this.hi || this.maxT1[node] <= this.after) return;
    if (node >= this.size) {
      this.out.push(node - this.size);
      return;
    }
    const half = width / 2;
    this.visit(2 * node, lo, half);
    this.visit(2 * node + 1, lo + half, half);
  }

  /** Keeps the first entry of `key` in group `gi` and drops the others (basic-policy's de-duplication). */
  dedupe(key: string, gi: number): void {
    const kept: Entry<B>[] = [];
    let seen = false;
    for (const e of this.groups[gi]) {
      if (e.key !== key) kept.push(e);
      else if (!seen) {
        seen = true;
        kept.push(e);
      } else this.total--;
    }
    this.groups[gi] = kept;
    this.counts.set(key, 1);
  }
}

/**
 * Merges `bs` into `s` as basic-policy's loop would, given that `s` is already sorted by t0 (as after
 * any `mergeBlock` step) and every block has t0 ≤ t1.
 */
export function mergeIndexed<B extends Block>(s: readonly B[], bs: readonly B[]): B[] {
  if (bs.length === 0) return sortByT0(s);

  // Every t0 that can ever occur: those of s, and b.t0 / b.t1 (left pieces keep their t0, right
  // pieces start at b.t1), so the index over them can be static.
  const all: number[] = [];
  for (const b of s) all.push(b.t0);
  for (const b of bs) all.push(b.t0, b.t1);
  all.sort(ascending);
  const keys: number[] = [];
  for (const t of all) if (keys.length === 0 || keys[keys.length - 1] !== t) keys.push(t);
  const slot = new Map<number, number>();
  for (let i = 0; i < keys.length; i++) slot.set(keys[i], i);

  const st = new MergeState<B>(keys.length);
  const groups = st.groups;

  for (const b of s) {
    const gi = slot.get(b.t0)!;
    const e = entry(b);
    groups[gi].push(e);
    st.add(e, gi);
  }
  for (let gi = 0; gi < keys.length; gi++) if (groups[gi].length > 0) st.refresh(gi);

  for (const b of bs) {
    const i0 = slot.get(b.t0)!;
    const i1 = slot.get(b.t1)!;
    const bEntry = entry(b);
    // Candidates have t0 < b.t1 (index below i1) and t1 > b.t0: exactly the blocks b overlaps.
    const hit = st.total === 0 ? [] : st.overlapping(i1, b.t0);
    if (hit.length === 0) {
      groups[i0].push(bEntry);
      st.add(bEntry, i0);
      st.refresh(i0);
      continue;
    }

    const firstT0 = keys[hit[0]];
    const rightPieces: Entry<B>[] = [];
    let placed = false;
    let seenFirst = false;
    for (const gi of hit) {
      const next: Entry<B>[] = [];
      for (const e of groups[gi]) {
        const eb = e.block;
        if (eb.t1 <= b.t0) {
          next.push(e);
          continue;
        }
        st.remove(e);
        if (eb.t0 < b.t0) {
          const left = entry(withTimes(eb, eb.t0, b.t0));
          next.push(left);
          st.add(left, gi);
        } else if (!seenFirst && eb.t0 === b.t0) {
          next.push(bEntry);
          placed = true;
        }
        seenFirst = true;
        if (b.t1 < eb.t1) rightPieces.push(entry(withTimes(eb, b.t1, eb.t1)));
      }
      groups[gi] = next;
    }
    if (rightPieces.length > 0) {
      groups[i1] = [...rightPieces, ...groups[i1]];
      for (const e of rightPieces) st.add(e, i1);
    }
    if (!placed) {
      if (firstT0 < b.t0) groups[i0].unshift(bEntry);
      else groups[i0].push(bEntry);
    }
    st.add(bEntry, i0);

    const touched = new Set<number>([...hit, i0, i1]);
    // basic-policy's merge de-duplicates the whole sequence whenever b overlaps something.
    for (const [key, gi] of st.dupGroups) {
      st.dedupe(key, gi);
      touched.add(gi);
    }
    st.dupGroups.clear();
    for (const gi of touched) st.refresh(gi);
  }

  const out: B[] = [];
  for (const g of groups) for (const e of g) out.push(e.block);
  return out;
}
