import { horizontal } from './ephemeris';
import { cachedChunkCount, clearNodeCache, MAX_CHUNKS } from './node-cache';
import { BODY_NAMES, type BodyName } from './site';
import { azAlt, sampleAlt, sampleAzAlt, sampleGrid, withSampleMemo } from './track';

const S = 1_000_000;
const Y2025 = Date.UTC(2025, 0, 1) / 1000;
const YEAR_S = 365 * 86_400;

/** Park-Miller generator: deterministic test instants. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48_271) % 2_147_483_647) / 2_147_483_647;
}

interface Err {
  alt: number;
  az: number;
  sky: number;
}

/** Largest differences between `azAlt` and `horizontal` at `times`, degrees. */
function interpolationError(body: BodyName, times: readonly number[]): Err {
  const fast = azAlt(body, times);
  const err: Err = { alt: 0, az: 0, sky: 0 };
  times.forEach((t, i) => {
    const exact = horizontal(body, t);
    const dAz = Math.abs(((fast.az[i] - exact.az + 540) % 360) - 180);
    err.alt = Math.max(err.alt, Math.abs(fast.alt[i] - exact.alt));
    err.az = Math.max(err.az, dAz);
    err.sky = Math.max(err.sky, dAz * Math.cos((exact.alt * Math.PI) / 180));
  });
  return err;
}

describe('sampleAzAlt grid (basic-policy §4 get_az_alt)', () => {
  const t0 = 1_672_531_200 * S + 500_000; // 2023-01-01T00:00:00.5Z

  it('takes floor(duration / step) instants t0 + i·step, truncated to integer seconds', () => {
    const r = sampleAzAlt('saturn', t0, t0 + 95 * S, 30);
    expect([...r.t]).toEqual([1_672_531_200, 1_672_531_230, 1_672_531_260]);
    expect(sampleAzAlt('saturn', t0, t0 + 95 * S).t.length).toBe(3);
    expect(sampleAzAlt('saturn', t0, t0 + 95 * S, 10).t.length).toBe(9);
  });

  it('is the formula itself, whole-second steps (counted) and fractional ones (divided) alike', () => {
    const rnd = seeded(5);
    const formula = (a: number, b: number, step: number): number[] => {
      const n = Math.max(0, Math.floor((b - a) / S / step));
      return Array.from({ length: n }, (_, i) => Math.trunc((a + Math.round(i * step * S)) / S));
    };
    for (let k = 0; k < 400; k++) {
      const a = Math.floor(rnd() * 8e9) * S + Math.floor(rnd() * S) - (k % 10 === 0 ? 5e15 : 0);
      const step = [1, 10, 30, 7, 2.5, 0.7, 86_400][k % 7];
      const b = a + Math.floor(rnd() * 3 * 86_400 * S);
      expect(Array.from(sampleGrid(a, b, step))).toEqual(formula(a, b, step));
    }
  });

  it('has no sample for a window shorter than a step or reversed', () => {
    expect(sampleAzAlt('sun', t0, t0 + 30 * S - 1).t.length).toBe(0);
    expect(sampleAzAlt('sun', t0, t0 + 30 * S).t.length).toBe(1);
    expect(sampleAzAlt('sun', t0, t0 - 100 * S).t.length).toBe(0);
  });

  it('returns the positions azAlt gives at those instants', () => {
    const r = sampleAzAlt('moon', t0, t0 + 3600 * S);
    const p = azAlt('moon', r.t);
    expect([...r.az]).toEqual([...p.az]);
    expect([...r.alt]).toEqual([...p.alt]);
  });

  it('rejects a step that is not a positive number', () => {
    expect(() => sampleAzAlt('sun', t0, t0 + S, 0)).toThrow(RangeError);
    expect(() => sampleAzAlt('sun', t0, t0 + S, Number.NaN)).toThrow(RangeError);
  });
});

describe('withSampleMemo', () => {
  const start = Date.UTC(2026, 4, 2, 3, 4, 5) * 1000;
  const plain = (body: BodyName, t0: number, t1: number, step = 30) => {
    const r = sampleAzAlt(body, t0, t1, step);
    return { t: Array.from(r.t), alt: Array.from(r.alt) };
  };
  const alts = (body: BodyName, t0: number, t1: number, step = 30) => {
    const r = sampleAlt(body, t0, t1, step);
    return { t: Array.from(r.t), alt: Array.from(r.alt) };
  };
  it('sampleAlt reads back the same numbers for sub-grids, other bodies, steps and phases', () => {
    const rnd = seeded(5);
    const cases: [BodyName, number, number, number][] = [];
    for (let i = 0; i < 60; i++) {
      const body = BODY_NAMES[Math.floor(rnd() * BODY_NAMES.length)];
      const t0 = start + Math.floor(rnd() * 6 * 3600) * S + (i % 3 === 0 ? Math.floor(rnd() * S) : 0);
      cases.push([body, t0, t0 + Math.floor(rnd() * 4 * 3600) * S, i % 4 === 0 ? 10 : 30]);
    }
    const expected = cases.map(([b, t0, t1, step]) => plain(b, t0, t1, step));
    // Sampled under one memo, then read: wherever a grid holds another, the altitudes come back.
    const got = withSampleMemo(() => {
      cases.forEach(([b, t0, t1, step]) => sampleAzAlt(b, t0, t1, step));
      return cases.map(([b, t0, t1, step]) => alts(b, t0, t1, step));
    });
    expect(got).toEqual(expected);
    expect(cases.map(([b, t0, t1, step]) => alts(b, t0, t1, step))).toEqual(expected);
  });
  it('reads a window back from the passage it was planned from, to the bit', () => {
    const [body, t0, t1] = ['saturn' as BodyName, start, start + 6 * 3600 * S];
    const inside = [start + 300 * S, start + 4000 * S] as const;
    const direct = plain(body, inside[0], inside[1]);
    const read = withSampleMemo(() => {
      sampleAzAlt(body, t0, t1);
      return alts(body, inside[0], inside[1]);
    });
    expect(read).toEqual(direct);
    expect(read.t.length).toBe(123);
  });
  it('forgets its grids when the computation ends, even when it throws', () => {
    expect(() =>
      withSampleMemo(() => {
        sampleAzAlt('moon', start, start + 3600 * S);
        throw new Error('x');
      }),
    ).toThrow('x');
    expect(withSampleMemo(() => withSampleMemo(() => alts('moon', start, start + 600 * S)))).toEqual(plain('moon', start, start + 600 * S));
    expect(() => sampleAlt('moon', start, start + S, 0)).toThrow(RangeError);
  });
});

