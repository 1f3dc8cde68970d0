/**
 * Cubic spline interpolation with scipy's `CubicSpline(x, y, bc_type='not-a-knot')` semantics:
 * n = 2 gives the line, n = 3 the parabola through the three points, n ≥ 4 the not-a-knot spline.
 * Evaluation outside `[x[0], x[n-1]]` extrapolates with the end pieces (scipy's default), or
 * clamps to the end values with `evaluateClamped`.
 *
 * Splines over the same breakpoints can share one `SplineKnots`: the not-a-knot system's matrix
 * depends on the breakpoints only, so it is eliminated once and each spline only replays the
 * elimination on its right-hand side. Every arithmetic operation, and its order, is the one of
 * a separate solve, so a shared spline gives bit for bit the values of an unshared one.
 */

import { HEAP, type Float64Allocator } from './arena';

// Math functions as module constants: under Jest's vm context each global lookup (`Math.x`)
// costs more than the maths itself.
const { abs } = Math;

/** A growable scratch array (the pipeline is synchronous: no two solves interleave). */
function scratch(buf: Float64Array, n: number): Float64Array {
  return buf.length >= n ? buf : new Float64Array(Math.max(n, 2 * buf.length));
}

/** Right-hand sides solved side by side in `derivativesMany`. */
const LANES = 4;
const EMPTY: Float64Array = new Float64Array(0);
let scratchRhs: Float64Array = new Float64Array(1024);
let scratchLower: Float64Array = new Float64Array(1024);
let scratchSlope: Float64Array = new Float64Array(1024);
let scratchSpare: Float64Array = new Float64Array(1024);
const scratchLanes: Float64Array[] = Array.from({ length: LANES }, () => new Float64Array(1024));
// Per data set of `valuesClamped`: typed copy, slopes and derivatives.
const scratchY: Float64Array[] = [];
const scratchSlopes: Float64Array[] = [];
const scratchSs: Float64Array[] = [];

/**
 * Strictly increasing breakpoints and, for n ≥ 4, the not-a-knot system's matrix after banded
 * elimination with partial pivoting (LAPACK gbsv's method, which scipy calls): the final upper
 * band and, per step, the row swap and the multiplier, to replay on any right-hand side.
 */
export class SplineKnots {
  /** Breakpoints, strictly increasing. */
  readonly x: Float64Array;
  /** `x[i+1] − x[i]`. */
  readonly dx: Float64Array;
  // Upper band after elimination (diagonal, first and second super-diagonals), n ≥ 4 only.
  private readonly a0: Float64Array;
  private readonly a1: Float64Array;
  private readonly a2: Float64Array;
  // Elimination step i: swapped rows i and i+1 first (1) or not (0), then row i+1 -= f[i] × row i.
  private readonly swap: Float64Array;
  private readonly f: Float64Array;

  /**
   * Checks and factorises the breakpoints `x` (at least 2, strictly increasing); its arrays come
   * from `alloc` (an arena when the knots do not outlive a computation).
   */
  constructor(x: ArrayLike<number>, alloc: Float64Allocator = HEAP) {
    const n = x.length;
    if (n < 2) throw new RangeError('CubicSpline: at least 2 points are needed');
    const xs = alloc.copy(x);
    const dx = alloc.take(n - 1);
    for (let i = 0; i < n - 1; i++) {
      dx[i] = xs[i + 1] - xs[i];
      if (!(dx[i] > 0)) throw new RangeError('CubicSpline: x must be strictly increasing');
    }
    this.x = xs;
    this.dx = dx;
    const m = n >= 4 ? n : 0;
    this.a0 = alloc.take(m);
    this.a1 = alloc.take(m);
    this.a2 = alloc.take(m);
    this.swap = alloc.take(m);
    this.f = alloc.take(m);
    if (m > 0) this.eliminate();
  }

  /** Number of breakpoints. */
  get length(): number {
    return this.x.length;
  }

