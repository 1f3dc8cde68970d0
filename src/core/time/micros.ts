/**
 * Instants in the core are integer microseconds since the Unix epoch, UTC (`Micros`).
 * Values near 1.7e15 stay below 2^53, so plain numbers are exact; JS `Date` is not precise enough.
 */

/** Integer microseconds since 1970-01-01T00:00:00Z. */
export type Micros = number;

/** Microseconds in one second. */
export const US_PER_S = 1_000_000;
