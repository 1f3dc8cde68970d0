/**
 * Where numeric temporaries come from. A computation that builds many short-lived arrays (a
 * source pass's samples, splines and per-sample columns) takes them from a `Float64Arena` and
 * releases them all at once: no allocation per array, nothing for the garbage collector to copy
 * or promote, and the memory stays one bounded buffer. Code that keeps what it builds uses `HEAP`.
 */

/** Supplier of zero-filled `Float64Array`s. */
export interface Float64Allocator {
  /** A zero-filled array of `n` numbers. */
  take(n: number): Float64Array;
  /** A copy of `a`. */
  copy(a: ArrayLike<number>): Float64Array;
}

/** Plain allocation: arrays that live as long as their holder. */
export const HEAP: Float64Allocator = Object.freeze({
  take: (n: number): Float64Array => new Float64Array(n),
  copy: (a: ArrayLike<number>): Float64Array => Float64Array.from(a),
});

/**
 * Arrays carved from one buffer, valid until the next `reset` (the owner resets at the start of
 * each computation and never lets an array escape it). The buffer doubles when a computation
 * needs more; it then keeps that size, so its memory is bounded by the largest computation.
 */
export class Float64Arena implements Float64Allocator {
  private buffer: Float64Array;
  private used = 0;

  /** `initial`: numbers in the first buffer. */
  constructor(initial = 1 << 15) {
    this.buffer = new Float64Array(initial);
  }

  /** A zero-filled array of `n` numbers from the arena. */
  take(n: number): Float64Array {
    if (this.used + n > this.buffer.length) {
      // Arrays taken so far keep the old buffer alive until the reset; new ones use the new one.
      this.buffer = new Float64Array(Math.max(2 * this.buffer.length, 2 * n));
      this.used = 0;
    }
    const a = this.buffer.subarray(this.used, this.used + n);
    this.used += n;
    a.fill(0);
    return a;
  }

  /** A copy of `a` in the arena. */
  copy(a: ArrayLike<number>): Float64Array {
    const out = this.take(a.length);
    if (a instanceof Float64Array) out.set(a);
    else for (let i = 0; i < a.length; i++) out[i] = a[i];
    return out;
  }

  /** Releases every array taken since the last reset (they must no longer be used). */
  reset(): void {
    this.used = 0;
  }

  /** Numbers the buffer holds (for tests and diagnostics). */
  get capacity(): number {
    return this.buffer.length;
  }
}
