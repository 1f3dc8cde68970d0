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

/**
 * Merges `bs` into `s` as basic-policy's loop would, given that `s` is already sorted by t0 (as after
 * any `mergeBlock` step) and every block has t0 ≤ t1.
 */
export function mergeIndexed<B extends Block>(s: readonly B[], bs: readonly B[]): B[] {
  if (bs.length === 0) return sortByT0(s);

  // Every t0 that can ever occur: those of s, and b.t0 / b.t1 (left pieces keep their t0, right
  // pieces start at b.t1), so the index over them can be static.
  const all: number[] = s.map((b) => b.t0);
  for (const b of bs) all.push(b.t0, b.t1);
  all.sort((x, y) => x - y);
  const keys: number[] = [];
  for (const t of all) if (keys.length === 0 || keys[keys.length - 1] !== t) keys.push(t);
  const slot = new Map<number, number>();
  keys.forEach((t, i) => slot.set(t, i));

  const groups: Entry<B>[][] = keys.map(() => []);
  let size = 1;
  while (size < keys.length) size *= 2;
  const maxT1 = new Float64Array(2 * size).fill(-Infinity);

  const refresh = (gi: number): void => {
    let m = -Infinity;
    for (const e of groups[gi]) if (e.block.t1 > m) m = e.block.t1;
    let p = gi + size;
    maxT1[p] = m;
    for (p >>= 1; p >= 1; p >>= 1) maxT1[p] = Math.max(maxT1[2 * p], maxT1[2 * p + 1]);
  };

  // Value counts, so that de-duplication only visits groups that hold a duplicate.
  const counts = new Map<string, number>();
  const dupGroups = new Map<string, number>();
  let total = 0;
  const add = (e: Entry<B>, gi: number): void => {
    const c = (counts.get(e.key) ?? 0) + 1;
    counts.set(e.key, c);
    if (c === 2) dupGroups.set(e.key, gi);
    total++;
  };
  const remove = (e: Entry<B>): void => {
    const c = counts.get(e.key)! - 1;
    if (c === 0) counts.delete(e.key);
    else counts.set(e.key, c);
    if (c === 1) dupGroups.delete(e.key);
    total--;
  };

  /** Groups with index < `hi` holding a block whose t1 > `after`, in ascending order. */
  const overlapping = (hi: number, after: number): number[] => {
    const out: number[] = [];
    const visit = (node: number, lo: number, width: number): void => {
      if (lo >= hi || maxT1[node] <= after) return;
      if (node >= size) {
        out.push(node - size);
        return;
      }
      const half = width / 2;
      visit(2 * node, lo, half);
      visit(2 * node + 1, lo + half, half);
    };
    visit(1, 0, size);
    return out;
  };

  for (const b of s) {
    const gi = slot.get(b.t0)!;
    const e = entry(b);
    groups[gi].push(e);
    add(e, gi);
  }
  for (let gi = 0; gi < keys.length; gi++) if (groups[gi].length > 0) refresh(gi);

  for (const b of bs) {
    const i0 = slot.get(b.t0)!;
    const i1 = slot.get(b.t1)!;
    const bEntry = entry(b);
    // Candidates have t0 < b.t1 (index below i1) and t1 > b.t0: exactly the blocks b overlaps.
    const hit = total === 0 ? [] : overlapping(i1, b.t0);
    if (hit.length === 0) {
      groups[i0].push(bEntry);
      add(bEntry, i0);
      refresh(i0);
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
        remove(e);
        if (eb.t0 < b.t0) {
          const left = entry(withTimes(eb, eb.t0, b.t0));
          next.push(left);
          add(left, gi);
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
      for (const e of rightPieces) add(e, i1);
    }
    if (!placed) {
      if (firstT0 < b.t0) groups[i0].unshift(bEntry);
      else groups[i0].push(bEntry);
    }
    add(bEntry, i0);

    const touched = new Set<number>([...hit, i0, i1]);
    // basic-policy's merge de-duplicates the whole sequence whenever b overlaps something.
    for (const [key, gi] of dupGroups) {
      let kept = false;
      groups[gi] = groups[gi].filter((e) => {
        if (e.key !== key) return true;
        if (!kept) return (kept = true);
        total--;
        return false;
      });
      counts.set(key, 1);
      touched.add(gi);
    }
    dupGroups.clear();
    for (const gi of touched) refresh(gi);
  }

  const out: B[] = [];
  for (const g of groups) for (const e of g) out.push(e.block);
  return out;
}
