import { refract, refractDeg, unrefract, unrefractDeg } from './refraction';

const DEG = Math.PI / 180;

describe('libastro refraction', () => {
  it('bends the horizon by about 34 arcminutes at 1010 mbar and 15 °C', () => {
    // 0.1594 * 1010 / 288 degrees, libastro's low-altitude formula at 0°.
    expect(unrefractDeg(0)).toBeCloseTo(-(0.1594 * 1010) / 288, 12);
    expect(refractDeg(-0.559)).toBeCloseTo(0, 2);
  });

  it('uses the cot formula above 15.5° and blends continuously between 14.5° and 15.5°', () => {
    const high = 30 * DEG;
    expect(unrefract(high)).toBeCloseTo(high - (7.888888e-5 * 1010) / (288 * Math.tan(high)), 15);
    for (const edge of [14.5, 15.5]) {
      const below = unrefractDeg(edge - 1e-9);
      const above = unrefractDeg(edge + 1e-9);
      expect(Math.abs(above - below)).toBeLessThan(1e-7);
    }
  });

  it('applies no refraction where the low-altitude formula turns negative (below about -8.25°)', () => {
    expect(unrefractDeg(-10)).toBe(-10);
    expect(refractDeg(-30)).toBeCloseTo(-30, 12);
  });

  it('inverts unrefract to libastro tolerance (0.1″) above the horizon', () => {
    for (let ta = -0.5; ta <= 89.5; ta += 0.25) {
      const aa = refract(ta * DEG);
      expect(Math.abs(unrefract(aa) - ta * DEG) / DEG).toBeLessThanOrEqual(0.1 / 3600 + 1e-12);
      expect(aa).toBeGreaterThanOrEqual(ta * DEG);
    }
  });

  it('passes NaN through', () => {
    expect(refract(Number.NaN)).toBeNaN();
  });
});

describe('refract skips the check it can prove (same results as libastro\'s loop)', () => {
  /** libastro's loop as written, every check made: the reference. */
  function refractAllChecks(trueRad: number): number {
    let t = unrefract(trueRad);
    if (t === trueRad) return trueRad;
    let d = 0.8 * (trueRad - t);
    let t0 = t;
    let a = trueRad;
    for (let i = 0; i < 100; i++) {
      a += d;
      t = unrefract(a);
      if (Math.abs(trueRad - t) <= (0.1 / 3600) * DEG) break;
      const denom = t0 - t;
      if (denom === 0 || !Number.isFinite(denom)) break;
      d *= -(trueRad - t) / denom;
      t0 = t;
    }
    return a;
  }

  it('gives bit-identical altitudes from -90° to 90°, at the edges of the shortcut too', () => {
    let seed = 12345;
    const random = (): number => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
    const xs: number[] = [];
    for (let k = 0; k < 20_000; k++) xs.push((random() * 180 - 90) * DEG);
    for (const edge of [15.5, 16, 89, 90]) for (let k = -50; k <= 50; k++) xs.push(edge * DEG + k * 1e-15);
    for (let deg = -90; deg <= 90; deg += 0.01) xs.push(deg * DEG);
    let differ = 0;
    for (const x of xs) if (!Object.is(refract(x), refractAllChecks(x))) differ++;
    expect(differ).toBe(0);
  });
});
