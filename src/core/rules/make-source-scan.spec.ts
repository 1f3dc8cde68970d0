import { validateConfig } from '../config/validate';
import type { ObservingWindow } from '../blocks/types';
import { makeSourceScan, MakeSourceScanParams, scanFromWindow } from './make-source-scan';
import { fixedUniform, utc } from './rules.test-helpers';

/** A synthetic window whose arrays are linear in time, so every spline reproduces them. */
function linearWindow(t0s: number, n: number, az0 = 100): ObservingWindow {
  const tStart = Array.from({ length: n }, (_, i) => t0s + 30 * i);
  return {
    kind: 'window',
    name: 'saturn',
    mode: 'setting',
    t0: t0s * 1e6,
    t1: tStart[n - 1] * 1e6,
    tStart,
    obsLength: tStart.map((t) => 250 + (t - t0s) / 100),
    azBore: tStart.map((t) => az0 - (t - t0s) / 1000),
    altBore: tStart.map((t) => 30 - (t - t0s) / 500),
    azThrow: tStart.map((t) => 1 + (t - t0s) / 100000),
  };
}

describe('make-source-scan (spec §5.8)', () => {
  const t0s = utc('2023-01-01T00:00:00Z') / 1e6;
  const w = linearWindow(t0s, 227); // 6780 s long, as the §5.8 example
  it('starts at t0 + U × (D − min(P, D)) and lasts obs_length at the floored start', () => {
    const sc = scanFromWindow(w, { preferred_length: 1800 }, 0.5315581032293439, { pointing: 'crossing' });
    expect(sc).not.toBeNull();
    const offset = 0.5315581032293439 * 4980;
    expect(sc!.t0).toBe(Math.round(w.t0 + offset * 1e6));
    const treq = Math.floor(sc!.t0 / 1e6) - t0s;
    expect((sc!.t1 - sc!.t0) / 1e6).toBeCloseTo(250 + treq / 100, 5);
    expect(sc!.az).toBeCloseTo(100 - treq / 1000, 9);
    expect(sc!.alt).toBeCloseTo(30 - treq / 500, 9);
    expect(sc!.throw).toBeCloseTo(1 + treq / 100000, 9);
    expect(sc!.name).toBe('saturn');
  });
  it('centred pointing starts half a throw before the crossing, wrapped to [0, 360)', () => {
    const near0 = linearWindow(t0s, 50, 0.2);
    const sc = scanFromWindow(near0, { preferred_length: 1e9 }, 0.3)!;
    const crossing = scanFromWindow(near0, { preferred_length: 1e9 }, 0.3, { pointing: 'crossing' })!;
    expect(sc.throw).toBeCloseTo(crossing.throw, 12);
    expect(sc.az).toBeCloseTo(crossing.az - sc.throw / 2 + 360, 9);
    expect(sc.az).toBeGreaterThanOrEqual(0);
    expect(sc.az).toBeLessThan(360);
  });
  it('a huge preferred_length removes the random phase', () => {
    const a = scanFromWindow(w, { preferred_length: 1e9 }, 0.1)!;
    const b = scanFromWindow(w, { preferred_length: 1e9 }, 0.9)!;
    expect(a.t0).toBe(w.t0);
    expect(b).toEqual(a);
  });
  it('clamps outside the samples instead of extrapolating', () => {
    const short = { ...linearWindow(t0s, 4), t1: (t0s + 600) * 1e6 };
    const sc = scanFromWindow(short, { preferred_length: 0 }, 0.99, { pointing: 'crossing' })!;
    expect(sc.az).toBeCloseTo(short.azBore[3], 9);
  });
  it('never crashes on windows with 1 to 3 samples', () => {
    for (const n of [1, 2, 3]) expect(scanFromWindow(linearWindow(t0s, n), { preferred_length: 10 }, 0.5)).not.toBeNull();
  });
  it('uses one draw for every window of the tree', () => {
    const w2 = linearWindow(t0s + 86400, 227);
    const out = makeSourceScan({ preferred_length: 1800 }, fixedUniform(0.25))([w, w2]) as unknown as { t0: number }[];
    expect(out[0].t0 - w.t0).toBe(out[1].t0 - w2.t0);
  });
  it('validates preferred_length', () => {
    expect(() => validateConfig(MakeSourceScanParams, { preferred_length: '1800' }, 'config.rules.make-source-scan')).toThrow(
      /make-source-scan\.preferred_length must be a number/,
    );
  });
});
