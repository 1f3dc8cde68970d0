import fc from 'fast-check';
import { azAlt } from '../astro/track';
import { scanBlock } from '../blocks/block';
import type { ScanBlock } from '../blocks/types';
import { US_PER_S } from '../time/micros';
import {
  arcDistance,
  azGapToArc,
  azimuthBudget,
  cutUnsafe,
  rulesSun,
  SUN_DISTORTED_REFRACTION_TOP_DEG,
  SUN_RULE_MARGIN_DEG,
  SUN_SPEED_BOUND_ANY_DEG_S,
  SUN_SPEED_BOUND_DEG_S,
  sunSafePieces,
  unsafeSunIntervals,
  type SunArcCriterion,
  type SunAt,
} from './swept-arc';

const DEG = Math.PI / 180;
/** Great-circle distance by the cosine rule (a different formula from the code's haversine). */
function sky(a1: number, e1: number, a2: number, e2: number): number {
  const c = Math.sin(e1 * DEG) * Math.sin(e2 * DEG) + Math.cos(e1 * DEG) * Math.cos(e2 * DEG) * Math.cos((a1 - a2) * DEG);
  return Math.acos(Math.max(-1, Math.min(1, c))) / DEG;
}
const T = (iso: string): number => Date.parse(iso) / 1000;

describe('azGapToArc', () => {
  it.each<[number, number, number, number]>([
    [100, 90, 20, 0],
    [90, 90, 20, 0],
    [110, 90, 20, 0],
    [115, 90, 20, 5],
    [80, 90, 20, 10],
    [5, 350, 20, 0],
    [20, 350, 20, 10],
    [340, 350, 20, 10],
    [270, 90, 20, 160],
    [200, 0, 400, 0],
    [181, 0, 1, 179],
  ])('from %p to [%p, +%p] is %p', (a, az, width, gap) => {
    expect(azGapToArc(a, az, width)).toBeCloseTo(gap, 9);
  });
});

describe('azimuthBudget', () => {
  it('lets the Sun move x with x ≤ gap·cos(alt + x), the largest such x', () => {
    for (const [gap, alt] of [[10, 0], [114, 53], [5, 80], [50, 89.9], [1, 30]]) {
      const x = azimuthBudget(gap, alt);
      expect(x).toBeLessThanOrEqual(gap * Math.cos(((alt + x) * Math.PI) / 180) + 1e-12);
      expect(x + 1e-6).toBeGreaterThan(gap * Math.cos(((alt + x + 1e-6) * Math.PI) / 180));
    }
    expect(azimuthBudget(10, 90)).toBe(0);
    expect(azimuthBudget(114, 53)).toBeGreaterThan(20);
  });
});