  /**
   * The matrix half of scipy's system: lower[i]·s[i−1] + diag[i]·s[i] + upper[i]·s[i+1] = rhs[i],
   * eliminated with partial pivoting (the not-a-knot end rows are not diagonally dominant). A row
   * swap can create one extra super-diagonal (a2).
   */
  private eliminate(): void {
    const { x, dx, a0, a1, a2, swap, f } = this;
    const n = x.length;
    const l = (scratchLower = scratch(scratchLower, n));
    for (let i = 1; i < n - 1; i++) {
      l[i] = dx[i];
      a0[i] = 2 * (dx[i - 1] + dx[i]);
      a1[i] = dx[i - 1];
    }
    a0[0] = dx[1];
    a1[0] = x[2] - x[0];
    a0[n - 1] = dx[n - 3];
    l[n - 1] = x[n - 1] - x[n - 3];
    for (let i = 0; i < n - 1; i++) {
      if (i >= 1 && i + 2 < n && swap[i - 1] === 0 && a0[i] === a0[i - 1] && a1[i] === a1[i - 1] && dx[i + 1] === dx[i] && dx[i] === dx[i - 1]) {
        // Steady state (equally spaced breakpoints reach it after ~17 rows): step i starts from the
        // same pivot row as step i−1 and meets the same original row, so it does exactly what step
        // i−1 did and leaves row i+1 as row i was; so does every step after it while the spacing
        // stays the same. Fill those steps in instead of dividing through them.
        const fi = f[i - 1];
        const e0 = a0[i];
        const e1 = a1[i];
        let j = i;
        for (; j + 2 < n && dx[j + 1] === dx[j]; j++) {
          f[j] = fi;
          l[j + 1] = 0;
          a0[j + 1] = e0;
          a1[j + 1] = e1;
        }
        i = j - 1;
        continue;
      }
      if (abs(l[i + 1]) > abs(a0[i])) {
        // Swap rows i and i+1 (row i+1 has entries at columns i, i+1, i+2).
        const r0 = l[i + 1];
        const r1 = a0[i + 1];
        const r2 = i + 2 < n ? a1[i + 1] : 0;
        l[i + 1] = a0[i];
        a0[i + 1] = a1[i];
        if (i + 2 < n) a1[i + 1] = a2[i];
        a0[i] = r0;
        a1[i] = r1;
        a2[i] = r2;
        swap[i] = 1;
      }
      const fi = l[i + 1] / a0[i];
      f[i] = fi;
      l[i + 1] = 0;
      a0[i + 1] -= fi * a1[i];
      if (i + 2 < n) a1[i + 1] -= fi * a2[i];
    }
  }

  /**
   * Slopes of the pieces of the data `y` into `slope[0..n-2]`, and the not-a-knot first
   * derivatives at the breakpoints into `s[0..n-1]` down to index `from` (the back substitution
   * stops there: a single piece needs only its two ends).
   */
  derivatives(y: ArrayLike<number>, slope: Float64Array, s: Float64Array, from = 0): void {
    const n = this.x.length;
    if (y.length !== n) throw new RangeError('CubicSpline: x and y must have the same length');
    if (n <= 3) return this.derivativesSmall(y, slope, s);
    const b = (scratchRhs = scratch(scratchRhs, n));
    this.rightHandSide(y, slope, b);
    const { a0, a1, a2, swap, f } = this;
    for (let i = 0; i < n - 1; i++) {
      if (swap[i] === 1) {
        const tb = b[i];
        b[i] = b[i + 1];
        b[i + 1] = tb;
      }
      b[i + 1] -= f[i] * b[i];
    }
    for (let i = n - 1; i >= from; i--) {
      let acc = b[i];
      if (i + 1 < n) acc -= a1[i] * s[i + 1];
      if (i + 2 < n) acc -= a2[i] * s[i + 2];
      s[i] = acc / a0[i];
    }
  }

