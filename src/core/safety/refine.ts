/**
 * The time search both of the checker's Sun tests use (pointings in `checker.ts`, moves in
 * `moves.ts`): samples on a first grid, then each interval split at its midpoint until the
 * caller's bound settles it or it is at most `CHECK_RESOLUTION_S` long (then its two samples are
 * what is judged).
 */

/** Shortest interval the search splits, seconds: below it the samples are judged as they are. */
export const CHECK_RESOLUTION_S = 1;

/** Spacing of the first samples, seconds, before the search refines. */
export const FIRST_GRID_S = 600;

/**
 * What one search judges: `sample` judges an instant (and records what it finds), `settled` says
 * whether an interval's two samples prove it. The callers implement it as classes, not closures:
 * V8 keeps a closure's optimised code only while one of its instances lives, so closures made for
 * each search were compiled again after every full collection (bench/README.md, "The nursery in
 * operation"); methods keep theirs.
 */
export interface TimeSearch<S extends { readonly t: number }> {
  sample(t: number): S;
  settled(a: S, b: S): boolean;
}

/**
 * Samples `[from, to]` (seconds) at its ends and on a grid of at most `FIRST_GRID_S`, then splits
 * every interval longer than `CHECK_RESOLUTION_S` whose ends `search.settled` does not accept,
 * depth first from the last interval.
 */
export function refineOverTime<S extends { readonly t: number }>(from: number, to: number, search: TimeSearch<S>): void {
  // The intervals still to settle, as their ends side by side (a, b, a, b, ...): no pair built per interval.
  const stack: S[] = [];
  const n = Math.max(1, Math.ceil((to - from) / FIRST_GRID_S));
  let previous = search.sample(from);
  for (let i = 1; i <= n; i++) {
    const next = search.sample(i === n ? to : from + ((to - from) * i) / n);
    stack.push(previous, next);
    previous = next;
  }
  while (stack.length > 0) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    if (b.t - a.t <= CHECK_RESOLUTION_S || search.settled(a, b)) continue; // both ends judged
    const mid = search.sample((a.t + b.t) / 2);
    stack.push(a, mid, mid, b);
  }
}
