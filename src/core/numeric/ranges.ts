/**
 * Index ranges over boolean masks (basic-policy §10.1 `mask2ranges`, `ranges_pad`). A range is a
 * half-open pair `[start, end)` of sample indices.
 */

/** Half-open index range `[start, end)`. */
export type IndexRange = readonly [number, number];

/**
 * Maximal runs of `true` (or non-zero) in the first `n` entries of `mask` (all of them by
 * default), as half-open ranges in increasing order.
 */
export function mask2ranges(mask: ArrayLike<boolean | number>, n: number = mask.length): IndexRange[] {
  const out: IndexRange[] = [];
  let start = -1;
  for (let i = 0; i < n; i++) {
    if (mask[i]) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      out.push([start, i]);
      start = -1;
    }
  }
  if (start >= 0) out.push([start, n]);
  return out;
}

/**
 * Merges sorted ranges left to right whenever the previous end is at or past the next start
 * (touching ranges merge, as in the original).
 */
export function mergeRanges(ranges: readonly IndexRange[]): IndexRange[] {
  const out: [number, number][] = [];
  for (const [a, b] of ranges) {
    const last = out[out.length - 1];
    if (last !== undefined && last[1] >= a) {
      last[1] = Math.max(last[1], b);
    } else {
      out.push([a, b]);
    }
  }
  return out;
}

/** Clips each range to `[0, n]`, dropping the ones left empty. */
export function clipRanges(ranges: readonly IndexRange[], n: number): IndexRange[] {
  const out: IndexRange[] = [];
  for (const [a, b] of ranges) {
    const lo = Math.max(0, a);
    const hi = Math.min(n, b);
    if (hi > lo) out.push([lo, hi]);
  }
  return out;
}

/** Pads each range by `pad` on both sides, clips to `[0, n]` and merges overlapping neighbours. */
export function rangesPad(ranges: readonly IndexRange[], pad: number, n: number): IndexRange[] {
  return mergeRanges(clipRanges(ranges.map(([a, b]) => [a - pad, b + pad] as const), n));
}

/** The complement of sorted, disjoint `ranges` inside `[0, n)`. */
export function rangesComplement(ranges: readonly IndexRange[], n: number): IndexRange[] {
  const out: IndexRange[] = [];
  let cursor = 0;
  for (const [a, b] of ranges) {
    if (a > cursor) out.push([cursor, Math.min(a, n)]);
    cursor = Math.max(cursor, b);
  }
  if (cursor < n) out.push([cursor, n]);
  return out;
}