  /**
   * `derivatives` for several data sets over these breakpoints at once: `ys[k]` into `slopes[k]`
   * and `ss[k]`. The elimination and back substitution are chains of dependent divisions; run four
   * side by side, they overlap in the processor instead of waiting on each other (3x faster,
   * measured), each with exactly the operations of its own solve.
   */
  derivativesMany(ys: readonly ArrayLike<number>[], slopes: readonly Float64Array[], ss: readonly Float64Array[], from = 0): void {
    const n = this.x.length;
    const m = ys.length;
    if (n <= 3) {
      for (let k = 0; k < m; k++) this.derivatives(ys[k], slopes[k], ss[k], from);
      return;
    }
    for (let k = 0; k < m; k++) {
      if (ys[k].length !== n) throw new RangeError('CubicSpline: x and y must have the same length');
    }
    for (let k0 = 0; k0 < m; k0 += LANES) {
      // Unused lanes of the last group run on a spare right-hand side: same time, result unused.
      const lane = (k: number): [Float64Array, Float64Array] => {
        const b = (scratchLanes[k - k0] = scratch(scratchLanes[k - k0], n));
        if (k < m) {
          this.rightHandSide(ys[k], slopes[k], b);
          return [b, ss[k]];
        }
        b.fill(0, 0, n);
        return [b, (scratchSpare = scratch(scratchSpare, n))];
      };
      const [b0, s0] = lane(k0);
      const [b1, s1] = lane(k0 + 1);
      const [b2, s2] = lane(k0 + 2);
      const [b3, s3] = lane(k0 + 3);
      this.solve4(n, b0, b1, b2, b3, s0, s1, s2, s3, from);
    }
  }

  /** Four right-hand sides `b*` into solutions `s*` (down to `from`), the steps of `derivatives` in each. */
  private solve4(
    n: number,
    b0: Float64Array,
    b1: Float64Array,
    b2: Float64Array,
    b3: Float64Array,
    s0: Float64Array,
    s1: Float64Array,
    s2: Float64Array,
    s3: Float64Array,
    from: number,
  ): void {
    const { a0, a1, a2, swap, f } = this;
    for (let i = 0; i < n - 1; i++) {
      if (swap[i] === 1) {
        let tb = b0[i];
        b0[i] = b0[i + 1];
        b0[i + 1] = tb;
        tb = b1[i];
        b1[i] = b1[i + 1];
        b1[i + 1] = tb;
        tb = b2[i];
        b2[i] = b2[i + 1];
        b2[i + 1] = tb;
        tb = b3[i];
        b3[i] = b3[i + 1];
        b3[i + 1] = tb;
      }
      const fi = f[i];
      b0[i + 1] -= fi * b0[i];
      b1[i + 1] -= fi * b1[i];
      b2[i + 1] -= fi * b2[i];
      b3[i + 1] -= fi * b3[i];
    }
    for (let i = n - 1; i >= from; i--) {
      let c0 = b0[i];
      let c1 = b1[i];
      let c2 = b2[i];
      let c3 = b3[i];
      if (i + 1 < n) {
        const u = a1[i];
        c0 -= u * s0[i + 1];
        c1 -= u * s1[i + 1];
        c2 -= u * s2[i + 1];
        c3 -= u * s3[i + 1];
      }
      if (i + 2 < n) {
        const u = a2[i];
        c0 -= u * s0[i + 2];
        c1 -= u * s1[i + 2];
        c2 -= u * s2[i + 2];
        c3 -= u * s3[i + 2];
      }
      const d = a0[i];
      s0[i] = c0 / d;
      s1[i] = c1 / d;
      s2[i] = c2 / d;
      s3[i] = c3 / d;
    }
  }

