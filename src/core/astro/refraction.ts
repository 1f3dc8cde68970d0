/**
 * Atmospheric refraction exactly as PyEphem's libastro computes it (`refract.c`), re-implemented:
 * a Saemundsson-style rational formula below 14.5°, the classic cot formula above 15.5°, a linear
 * blend in between, and the forward direction solved by libastro's own secant iteration (0.1″).
 * Reproducing the iteration, not just the formula, matters below the horizon, where the formula is
 * not monotonic and different solvers land on different roots.
 */
import { SITE } from './site';

// Math functions as module constants: under Jest's vm context each global lookup (`Math.x`)
// costs more than the maths itself, which made the hot loops ~20x slower in tests.
const { abs, tan } = Math;

const DEG = Math.PI / 180;
const LT_LIMIT_DEG = 14.5;
const GE_LIMIT_DEG = 15.5;
/** libastro's stopping tolerance for `refract`, radians (0.1 arcsecond). */
const MAX_REFRACT_ERR = (0.1 / 3600) * DEG;
/** libastro loops until converged; we stop after this many steps (it converges in < 10). */
const MAX_REFRACT_ITER = 100;

function unrefractLow(pr: number, tr: number, aa: number): number {
  const d = aa / DEG;
  const a = ((2e-5 * d + 1.96e-2) * d + 1.594e-1) * pr;
  const b = (273 + tr) * ((8.45e-2 * d + 5.05e-1) * d + 1);
  const r = (a / b) * DEG;
  // The numerator turns negative below about -8.25°: libastro then applies no refraction at all.
  return aa < 0 && r < 0 ? aa : aa - r;
}

function unrefractHigh(pr: number, tr: number, aa: number): number {
  return aa - (7.888888e-5 * pr) / ((273 + tr) * tan(aa));
}

/**
 * True (geometric) altitude for an apparent (refracted) altitude, radians, as libastro's
 * `unrefract(pr, tr, aa)`.
 */
export function unrefract(
  apparentRad: number,
  pressureMbar: number = SITE.pressureMbar,
  temperatureC: number = SITE.temperatureC,
): number {
  const d = apparentRad / DEG;
  // One call site per formula: V8 inlines each site in full, and `refract`'s loop must fit its
  // inlining budget (a call left out of it passes its numbers boxed on the heap).
  const lo = d < GE_LIMIT_DEG ? unrefractLow(pressureMbar, temperatureC, apparentRad) : 0;
  const hi = d >= LT_LIMIT_DEG ? unrefractHigh(pressureMbar, temperatureC, apparentRad) : 0;
  if (d < LT_LIMIT_DEG) return lo;
  if (d >= GE_LIMIT_DEG) return hi;
  return lo + (hi - lo) * ((d - LT_LIMIT_DEG) / (GE_LIMIT_DEG - LT_LIMIT_DEG));
}

/**
 * True altitudes (radians) for which `refract` may skip its last check: 16° (half a degree into
 * the cot formula's range, whatever the rounding of `a / DEG`) to 89°, at the site's atmosphere.
 */
const SURE_LOW_RAD = 16 * DEG;
const SURE_HIGH_RAD = 89 * DEG;

/**
 * Apparent (refracted) altitude for a true altitude, radians, as libastro's `refract(pr, tr, ta)`:
 * the same first guess and secant steps, so that it lands on the same root as PyEphem.
 */
export function refract(
  trueRad: number,
  pressureMbar: number = SITE.pressureMbar,
  temperatureC: number = SITE.temperatureC,
): number {
  scratch[0] = trueRad;
  refractSlot(scratch, 0, pressureMbar, temperatureC);
  return scratch[0];
}

/**
 * `refract` at the site's atmosphere in place: `a[i]`, a true altitude (radians), becomes the
 * apparent one. For the sampling loops, whose inlining budget is spent before `refract` is
 * considered: a call that is not inlined passes and returns numbers boxed on the heap, while an
 * array and a small integer pass as they are (two heap numbers less per sample).
 */
export function refractInPlace(a: Float64Array, i: number): void {
  refractSlot(a, i, SITE.pressureMbar, SITE.temperatureC);
}

// `refract`'s argument and result (the pipeline is synchronous: no two calls interleave).
const scratch = new Float64Array(1);

/**
 * The iteration of `refract`, reading the true altitude from `out[i]` and writing the apparent one
 * there. Same operations in the same order as libastro's loop.
 *
 * One step is known to suffice in advance, and its check is skipped (an `unrefract` less per call,
 * same result): at the site's atmosphere and a true altitude x in [16°, 89°], every iterate is in
 * the cot formula's range, where f(a) = a − K cot a has f' ∈ [1, 1.004] and |f''| ≤ 0.027 (K =
 * 2.77e-4 rad). The secant error after the guesses x and x + 0.8(x − f(x)) is at most
 * |f''|/2 · |e₋₁| · |e₀| ≤ 0.0135 · 9.7e-4 · 2.0e-4 = 2.6e-9 rad, so |x − f(a)| ≤ 3e-9 rad after
 * the second step: 160 times inside libastro's 0.1″ (4.8e-7 rad), which therefore stops there.
 */
function refractSlot(out: Float64Array, i: number, pressureMbar: number, temperatureC: number): void {
  const trueRad = out[i];
  if (Number.isNaN(trueRad)) return;
  const sure =
    trueRad >= SURE_LOW_RAD &&
    trueRad <= SURE_HIGH_RAD &&
    pressureMbar === SITE.pressureMbar &&
    temperatureC === SITE.temperatureC;
  // libastro's first `unrefract` (of the true altitude itself) is step -1 of the loop, so that
  // `unrefract` has one call site: V8 inlines each site in full, and two did not fit its budget
  // (a call left out passes its numbers boxed on the heap).
  let d = 0;
  let t0 = 0;
  let a = trueRad;
  for (let k = -1; k < MAX_REFRACT_ITER; k++) {
    if (k >= 0) {
      a += d;
      if (k === 1 && sure) break;
    }
    const t = unrefract(a, pressureMbar, temperatureC);
    if (k < 0) {
      // Far below the horizon libastro applies no refraction: its loop then returns `trueRad` at once.
      if (t === trueRad) return;
      // First guess: go backwards; the apparent correction is always smaller than the true one.
      d = 0.8 * (trueRad - t);
      t0 = t;
      continue;
    }
    if (abs(trueRad - t) <= MAX_REFRACT_ERR) break;
    const denom = t0 - t;
    // libastro would divide by zero here and never stop; keep the best value instead.
    if (denom === 0 || !Number.isFinite(denom)) break;
    d *= -(trueRad - t) / denom;
    t0 = t;
  }
  out[i] = a;
}

/** `refract` in degrees: apparent altitude for a true altitude at the site's atmosphere. */
export function refractDeg(trueDeg: number): number {
  return refract(trueDeg * DEG) / DEG;
}

/** `unrefract` in degrees: true altitude for an apparent altitude at the site's atmosphere. */
export function unrefractDeg(apparentDeg: number): number {
  return unrefract(apparentDeg * DEG) / DEG;
}
