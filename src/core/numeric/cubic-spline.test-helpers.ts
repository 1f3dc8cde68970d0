import { solveDense3 } from './cubic-spline';

/**
 * The spline as it was before the shared-factorisation and side-by-side solves (commit 27908e9),
 * kept only as the reference the specs compare the fast one against, bit for bit. Test-only.
 */
export class ReferenceSpline {
  /** Breakpoints, strictly increasing. */
  readonly x: Float64Array;
  private readonly c0: Float64Array;
  private readonly c1: Float64Array;
  private readonly c2: Float64Array;
  private readonly c3: Float64Array;

  /** Builds the not-a-knot spline through `(x[i], y[i])`; `x` must be strictly increasing. */
  constructor(x: ArrayLike<number>, y: ArrayLike<number>) {
    const n = x.length;
    if (n !== y.length) throw new RangeError('ReferenceSpline: x and y must have the same length');
    if (n < 2) throw new RangeError('ReferenceSpline: at least 2 points are needed');
    const xs = Float64Array.from(x);
    const ys = Float64Array.from(y);
    const m = n - 1;
    const dx = new Float64Array(m);
    const slope = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      dx[i] = xs[i + 1] - xs[i];
      if (!(dx[i] > 0)) throw new RangeError('ReferenceSpline: x must be strictly increasing');
      slope[i] = (ys[i + 1] - ys[i]) / dx[i];
    }
    const s = derivativesNotAKnot(xs, dx, slope);
    this.x = xs;
    this.c0 = ys.subarray(0, m);
    this.c1 = s.subarray(0, m);
    this.c2 = new Float64Array(m);
    this.c3 = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      // Hermite form of each piece, as scipy's CubicHermiteSpline builds it.
      const t = (s[i] + s[i + 1] - 2 * slope[i]) / dx[i];
      this.c3[i] = t / dx[i];
      this.c2[i] = (slope[i] - s[i]) / dx[i] - t;
    }
  }

  /** Value at `t`, extrapolating with the first or last piece outside the breakpoints. */
  evaluate(t: number): number {
    const i = this.interval(t);
    const h = t - this.x[i];
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

  /** Index of the piece used for `t`: `x[i] ≤ t < x[i+1]`, end pieces outside (as scipy's PPoly). */
  private interval(t: number): number {
    const x = this.x;
    const last = x.length - 2;
    if (!(t >= x[1])) return 0; // also NaN
    if (t >= x[last]) return last;
    let lo = 1;
    let hi = last; // invariant: x[lo] ≤ t < x[hi]
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (x[mid] <= t) lo = mid;
      else hi = mid;
    }
    return lo;
  }
}

/** First derivatives at the nodes for the not-a-knot conditions (scipy's linear system). */
function derivativesNotAKnot(x: Float64Array, dx: Float64Array, slope: Float64Array): Float64Array {
  const n = x.length;
  const s = new Float64Array(n);
  if (n === 2) {
    s[0] = slope[0];
    s[1] = slope[0];
    return s;
  }
  if (n === 3) {
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
    return s;
  }
  // Tridiagonal system: lower[i]·s[i−1] + diag[i]·s[i] + upper[i]·s[i+1] = rhs[i].
  const lower = new Float64Array(n);
  const diag = new Float64Array(n);
  const upper = new Float64Array(n);
  const rhs = new Float64Array(n);
  for (let i = 1; i < n - 1; i++) {
    lower[i] = dx[i];
    diag[i] = 2 * (dx[i - 1] + dx[i]);
    upper[i] = dx[i - 1];
    rhs[i] = 3 * (dx[i] * slope[i - 1] + dx[i - 1] * slope[i]);
  }
  const d0 = x[2] - x[0];
  diag[0] = dx[1];
  upper[0] = d0;
  rhs[0] = ((dx[0] + 2 * d0) * dx[1] * slope[0] + dx[0] * dx[0] * slope[1]) / d0;
  const dn = x[n - 1] - x[n - 3];
  diag[n - 1] = dx[n - 3];
  lower[n - 1] = dn;
  rhs[n - 1] = (dx[n - 2] * dx[n - 2] * slope[n - 3] + (2 * dn + dx[n - 2]) * dx[n - 3] * slope[n - 2]) / dn;
  solveTridiagonal(lower, diag, upper, rhs, s);
  return s;
}

/**
 * Solves a tridiagonal system into `out`. The not-a-knot end rows are not diagonally dominant, so
 * this uses banded elimination with partial pivoting (as LAPACK's gbsv, which scipy calls).
 */
function solveTridiagonal(
  lower: Float64Array,
  diag: Float64Array,
  upper: Float64Array,
  rhs: Float64Array,
  out: Float64Array,
): void {
  const n = diag.length;
  // A row swap can create one extra super-diagonal (a2).
  const a0 = Float64Array.from(diag); // diagonal
  const a1 = Float64Array.from(upper); // first super-diagonal
  const a2 = new Float64Array(n); // second super-diagonal created by row swaps
  const l = Float64Array.from(lower);
  const b = Float64Array.from(rhs);
  for (let i = 0; i < n - 1; i++) {
    if (Math.abs(l[i + 1]) > Math.abs(a0[i])) {
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
      const tb = b[i];
      b[i] = b[i + 1];
      b[i + 1] = tb;
    }
    const f = l[i + 1] / a0[i];
    l[i + 1] = 0;
    a0[i + 1] -= f * a1[i];
    if (i + 2 < n) a1[i + 1] -= f * a2[i];
    b[i + 1] -= f * b[i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let acc = b[i];
    if (i + 1 < n) acc -= a1[i] * out[i + 1];
    if (i + 2 < n) acc -= a2[i] * out[i + 2];
    out[i] = acc / a0[i];
  }
}