  /** Slopes of `y` into `slope`, and scipy's right-hand side for n ≥ 4 into `b`. */
  private rightHandSide(y: ArrayLike<number>, slope: Float64Array, b: Float64Array): void {
    const { x, dx } = this;
    const n = x.length;
    for (let i = 0; i < n - 1; i++) slope[i] = (y[i + 1] - y[i]) / dx[i];
    for (let i = 1; i < n - 1; i++) b[i] = 3 * (dx[i] * slope[i - 1] + dx[i - 1] * slope[i]);
    const d0 = x[2] - x[0];
    b[0] = ((dx[0] + 2 * d0) * dx[1] * slope[0] + dx[0] * dx[0] * slope[1]) / d0;
    const dn = x[n - 1] - x[n - 3];
    b[n - 1] = (dx[n - 2] * dx[n - 2] * slope[n - 3] + (2 * dn + dx[n - 2]) * dx[n - 3] * slope[n - 2]) / dn;
  }

  /** n = 2: the line; n = 3: the parabola (scipy's 3×3 system). */
  private derivativesSmall(y: ArrayLike<number>, slope: Float64Array, s: Float64Array): void {
    const dx = this.dx;
    const n = this.x.length;
    for (let i = 0; i < n - 1; i++) slope[i] = (y[i + 1] - y[i]) / dx[i];
    if (n === 2) {
      s[0] = slope[0];
      s[1] = slope[0];
      return;
    }
    // The only not-a-knot cubic through 3 points is the parabola: solve scipy's 3×3 system.
    const a = [
      [1, 1, 0],
      [dx[1], 2 * (dx[0] + dx[1]), dx[0]],
      [0, 1, 1],
    ];
    const b = [2 * slope[0], 3 * (dx[0] * slope[1] + dx[1] * slope[0]), 2 * slope[1]];
    const sol = solveDense3(a, b);
    s[0] = sol[0];
    s[1] = sol[1];
    s[2] = sol[2];
  }

  /**
   * Value at `t`, clamped to the end values outside `[x[0], x[n-1]]`, of the spline through
   * `(x[i], y[i])`: the same number as `new CubicSpline(x, y).evaluateClamped(t)`, computing only
   * the piece that holds `t`.
   */
  valueClamped(y: ArrayLike<number>, t: number): number {
    return this.valuesClamped([y], t)[0];
  }

  /** `valueClamped` for several data sets over these breakpoints, solved side by side. */
  valuesClamped(ys: readonly ArrayLike<number>[], t: number): number[] {
    const x = this.x;
    const n = x.length;
    const m = ys.length;
    const tc = t <= x[0] ? x[0] : t >= x[n - 1] ? x[n - 1] : t;
    probe[0] = tc;
    const i = intervalOf(x, 1);
    const typed: Float64Array[] = [];
    const slopes: Float64Array[] = [];
    const ss: Float64Array[] = [];
    for (let k = 0; k < m; k++) {
      const y = ys[k];
      if (y.length !== n) throw new RangeError('CubicSpline: x and y must have the same length');
      // A typed copy first: the solve then reads one array type only, whatever `y` is.
      const yc = (scratchY[k] = scratch(scratchY[k] ?? EMPTY, n)).subarray(0, n);
      for (let j = 0; j < n; j++) yc[j] = y[j];
      typed.push(yc);
      slopes.push((scratchSlopes[k] = scratch(scratchSlopes[k] ?? EMPTY, n)));
      ss.push((scratchSs[k] = scratch(scratchSs[k] ?? EMPTY, n)));
    }
    this.derivativesMany(typed, slopes, ss, i);
    const dxi = this.dx[i];
    const h = tc - x[i];
    const out: number[] = [];
    for (let k = 0; k < m; k++) {
      const s = ss[k];
      const slope = slopes[k][i];
      const u = (s[i] + s[i + 1] - 2 * slope) / dxi;
      const c3 = u / dxi;
      const c2 = (slope - s[i]) / dxi - u;
      out.push(((c3 * h + c2) * h + s[i]) * h + typed[k][i]);
    }
    return out;
  }
}

/**
 * The instant `intervalOf` looks for, passed through this array: `evaluate` calls the search
 * (not inlined: its loops' budget is spent) once for nearly every sample, as samples advance a
 * piece each, and a number passed as an argument to a call that is not inlined is boxed on the
 * heap. The pipeline is synchronous: no two searches interleave.
 */
