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
 * Samples `[from, to]` (seconds) at its ends and on a grid of at most `FIRST_GRID_S`, then splits
 * every interval longer than `CHECK_RESOLUTION_S` whose ends `settled` does not accept, depth first
 * from the last interval. `sample` judges each instant (and records what it finds).
 */
export function refineOverTime<S extends { readonly t: number }>(
  from: number,
  to: number,
  sample: (t: number) => S,
  settled: (a: S, b: S) => boolean,
): void {
  // The intervals still to settle, as their ends side by side (a, b, a, b, ...): no pair built per interval.
  const stack: S[] = [];
  const n = Math.max(1, Math.ceil((to - from) / FIRST_GRID_S));
  let previous = sample(from);
  for (let i = 1; i <= n; i++) {
    const next = sample(i === n ? to : from + ((to - from) * i) / n);
    stack.push(previous, next);
    previous = next;
  }
  while (stack.length > 0) {
    const b = stack.pop()!;
    const a = stack.pop()!;
    if (b.t - a.t <= CHECK_RESOLUTION_S || settled(a, b)) continue; // both ends judged
    const mid = sample((a.t + b.t) / 2);
    stack.push(a, mid, mid, b);
  }
}
