/**
 * fast-check arbitraries for the property tests of the Sun and mount rules. `fc.double({ min, max })`
 * draws evenly over the bit patterns of the doubles in the range, so nearly all its values are tiny
 * (below 1e-10 in [0, 360]): a property over angles then mostly meets a degenerate sky. `angle`
 * spreads its values evenly over the degrees and still mixes in `fc.double`'s (zero, tiny values,
 * the bounds), one draw in five.
 */
import fc from 'fast-check';

/** Steps of the even grid over `[lo, hi]`. */
const STEPS = 1_000_000;

/** Angles in degrees over `[lo, hi]`: four draws in five evenly spread, one from `fc.double`. */
export function angle(lo: number, hi: number): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 0, max: STEPS }).map((k) => lo + ((hi - lo) * k) / STEPS) },
    { weight: 1, arbitrary: fc.double({ min: lo, max: hi, noNaN: true }) },
  );
}
