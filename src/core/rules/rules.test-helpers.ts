/** Small builders shared by the rule specs (test-only). */
import { parseInstant } from '../time/iso';
import type { Micros } from '../time/micros';

/** Parses a UTC time string for a test, failing loudly on a typo. */
export function utc(text: string): Micros {
  const t = parseInstant(text);
  if (t === undefined) throw new Error(`bad test time ${text}`);
  return t;
}

/** A fixed uniform draw, standing in for a PRNG key in tests. */
export function fixedUniform(u: number): { uniform(lo?: number, hi?: number): number } {
  return { uniform: (lo = 0, hi = 1) => lo + (hi - lo) * u };
}