describe('azAlt', () => {
  it('reports azimuth in [0, 360) and continuous across north', () => {
    // Saturn transits north of the zenith at this site in 2023: azimuth wraps through 0/360.
    const times = Array.from({ length: 1440 }, (_, i) => Date.UTC(2023, 0, 1, 12) / 1000 + 30 * i);
    const { az } = azAlt('saturn', times);
    let wraps = 0;
    for (let i = 0; i < az.length; i++) {
      expect(az[i]).toBeGreaterThanOrEqual(0);
      expect(az[i]).toBeLessThan(360);
      if (i > 0) {
        const step = Math.abs(az[i] - az[i - 1]);
        if (step > 180) wraps++;
        else expect(step).toBeLessThan(1);
      }
    }
    expect(wraps).toBe(1);
  });

  it('rejects instants that are not finite numbers', () => {
    expect(() => azAlt('sun', [1.7e9, Number.NaN])).toThrow(/ctimes\[1\]/);
    expect(() => azAlt('sun', [Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => sampleAzAlt('sun', Number.NaN, 0)).toThrow(RangeError);
  });

  it('accepts plain arrays and typed arrays alike', () => {
    const times = [1.7e9, 1.7e9 + 0.25, 1.7e9 + 7200];
    const a = azAlt('venus', times);
    const b = azAlt('venus', Float64Array.from(times));
    expect([...a.az]).toEqual([...b.az]);
    expect([...a.alt]).toEqual([...b.alt]);
  });
});

describe('interpolation error against horizontal over 2025', () => {
  // bench/astro-track.ts measures the same over 20,000 random instants per body: altitude error
  // at most 4.0e-8° and on-sky error at most 1.9e-8° (Mercury), raw azimuth at most 3.6e-6°
  // (Mercury, close to the zenith), and 2.2e-8° in azimuth on Mars's transit 0.01° from the
  // zenith. Required: 1e-3°.
  // Jest runs astronomy-engine ~25x slower than node, so this test samples less: 24 random
  // hours of the year per body, 8 instants in each.
  const BOUND_DEG = 1e-6;
  const AZ_BOUND_DEG = 1e-4;

  it.each(BODY_NAMES.map((b) => [b]))('%s at random instants of the year', (body) => {
    const rnd = seeded(BODY_NAMES.indexOf(body as BodyName) + 11);
    const times: number[] = [];
    for (let k = 0; k < 24; k++) {
      const hour = Y2025 + rnd() * YEAR_S;
      for (let j = 0; j < 8; j++) times.push(hour + rnd() * 3600);
    }
    const err = interpolationError(body as BodyName, times);
    expect(err.alt).toBeLessThan(BOUND_DEG);
    expect(err.sky).toBeLessThan(BOUND_DEG);
    expect(err.az).toBeLessThan(AZ_BOUND_DEG);
  });

  // Each body's highest transit of 2025 at this site, found by bench/astro-track.ts.
  const TOP_TRANSITS: [BodyName, string][] = [
    ['sun', '2025-12-23T16:30:25Z'],
    ['moon', '2025-08-29T21:09:23Z'],
    ['mercury', '2025-01-04T15:10:12Z'],
    ['venus', '2025-12-19T16:09:37Z'],
    ['mars', '2025-11-22T17:10:07Z'],
  ];

  it.each(TOP_TRANSITS)('%s near the zenith (%s), azimuth included', (body, iso) => {
    const peak = Date.parse(iso) / 1000;
    const near = Array.from({ length: 241 }, (_, i) => peak - 1200 + 10 * i + 0.37);
    expect(horizontal(body, peak).alt).toBeGreaterThan(89.5);
    const err = interpolationError(body, near);
    expect(err.alt).toBeLessThan(BOUND_DEG);
    expect(err.sky).toBeLessThan(BOUND_DEG);
    expect(err.az).toBeLessThan(BOUND_DEG);
  });
});

describe('node cache', () => {
  it('never changes a result, whatever was cached before', () => {
    const times = [Date.UTC(2024, 5, 1) / 1000, Date.UTC(2024, 5, 1, 7, 13, 2) / 1000];
    clearNodeCache();
    const fresh = azAlt('jupiter', times);
    azAlt('jupiter', [times[0] - 86_400, times[1] + 3 * 86_400]);
    horizontal('jupiter', times[0] + 0.01); // touches astronomy-engine's own nutation cache
    const cached = azAlt('jupiter', [...times].reverse());
    expect([...cached.az].reverse()).toEqual([...fresh.az]);
    expect([...cached.alt].reverse()).toEqual([...fresh.alt]);
    expect(cachedChunkCount()).toBeGreaterThan(0);
    expect(cachedChunkCount()).toBeLessThanOrEqual(MAX_CHUNKS);
  });
});
