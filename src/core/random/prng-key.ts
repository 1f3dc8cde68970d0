/**
 * The original's `PRNGKey` (basic-policy §7, finding F3): a key seeds MT19937 with `hash(key) mod
 * (2^32 − 1)`, and every draw restarts from the state saved right after seeding, so the same key
 * always gives the same number.
 */
import * as crypto from 'node:crypto';
import type { Micros } from '../time/micros';
import { pyHash, type PyKey } from './py-hash';
import { Mt19937 } from './mt19937';

const SEED_MODULUS = (1n << 32n) - 1n;

/** Seed of a key: `pyhash(key) mod (2^32 − 1)` with Python floor-mod (always ≥ 0). */
export function seedOfKey(key: PyKey): number {
  const h = pyHash(key);
  const r = h % SEED_MODULUS;
  return Number(r < 0n ? r + SEED_MODULUS : r);
}

/** An immutable random key; `uniform` depends only on the key, never on earlier calls. */
export class PRNGKey {
  /** Seed passed to MT19937. */
  readonly seed: number;
  /** First `random_sample()` after seeding; the only number a key ever yields (F3). */
  private readonly u0: number;

  /** Builds the key for any int / nested-int-tuple value. */
  constructor(readonly key: PyKey) {
    this.seed = seedOfKey(key);
    this.u0 = new Mt19937(this.seed).random();
  }

  /** `lo + (hi − lo)·u0`, the same number on every call (numpy `uniform` after a re-seed). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.u0;
  }

  /** `n` child keys `(key, i)` for `i = 0 … n − 1`; this key is unchanged. */
  split(n: number): PRNGKey[] {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`split needs a count ≥ 0, got ${n}`);
    return Array.from({ length: n }, (_, i) => new PRNGKey([this.key, i]));
  }
}

/** Key `(year, month, day)` of the UTC date of `t`, as the original's `daily_static_key`. */
export function dailyStaticKey(t: Micros): PRNGKey {
  const d = new Date(Math.floor(t / 1000));
  return new PRNGKey([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
}

/**
 * SHA-256 of a UTF-8 string in one call: `crypto.hash` (Node >= 20.12) skips the Hash object that
 * `createHash` builds each time (measured: 40 % of a `dummy` schedule's own time); the same bytes.
 */
const sha256: (text: string) => Buffer =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'buffer')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest();

/** A uint32 from the first 4 bytes (big-endian) of SHA-256 of `text`: seeds per-request streams. */
export function seedFromText(text: string): number {
  return sha256(text).readUInt32BE(0);
}
