/**
 * CPython (>= 3.8, 64-bit) `hash()` of ints and nested int tuples (basic-policy §7). The original seeded
 * its calibration-scan generator from `hash(key)`, so parity needs the exact algorithm.
 */

/** A Python-hashable key: an int or a (nested) tuple of them. */
export type PyKey = number | bigint | readonly PyKey[];

const MASK64 = (1n << 64n) - 1n;
/** Modulus CPython reduces ints by (`_PyHASH_MODULUS`, 2^61 − 1). */
const HASH_MODULUS = (1n << 61n) - 1n;
const P1 = 11400714785074694791n;
const P2 = 14029467366897019727n;
const P5 = 2870177450012600261n;

function intHash(x: bigint): bigint {
  // CPython hashes |x| mod (2^61 − 1) and restores the sign; −1 is reserved for errors in C.
  const r = x < 0n ? -(-x % HASH_MODULUS) : x % HASH_MODULUS;
  return r === -1n ? -2n : r;
}

function rotl31(x: bigint): bigint {
  return ((x << 31n) | (x >> 33n)) & MASK64;
}

/** `hash(key)` exactly as 64-bit CPython ≥ 3.8 computes it (signed result). */
export function pyHash(key: PyKey): bigint {
  if (typeof key === 'bigint') return intHash(key);
  if (typeof key === 'number') {
    if (!Number.isSafeInteger(key)) {
      throw new TypeError(`pyHash only supports integers and tuples, got ${key}`);
    }
    return intHash(BigInt(key));
  }
  // Tuple hash: the xxHash-based algorithm of CPython 3.8 (Objects/tupleobject.c).
  let acc = P5;
  for (const item of key) {
    const lane = BigInt.asUintN(64, pyHash(item));
    acc = (acc + lane * P2) & MASK64;
    acc = (rotl31(acc) * P1) & MASK64;
  }
  acc = (acc + (BigInt(key.length) ^ (P5 ^ 3527539n))) & MASK64;
  if (acc === MASK64) return 1546275796n;
  return BigInt.asIntN(64, acc);
}
