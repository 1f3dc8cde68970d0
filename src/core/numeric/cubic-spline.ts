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

// Math functions as module constants: under Jest's vm context each global lookup (`Math.x`)
// costs more than the maths itself.
const { abs } = Math;

/** A growable scratch array (the pipeline is synchronous: no two solves interleave). */
function scratch(buf: Float64Array, n: number): Float64Array {
  return buf.length >= n ? buf : new Float64Array(Math.max(n, 2 * buf.length));
}

let scratchRhs: Float64Array = new Float64Array(1024);
let scratchSlope: Float64Array = new Float64Array(1024);
let scratchS: Float64Array = new Float64Array(1024);
let scratchY: Float64Array = new Float64Array(1024);

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
  private readonly swap: Uint8Array;
  private readonly f: Float64Array;

  /** Checks and factorises the breakpoints `x` (at least 2, strictly increasing). */
  constructor(x: ArrayLike<number>) {
    const n = x.length;
    if (n < 2) throw new RangeError('CubicSpline: at least 2 points are needed');
    const xs = Float64Array.from(x);
    const dx = new Float64Array(n - 1);
    for (let i = 0; i < n - 1; i++) {
      dx[i] = xs[i + 1] - xs[i];
      if (!(dx[i] > 0)) throw new RangeError('CubicSpline: x must be strictly increasing');
    }
    this.x = xs;
    this.dx = dx;
    const m = n >= 4 ? n : 0;
    this.a0 = new Float64Array(m);
    this.a1 = new Float64Array(m);
    this.a2 = new Float64Array(m);
    this.swap = new Uint8Array(m);
    this.f = new Float64Array(m);
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
    const l = new Float64Array(n);
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
    const { x, dx } = this;
    const n = x.length;
    if (y.length !== n) throw new RangeError('CubicSpline: x and y must have the same length');
    for (let i = 0; i < n - 1; i++) slope[i] = (y[i + 1] - y[i]) / dx[i];
    if (n === 2) {
      s[0] = slope[0];
      s[1] = slope[0];
      return;
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
      return;
    }
    const { a0, a1, a2, swap, f } = this;
    const b = (scratchRhs = scratch(scratchRhs, n));
    for (let i = 1; i < n - 1; i++) b[i] = 3 * (dx[i] * slope[i - 1] + dx[i - 1] * slope[i]);
    const d0 = x[2] - x[0];
    b[0] = ((dx[0] + 2 * d0) * dx[1] * slope[0] + dx[0] * dx[0] * slope[1]) / d0;
    const dn = x[n - 1] - x[n - 3];
    b[n - 1] = (dx[n - 2] * dx[n - 2] * slope[n - 3] + (2 * dn + dx[n - 2]) * dx[n - 3] * slope[n - 2]) / dn;
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
   * Value at `t`, clamped to the end values outside `[x[0], x[n-1]]`, of the spline through
   * `(x[i], y[i])`: the same number as `new CubicSpline(x, y).evaluateClamped(t)`, computing only
   * the piece that holds `t`.
   */
  valueClamped(y: ArrayLike<number>, t: number): number {
    const x = this.x;
    const n = x.length;
    const tc = t <= x[0] ? x[0] : t >= x[n - 1] ? x[n - 1] : t;
    const i = intervalOf(x, tc, 1);
    if (y.length !== n) throw new RangeError('CubicSpline: x and y must have the same length');
    // A typed copy first: `derivatives` then reads one array type only, whatever `y` is.
    const yc = (scratchY = scratch(scratchY, n)).subarray(0, n);
    for (let k = 0; k < n; k++) yc[k] = y[k];
    const slope = (scratchSlope = scratch(scratchSlope, n));
    const s = (scratchS = scratch(scratchS, n));
    this.derivatives(yc, slope, s, i);
    const dxi = this.dx[i];
    const u = (s[i] + s[i + 1] - 2 * slope[i]) / dxi;
    const c3 = u / dxi;
    const c2 = (slope[i] - s[i]) / dxi - u;
    const h = tc - x[i];
    return ((c3 * h + c2) * h + s[i]) * h + yc[i];
  }
}

/**
 * Index of the piece for `t`: `x[i] ≤ t < x[i+1]`, the end pieces outside (as scipy's PPoly), NaN
 * in the first. Searches outwards from `hint` (the previous answer: evaluations usually move
 * forward a little), then by bisection; the piece is unique, so the answer never depends on it.
 */
function intervalOf(x: Float64Array, t: number, hint: number): number {
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

  /**
   * Builds the not-a-knot spline through `(x[i], y[i])`; `x` must be strictly increasing, or the
   * `SplineKnots` of such breakpoints (shared with other splines over them).
   */
  constructor(x: ArrayLike<number> | SplineKnots, y: ArrayLike<number>) {
    const knots = x instanceof SplineKnots ? x : undefined;
    const n = x.length;
    if (n !== y.length) throw new RangeError('CubicSpline: x and y must have the same length');
    const k = knots ?? new SplineKnots(x as ArrayLike<number>);
    const m = n - 1;
    const ys = Float64Array.from(y);
    const slope = (scratchSlope = scratch(scratchSlope, n));
    const s = new Float64Array(n);
    k.derivatives(ys, slope, s);
    const dx = k.dx;
    this.x = k.x;
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
    const i = (this.hint = intervalOf(this.x, t, this.hint));
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
}

/** Gaussian elimination with partial pivoting for a 3×3 system. */
function solveDense3(a: number[][], b: number[]): number[] {
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
