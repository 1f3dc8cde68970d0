import { CubicSpline, interpExtra, SplineKnots } from './cubic-spline';
import { ReferenceSpline } from './cubic-spline.test-helpers';

describe('CubicSpline (scipy not-a-knot)', () => {
  it('reproduces a cubic exactly, inside and when extrapolating', () => {
    const f = (t: number): number => 0.5 * t ** 3 - 2 * t ** 2 + t - 7;
    const x = [-2, -1.2, 0, 0.7, 2, 3.5, 4, 6];
    const s = new CubicSpline(
      x,
      x.map((t) => f(t)),
    );
    for (const t of [-4, -2, -1.5, 0.1, 1, 2, 3.9, 5.5, 6, 9]) {
      expect(s.evaluate(t)).toBeCloseTo(f(t), 9);
    }
  });

  it('reproduces a cubic with 4 points (the spline is that cubic)', () => {
    const f = (t: number): number => -(t ** 3) + 3 * t;
    const x = [0, 1, 3, 4];
    const s = new CubicSpline(
      x,
      x.map((t) => f(t)),
    );
    expect(s.evaluate(2)).toBeCloseTo(f(2), 10);
    expect(s.evaluate(-1)).toBeCloseTo(f(-1), 10);
  });

  it('matches scipy on non-polynomial data', () => {
    const x = [0, 1, 2.5, 3, 4.5, 7];
    const s = new CubicSpline(
      x,
      x.map((t) => Math.sin(t)),
    );
    // scipy 1.17 CubicSpline(x, sin(x))([-1, 0.5, 2.7, 5, 8]).
    const expected = [-1.6055440964597485, 0.5183180094623887, 0.42718856583429893, -1.1031455678754956, 3.433392592174247];
    const got = s.evaluateMany([-1, 0.5, 2.7, 5, 8]);
    expected.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
  });

  it('n = 3 is the parabola through the points (as scipy)', () => {
    const s = new CubicSpline([0, 1, 3], [1, 2, 0]);
    // Parabola: y = 1 + (5/3) t − (2/3) t².
    for (const t of [-1, 0, 0.5, 2, 4]) expect(s.evaluate(t)).toBeCloseTo(1 + (5 / 3) * t - (2 / 3) * t * t, 12);
    expect(s.evaluate(-1)).toBeCloseTo(-1.3333333333333348, 12);
  });

  it('n = 2 is the line', () => {
    const s = new CubicSpline([1, 3], [1, 5]);
    expect(Array.from(s.evaluateMany([0, 2, 4]))).toEqual([-1, 3, 7]);
  });

  it('passes through its knots', () => {
    const x = [0, 0.3, 1.1, 2, 2.2, 5];
    const y = [3, -1, 4, 1, 5, -9];
    const s = new CubicSpline(x, y);
    x.forEach((t, i) => expect(s.evaluate(t)).toBeCloseTo(y[i], 12));
  });

  it('clamped evaluation returns the end values outside', () => {
    const s = new CubicSpline([0, 1, 2, 3], [0, 1, 8, 27]);
    expect(s.evaluateClamped(-5)).toBe(0);
    expect(s.evaluateClamped(10)).toBeCloseTo(27, 12);
    expect(s.evaluateClamped(1.5)).toBeCloseTo(3.375, 12);
  });

  it('rejects bad input', () => {
    expect(() => new CubicSpline([0], [1])).toThrow(RangeError);
    expect(() => new CubicSpline([0, 0, 1], [1, 2, 3])).toThrow(RangeError);
    expect(() => new CubicSpline([0, 1], [1])).toThrow(RangeError);
  });
});

describe('interpExtra (basic-policy §10.1)', () => {
  it('sorts unsorted input and extrapolates linear data linearly', () => {
    const got = Array.from(interpExtra([1, 2, 4, 5, 6], [5, 4, 3, 2, 1], [5, 4, 3, 2, 1]));
    [1, 2, 4, 5, 6].forEach((v, i) => expect(got[i]).toBeCloseTo(v, 12));
  });
});

describe('fast paths give the reference spline bit for bit', () => {
  let seed = 987_654;
  const random = (): number => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;

  /** Breakpoints of the kinds the rules use: 30 s sample times (equal steps), altitudes (uneven), short ones. */
  function breakpoints(n: number, kind: number): number[] {
    const x: number[] = [];
    let t = 1.6e9 + Math.floor(random() * 1e6);
    for (let i = 0; i < n; i++) {
      x.push(t);
      if (kind === 0) t += 30;
      else if (kind === 1) t += 0.01 + random() * 3;
      // Equal steps with one uneven stretch in the middle: the steady state must stop and restart.
      else t += i > n / 3 && i < n / 3 + 5 ? 17 : 10;
    }
    return x;
  }

  it('new CubicSpline, CubicSpline.family and SplineKnots.valuesClamped equal ReferenceSpline', () => {
    let compared = 0;
    for (let trial = 0; trial < 300; trial++) {
      const n = 2 + Math.floor(random() * (trial < 100 ? 12 : 400));
      const x = breakpoints(n, trial % 3);
      const ys = [0, 1, 2, 3, 4].map(() => x.map((_, i) => Math.sin(i / 7 + random()) * 100 + random()));
      const refs = ys.map((y) => new ReferenceSpline(x, y));
      const knots = new SplineKnots(x);
      const fam = CubicSpline.family(knots, ys);
      const single = ys.map((y) => new CubicSpline(x, y));
      const probes = [x[0] - 45, x[0], ...Array.from({ length: 20 }, () => x[0] + random() * (x[n - 1] - x[0])), x[n - 1], x[n - 1] + 7];
      for (const t of probes) {
        const clamped = knots.valuesClamped(ys, t);
        ys.forEach((_, k) => {
          expect(Object.is(fam[k].evaluate(t), refs[k].evaluate(t))).toBe(true);
          expect(Object.is(single[k].evaluate(t), refs[k].evaluate(t))).toBe(true);
          expect(Object.is(clamped[k], refs[k].evaluateClamped(t))).toBe(true);
          compared++;
        });
      }
    }
    expect(compared).toBeGreaterThan(30_000);
  });

  it('evaluate and evaluateOther, interleaved in runs forwards, backwards and jumping, equal ReferenceSpline', () => {
    let compared = 0;
    for (let trial = 0; trial < 60; trial++) {
      const n = 2 + Math.floor(random() * 300);
      const x = breakpoints(n, trial % 3);
      const y = x.map((_, i) => Math.cos(i / 5 + random()) * 50);
      const ref = new ReferenceSpline(x, y);
      const s = new CubicSpline(x, y);
      const span = x[n - 1] - x[0];
      // Two sequences through the pieces, like a pass's stops and centres, plus knots, ends and jumps.
      const at = (k: number, shift: number) => x[0] - 20 + ((k * span) / 150 + shift) * (trial % 2 === 0 ? 1 : -1) + (trial % 2 === 0 ? 0 : span + 40);
      for (let k = 0; k < 200; k++) {
        const a = k % 37 === 0 ? x[Math.floor(random() * n)] : at(k, 0);
        const b = k % 53 === 0 ? x[0] - 1000 * random() : at(k, span / 3);
        expect(Object.is(s.evaluate(a), ref.evaluate(a))).toBe(true);
        expect(Object.is(s.evaluateOther(b), ref.evaluate(b))).toBe(true);
        compared += 2;
      }
    }
    expect(compared).toBe(24_000);
  });
});