describe('arcDistance', () => {
  it('is the smallest distance to any point of the arc (checked against 2001 points)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: -10, max: 90, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 60, noNaN: true }),
        fc.double({ min: 0, max: 90, noNaN: true }),
        (sa, se, az, width, alt) => {
          const d = arcDistance(sa, se, az, width, alt);
          let best = Infinity;
          for (let i = 0; i <= 2000; i++) best = Math.min(best, sky(sa, se, az + (width * i) / 2000, alt));
          // Never more than the brute force; less only by the spacing of the brute force.
          expect(d).toBeLessThanOrEqual(best + 1e-6);
          expect(best - d).toBeLessThanOrEqual((width / 2000) * Math.cos(alt * DEG) + 1e-6);
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});

describe("the rules' Sun speed bounds", () => {
  it('hold at 1 s steps over five days spread across 2027 (distorted band included)', () => {
    let above = 0;
    let any = 0;
    for (const day of ['01-01', '03-20', '06-21', '09-22', '12-21']) {
      const t0 = T(`2027-${day}T00:00:00Z`);
      const ts = new Float64Array(86_401);
      for (let i = 0; i < ts.length; i++) ts[i] = t0 + i;
      const { az, alt } = azAlt('sun', ts);
      for (let i = 0; i + 1 < ts.length; i++) {
        const v = sky(az[i], alt[i], az[i + 1], alt[i + 1]);
        any = Math.max(any, v);
        if (Math.min(alt[i], alt[i + 1]) >= SUN_DISTORTED_REFRACTION_TOP_DEG) above = Math.max(above, v);
      }
    }
    expect(above).toBeLessThan(SUN_SPEED_BOUND_DEG_S);
    expect(any).toBeLessThan(SUN_SPEED_BOUND_ANY_DEG_S);
    // The Earth's rotation alone is 0.004178°/s at the celestial equator.
    expect(above).toBeGreaterThan(0.0041);
  });
});

describe('unsafeSunIntervals', () => {
  // 2027-04-01 around 17:07 UTC the Sun is near az 343, alt 61 (the Saturn conjunction).
  const t0 = T('2027-04-01T16:30:00Z');
  const t1 = T('2027-04-01T17:45:00Z');
  const sunMid = rulesSun(T('2027-04-01T17:07:00Z'));

  /** Every instant of a dense grid at which the criterion (without margin) fails must be covered. */
  function violations(scan: Pick<ScanBlock, 'az' | 'alt' | 'throw'>, c: SunArcCriterion, from: number, to: number): number[] {
    const out: number[] = [];
    for (let t = from; t <= to; t += 0.5) {
      const s = rulesSun(t);
      let bad = false;
      if (c.minDistance !== undefined && arcDistance(s.az, s.alt, scan.az, scan.throw, scan.alt) < c.minDistance) bad = true;
      if (c.box && Math.abs(s.alt - scan.alt) <= c.box.minAlt && azGapToArc(s.az, scan.az, scan.throw) <= c.box.minAz) bad = true;
      if (bad) out.push(t);
    }
    return out;
  }
  const covered = (iv: readonly (readonly [number, number])[], t: number) => iv.some(([a, b]) => t >= a && t < b);

  it.each<[string, SunArcCriterion]>([
    ['sun-guard 10°', { minDistance: 10 }],
    ['the 6/6 box', { box: { minAz: 6, minAlt: 6 } }],
    ['both', { minDistance: 4, box: { minAz: 6, minAlt: 6 } }],
  ])('covers every violating instant of arcs passing the Sun (%s)', (_what, c) => {
    const scans = [
      { az: sunMid.az - 20, alt: sunMid.alt, throw: 15 },
      { az: sunMid.az + 3, alt: sunMid.alt - 5, throw: 30 },
      { az: sunMid.az - 40, alt: sunMid.alt + 8, throw: 35 },
      { az: sunMid.az - 1, alt: sunMid.alt + 2, throw: 1 },
    ];
    let found = 0;
    for (const scan of scans) {
      const iv = unsafeSunIntervals(scan, t0, t1, c);
      const bad = violations(scan, c, t0, t1);
      found += bad.length;
      expect(bad.filter((t) => !covered(iv, t))).toEqual([]);
      // Not grossly conservative: the unsafe time exceeds the violating time by little.
      const unsafeS = iv.reduce((s, [a, b]) => s + (b - a), 0);
      expect(unsafeS).toBeLessThanOrEqual(bad.length * 0.5 + 400);
    }
    expect(found).toBeGreaterThan(100);
  });

  it('keeps the margin: a scan exactly at the guard distance is unsafe', () => {
    // Elevation chosen so that the Sun passes ~10.02° below the arc's elevation at culmination.
    const scan = { az: 0, alt: 0, throw: 360 };
    const s = rulesSun(t0);
    const at = { ...scan, alt: s.alt - 10 - SUN_RULE_MARGIN_DEG / 2 };
    expect(unsafeSunIntervals(at, t0, t0 + 1, { minDistance: 10 })).toEqual([[t0, t0 + 2]]);
  });

  it('samples sparsely far from the Sun', () => {
    let calls = 0;
    const counting: SunAt = (t) => {
      calls++;
      return rulesSun(t);
    };
    // An arc on the other side of the sky for an hour.
    const far = { az: sunMid.az + 150, alt: 40, throw: 30 };
    expect(unsafeSunIntervals(far, t0, t0 + 3600, { minDistance: 10, box: { minAz: 6, minAlt: 6 } }, counting)).toEqual([]);
    expect(calls).toBeLessThanOrEqual(3);
  });

  it('never flags the box for an arc at the Sun\'s elevation but far in azimuth, and samples it sparsely', () => {
    // 2027-01-01 19:15-20:00 the Sun sets through 50° at az ~260 while a CMB arc sweeps az 110-142 at 50°.
    const from = T('2027-01-01T19:15:40Z');
    let calls = 0;
    const counting: SunAt = (t) => {
      calls++;
      return rulesSun(t);
    };
    expect(unsafeSunIntervals({ az: 109.64, alt: 50, throw: 32.23 }, from, from + 2710, { box: { minAz: 6, minAlt: 6 } }, counting)).toEqual([]);
    expect(calls).toBeLessThanOrEqual(5);
  });

  it('is empty when no test is active', () => {
    expect(unsafeSunIntervals({ az: sunMid.az, alt: sunMid.alt, throw: 1 }, t0, t1, {})).toEqual([]);
    expect(unsafeSunIntervals({ az: sunMid.az, alt: sunMid.alt, throw: 1 }, t0, t1, { minDistance: 0 })).toEqual([]);
  });
});

describe('cutUnsafe / sunSafePieces', () => {
  const S = US_PER_S;
  const base = 1_800_000_000;
  const scan = scanBlock({ name: 'f', t0: base * S, t1: (base + 1000) * S, az: 10, alt: 50, throw: 20 });

  it('keeps the scan when nothing is unsafe near it', () => {
    expect(cutUnsafe(scan, [], 30)).toEqual([scan]);
    expect(cutUnsafe(scan, [[base - 100, base - 31]], 30)).toEqual([scan]);
    expect(cutUnsafe(scan, [[base + 1031, base + 1100]], 30)).toEqual([scan]);
  });
  it('cuts the padded unsafe instants out, keeping the pieces on both sides', () => {
    const pieces = cutUnsafe(scan, [[base + 400, base + 401]], 30);
    expect(pieces.map((p) => [p.t0 / S - base, p.t1 / S - base])).toEqual([
      [0, 370],
      [431, 1000],
    ]);
    expect(pieces.every((p) => p.name === 'f' && p.az === 10 && p.alt === 50 && p.throw === 20)).toBe(true);
  });
  it('trims an end, merges overlapping cuts, and drops a scan with nothing left', () => {
    expect(cutUnsafe(scan, [[base - 10, base + 5]], 30).map((p) => p.t0 / S - base)).toEqual([35]);
    expect(cutUnsafe(scan, [[base + 100, base + 101], [base + 140, base + 141]], 30).map((p) => [p.t0 / S - base, p.t1 / S - base])).toEqual([
      [0, 70],
      [171, 1000],
    ]);
    expect(cutUnsafe(scan, [[base + 10, base + 990]], 30)).toEqual([]);
  });

  it('drops a scan injected at the Sun, and trims one the Sun reaches at its end', () => {
    const t = T('2027-04-01T17:07:00Z');
    const s = rulesSun(t);
    const at = scanBlock({ name: 'x', t0: t * S, t1: (t + 600) * S, az: s.az - 0.5, alt: s.alt, throw: 1 });
    expect(sunSafePieces(at, { minDistance: 10 }, 30)).toEqual([]);
    // Ahead of the Sun's path by ~11.5°: about 10 minutes later the guard is broken.
    const ahead = scanBlock({ name: 'y', t0: (t - 3600) * S, t1: t * S, az: s.az - 40, alt: s.alt - 11.5, throw: 80 });
    const pieces = sunSafePieces(ahead, { minDistance: 10 }, 30);
    expect(pieces.length).toBeGreaterThanOrEqual(1);
    for (const p of pieces) {
      expect(p.t0).toBeGreaterThanOrEqual(ahead.t0);
      expect(p.t1).toBeLessThanOrEqual(ahead.t1);
      for (let u = p.t0 / S - 30; u <= p.t1 / S + 30; u += 5) {
        const q = rulesSun(u);
        expect(arcDistance(q.az, q.alt, p.az, p.throw, p.alt)).toBeGreaterThanOrEqual(10);
      }
    }
  });
});
