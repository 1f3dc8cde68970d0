/**
 * MT19937 with the reference `init_genrand` seeding, as numpy's legacy `RandomState(seed)` uses
 * for an integer seed (basic-policy §7).
 */

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/** A Mersenne Twister generator; one instance per stream, never shared between requests. */
export class Mt19937 {
  private readonly mt = new Uint32Array(N);
  private mti = N;

  /** Seeds with `init_genrand(seed)`; `seed` must be a uint32. */
  constructor(seed: number) {
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
      throw new RangeError(`Mt19937 seed must be a uint32, got ${seed}`);
    }
    const mt = this.mt;
    mt[0] = seed >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1] ^ (mt[i - 1] >>> 30);
      // Math.imul keeps the 32-bit product exact where a double multiply would lose bits.
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.mti = N;
  }

  /**
   * Next 32-bit output (`genrand_int32`). The reference regenerates all 624 words when a block
   * starts; here each word is regenerated when it is drawn, in the same order, which reads the
   * same words (the ones after it not yet regenerated, the ones before it already regenerated):
   * the same outputs, and a request drawing a few numbers skips 600 steps.
   */
  nextUint32(): number {
    const mt = this.mt;
    const i = this.mti < N ? this.mti : 0;
    const y0 = (mt[i] & UPPER_MASK) | (mt[i + 1 < N ? i + 1 : 0] & LOWER_MASK);
    let y = mt[i + M < N ? i + M : i + M - N] ^ (y0 >>> 1) ^ (y0 & 1 ? MATRIX_A : 0);
    mt[i] = y;
    this.mti = i + 1;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  /** A double in [0, 1) with 53 random bits (`genrand_res53`, numpy's `random_sample`). */
  random(): number {
    const a = this.nextUint32() >>> 5;
    const b = this.nextUint32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  }
}