const probe = new Float64Array(1);

/**
 * Index of the piece for `t = probe[0]`: `x[i] ≤ t < x[i+1]`, the end pieces outside (as scipy's
 * PPoly), NaN in the first. Searches outwards from `hint` (the previous answer: evaluations
 * usually move forward a little), then by bisection; the piece is unique, so the answer never
 * depends on it.
 */
function intervalOf(x: Float64Array, hint: number): number {
  const t = probe[0];
  const last = x.length - 2;
  if (!(t >= x[1])) return 0; // also NaN
  if (t >= x[last]) return last;
  // Here 1 ≤ answer ≤ last − 1 and x[1] ≤ t < x[last].
  let lo: number;
  let hi: number;
  const h = hint < 1 ? 1 : hint > last - 1 ? last - 1 : hint;
  if (x[h] <= t) {
    if (t < x[h + 1]) return h;
    lo = h + 1;
    let step = 1;
    hi = lo + step;
    while (hi < last && x[hi] <= t) {
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
    if (hi > last) hi = last;
  } else {
    hi = h;
    let step = 1;
    lo = hi - step;
    while (lo > 1 && x[lo] > t) {
      hi = lo;
      step *= 2;
      lo = hi - step;
    }
    if (lo < 1) lo = 1;
  }
  // Invariant: x[lo] ≤ t < x[hi].
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (x[mid] <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Options of `CubicSpline`. */
export interface SplineOptions {
  /** Where the spline's arrays come from. @default HEAP */
  readonly alloc?: Float64Allocator;
  /** Slopes and derivatives already solved for exactly these knots and data (`SplineKnots.derivativesMany`). */
  readonly solved?: { readonly slope: Float64Array; readonly s: Float64Array };
}

/** A piecewise cubic: on `[x[i], x[i+1])`, `y = c3·h³ + c2·h² + c1·h + c0` with `h = t − x[i]`. */
export class CubicSpline {
  /** Breakpoints, strictly increasing. */
  readonly x: Float64Array;
  private readonly c0: Float64Array;
  private readonly c1: Float64Array;
  private readonly c2: Float64Array;
  private readonly c3: Float64Array;
  /** The piece found last: where the next search starts. */
  private hint = 1;
  /** The piece `evaluateOther` found last. */
  private otherHint = 1;

  /**
   * Builds the not-a-knot spline through `(x[i], y[i])`; `x` must be strictly increasing, or the
   * `SplineKnots` of such breakpoints (shared with other splines over them). Options: `alloc`, where
   * its arrays come from (an arena when the spline does not outlive a computation); `solved`, the
   * slopes and derivatives `knots.derivatives(y, …)` gives (see `family`).
   */
  constructor(x: ArrayLike<number> | SplineKnots, y: ArrayLike<number>, options: SplineOptions = {}) {
    const knots = x instanceof SplineKnots ? x : undefined;
    const n = x.length;
    if (n !== y.length) throw new RangeError('CubicSpline: x and y must have the same length');
    const alloc = options.alloc ?? HEAP;
    const k = knots ?? new SplineKnots(x as ArrayLike<number>, alloc);
    const m = n - 1;
    const ys = alloc.copy(y);
    let slope: Float64Array;
    let s: Float64Array;
    if (options.solved !== undefined) {
      slope = options.solved.slope;
      s = options.solved.s;
    } else {
      slope = scratchSlope = scratch(scratchSlope, n);
      s = alloc.take(n);
      k.derivatives(ys, slope, s);
    }
    const dx = k.dx;
    this.x = k.x;
    this.c0 = ys.subarray(0, m);
    this.c1 = s.subarray(0, m);
    this.c2 = alloc.take(m);
    this.c3 = alloc.take(m);
    for (let i = 0; i < m; i++) {
      // Hermite form of each piece, as scipy's CubicHermiteSpline builds it.
      const t = (s[i] + s[i + 1] - 2 * slope[i]) / dx[i];
      this.c3[i] = t / dx[i];
      this.c2[i] = (slope[i] - s[i]) / dx[i] - t;
    }
  }

  /**
   * The splines through `(x, ys[k])` for every `k`, their systems solved side by side
   * (`SplineKnots.derivativesMany`): the same splines as built one by one.
   */
  static family(knots: SplineKnots, ys: readonly ArrayLike<number>[], alloc: Float64Allocator = HEAP): CubicSpline[] {
    const n = knots.length;
    const typed = ys.map((y) => alloc.copy(y));
    const slopes = ys.map((_, k) => (scratchSlopes[k] = scratch(scratchSlopes[k] ?? EMPTY, n)));
    const ss = ys.map(() => alloc.take(n));
    knots.derivativesMany(typed, slopes, ss);
    return typed.map((y, k) => new CubicSpline(knots, y, { alloc, solved: { slope: slopes[k], s: ss[k] } }));
  }

  /** Value at `t`, extrapolating with the first or last piece outside the breakpoints. */
  evaluate(t: number): number {
    const x = this.x;
    let i = this.hint;
    // The previous inner piece again, the common case, tested here: intervalOf gives the same
    // answer for it, and the search is only called (not inlined with this) when the piece moves.
    if (!(i >= 1 && i <= x.length - 3 && x[i] <= t && t < x[i + 1])) {
      probe[0] = t;
      i = this.hint = intervalOf(x, i);
    }
    const h = t - x[i];
    return ((this.c3[i] * h + this.c2[i]) * h + this.c1[i]) * h + this.c0[i];
  }

  /**
   * `evaluate`, remembering its piece apart from it: for a second sequence of evaluations
   * interleaved with a first one (each then finds its piece where it left it).
   */
  evaluateOther(t: number): number {
    const x = this.x;
    let i = this.otherHint;
    if (!(i >= 1 && i <= x.length - 3 && x[i] <= t && t < x[i + 1])) {
      probe[0] = t;
      i = this.otherHint = intervalOf(x, i);
    }
    const h = t - x[i];
    return ((this.c3[i] * h + this.c2[i]) * h + this.c1[i]) * h + this.c0[i];
  }

  /** Value at `t` clamped to the end values outside `[x[0], x[n-1]]` (no extrapolation). */
  evaluateClamped(t: number): number {
    const n = this.x.length;
    if (t <= this.x[0]) return this.evaluate(this.x[0]);
    if (t >= this.x[n - 1]) return this.evaluate(this.x[n - 1]);
    return this.evaluate(t);
  }

  /** Values at every `t` (extrapolating). */
  evaluateMany(ts: ArrayLike<number>): Float64Array {
    const out = new Float64Array(ts.length);
    for (let k = 0; k < ts.length; k++) out[k] = this.evaluate(ts[k]);
    return out;
  }
}

/** Gaussian elimination with partial pivoting for a 3×3 system. */
export function solveDense3(a: number[][], b: number[]): number[] {
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < 3; c++) {
    let p = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = c + 1; r < 3; r++) {
      const f = m[r][c] / m[c][c];
      for (let k = c; k < 4; k++) m[r][k] -= f * m[c][k];
    }
  }
  const x = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let acc = m[r][3];
    for (let k = r + 1; k < 3; k++) acc -= m[r][k] * x[k];
    x[r] = acc / m[r][r];
  }
  return x;
}

/**
 * scipy-style `interp_extra`: sorts `(x, y)` by x, fits a not-a-knot cubic spline and evaluates
 * it at `xNew`, extrapolating outside the data.
 */
export function interpExtra(
  xNew: ArrayLike<number>,
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): Float64Array {
  const order = Array.from({ length: x.length }, (_, i) => i).sort((i, j) => x[i] - x[j]);
  const spline = new CubicSpline(
    order.map((i) => x[i]),
    order.map((i) => y[i]),
  );
  return spline.evaluateMany(xNew);
}
