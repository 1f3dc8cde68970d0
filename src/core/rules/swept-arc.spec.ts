import fc from 'fast-check';
import { angle } from '../../testing/arbitraries';
import { azAlt } from '../astro/track';
import { scanBlock } from '../blocks/block';
import type { ScanBlock } from '../blocks/types';
import { US_PER_S } from '../time/micros';
import {
  arcDistance,
  azGapToArc,
  azimuthBudget,
  cutUnsafe,
  provenSafeSeconds,
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
import { skyDistanceDeg } from '../../testing/sky';

const DEG = Math.PI / 180;
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
        angle(0, 360),
        angle(-10, 90),
        angle(0, 360),
        angle(0, 60),
        angle(0, 90),
        (sa, se, az, width, alt) => {
          const d = arcDistance(sa, se, az, width, alt);
          let best = Infinity;
          for (let i = 0; i <= 2000; i++) best = Math.min(best, skyDistanceDeg(sa, se, az + (width * i) / 2000, alt));
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
        const v = skyDistanceDeg(az[i], alt[i], az[i + 1], alt[i + 1]);
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

  it('is empty, without consulting the Sun, when no test is active', () => {
    let calls = 0;
    const counting: SunAt = (t) => {
      calls++;
      return rulesSun(t);
    };
    expect(unsafeSunIntervals({ az: sunMid.az, alt: sunMid.alt, throw: 1 }, t0, t1, {}, counting)).toEqual([]);
    expect(unsafeSunIntervals({ az: sunMid.az, alt: sunMid.alt, throw: 1 }, t0, t1, { minDistance: 0 }, counting)).toEqual([]);
    expect(calls).toBe(0);
  });

  it('is empty for an empty or inverted window, even on the Sun', () => {
    const onSun = { az: sunMid.az, alt: sunMid.alt, throw: 1 };
    const mid = T('2027-04-01T17:07:00Z');
    expect(unsafeSunIntervals(onSun, mid, mid + 1, { minDistance: 10 })).toEqual([[mid, mid + 2]]);
    expect(unsafeSunIntervals(onSun, mid, mid, { minDistance: 10 })).toEqual([]);
    expect(unsafeSunIntervals(onSun, mid, mid - 5, { minDistance: 10 })).toEqual([]);
  });

  it('keeps separate unsafe stretches apart', () => {
    // A Sun swinging 8° either side of az 10 on the 50° almucantar (0.005°/s at most, 0.0032°/s on the
    // sky): it passes the point-like arc at az 10 twice, a quarter and three quarters into the period.
    const P = 10_000;
    const swinging: SunAt = (t) => ({ az: 10 + 8 * Math.cos((2 * Math.PI * t) / P), alt: 50 });
    const iv = unsafeSunIntervals({ az: 10, alt: 50, throw: 0 }, 0, P, { minDistance: 2 }, swinging);
    expect(iv).toHaveLength(2);
    const [[a0, a1], [b0, b1]] = iv;
    expect(a0).toBeLessThan(P / 4);
    expect(a1).toBeGreaterThan(P / 4);
    expect(b0).toBeGreaterThan(a1 + 2000);
    expect(b0).toBeLessThan((3 * P) / 4);
    expect(b1).toBeGreaterThan((3 * P) / 4);
  });
});

describe('provenSafeSeconds', () => {
  const point = { az: 100, alt: 40, throw: 0 };
  it('is 0 while the criterion (with its margin) fails', () => {
    expect(provenSafeSeconds(point, 100, 50.04, { minDistance: 10 })).toBe(0);
    expect(provenSafeSeconds(point, 105, 45, { box: { minAz: 6, minAlt: 6 } })).toBe(0);
  });
  it('divides the margin by the slow speed bound while the Sun stays above the distorted band', () => {
    // The Sun 20° above the point: a margin of 20 − 10.05 degrees.
    expect(provenSafeSeconds(point, 100, 60, { minDistance: 10 })).toBeCloseTo((20 - 10 - SUN_RULE_MARGIN_DEG) / SUN_SPEED_BOUND_DEG_S, 3);
    // At 1° of altitude a margin of 1° lasts 238 s, in which the Sun cannot get below −2.5°.
    const low = { az: 100, alt: 1 + 11 + SUN_RULE_MARGIN_DEG, throw: 0 };
    expect(provenSafeSeconds(low, 100, 1, { minDistance: 10 })).toBeCloseTo(1 / SUN_SPEED_BOUND_DEG_S, 3);
  });
  it('uses the fast bound when the Sun could reach the distorted band within the step', () => {
    // At 1° of altitude a margin of 5° would last 1190 s at the slow speed: long enough to sink below −2.5°.
    const low = { az: 100, alt: 1 + 15 + SUN_RULE_MARGIN_DEG, throw: 0 };
    expect(provenSafeSeconds(low, 100, 1, { minDistance: 10 })).toBeCloseTo(5 / SUN_SPEED_BOUND_ANY_DEG_S, 3);
  });
  it("keeps the slow bound when the step ends exactly at the distorted band's top", () => {
    // Values found by search: 0.41… − 0.0125 × (m / 0.0042) is exactly −2.5 for the box's altitude margin m.
    const sunAlt = 0.41000000000000003;
    const minAlt = 28.56224;
    const m = 30 - sunAlt - (minAlt + SUN_RULE_MARGIN_DEG);
    expect(sunAlt - SUN_SPEED_BOUND_ANY_DEG_S * (m / SUN_SPEED_BOUND_DEG_S)).toBe(SUN_DISTORTED_REFRACTION_TOP_DEG);
    expect(provenSafeSeconds({ az: 100, alt: 30, throw: 0 }, 100, sunAlt, { box: { minAz: 6, minAlt } })).toBe(m / SUN_SPEED_BOUND_DEG_S);
  });
  it('gives the box the longer of its altitude and azimuth proofs', () => {
    // Straight above: only the altitude gap counts.
    expect(provenSafeSeconds(point, 100, 60, { box: { minAz: 6, minAlt: 6 } })).toBeCloseTo((20 - 6 - SUN_RULE_MARGIN_DEG) / SUN_SPEED_BOUND_DEG_S, 3);
    // Level with the arc: only the azimuth budget counts.
    expect(provenSafeSeconds(point, 130, 40, { box: { minAz: 6, minAlt: 6 } })).toBeCloseTo(
      azimuthBudget(30 - 6 - SUN_RULE_MARGIN_DEG, 40) / SUN_SPEED_BOUND_DEG_S,
      3,
    );
  });
  it('ignores a guard of 0 beside the box', () => {
    // 0.06° of azimuth from the point (0.046° of sky): outside a 0°/0° box with its 0.05° margin.
    const box = { minAz: 0, minAlt: 0 };
    const alone = provenSafeSeconds(point, 100.06, 40, { box });
    expect(alone).toBeGreaterThan(0);
    expect(provenSafeSeconds(point, 100.06, 40, { minDistance: 0, box })).toBe(alone);
  });
  it('is unbounded with no active test', () => {
    expect(provenSafeSeconds(point, 100, 40, {})).toBe(Infinity);
  });
});

describe('cutUnsafe / sunSafePieces', () => {
  const S = US_PER_S;
  const base = 1_800_000_000;
  const scan = scanBlock({ name: 'f', t0: base * S, t1: (base + 1000) * S, az: 10, alt: 50, throw: 20 });

  it('keeps the scan itself (the same object) when nothing is unsafe near it', () => {
    for (const unsafe of [[], [[base - 100, base - 30]], [[base + 1030, base + 1100]], [[base + 1031, base + 1100]]] as [number, number][][]) {
      const out = cutUnsafe(scan, unsafe, 30);
      expect(out).toHaveLength(1);
      expect(out[0]).toBe(scan);
    }
  });
  it('leaves no empty piece when a cut starts at t0 or ends at t1', () => {
    const spans = (unsafe: [number, number][]) => cutUnsafe(scan, unsafe, 30).map((p) => [p.t0 / S - base, p.t1 / S - base]);
    expect(spans([[base + 30, base + 100]])).toEqual([[130, 1000]]);
    expect(spans([[base + 900, base + 970]])).toEqual([[0, 870]]);
    expect(spans([[base + 30, base + 100], [base + 900, base + 970]])).toEqual([[130, 870]]);
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

  it('keeps the padding away from the Sun at both ends of a scan', () => {
    const S0 = 1_800_000_000;
    // A Sun on the 50° almucantar moving 0.004° of azimuth a second from az 0 at S0: within 2° (2.05°
    // with the margin) of the point-like arc at az 10 from about S0 + 1700 s to S0 + 3300 s.
    const moving: SunAt = (s) => ({ az: 0.004 * (s - S0), alt: 50 });
    const at = (fromS: number, toS: number) => scanBlock({ name: 'p', t0: (S0 + fromS) * S, t1: (S0 + toS) * S, az: 10, alt: 50, throw: 0 });
    const before = at(0, 1600);
    const after = at(3400, 5000);
    expect(sunSafePieces(before, { minDistance: 2 }, 0, moving)).toEqual([before]);
    expect(sunSafePieces(after, { minDistance: 2 }, 0, moving)).toEqual([after]);
    const [b] = sunSafePieces(before, { minDistance: 2 }, 200, moving);
    expect(b.t0).toBe(before.t0);
    expect(b.t1 / S - S0).toBeLessThan(1520);
    const [a] = sunSafePieces(after, { minDistance: 2 }, 200, moving);
    expect(a.t0 / S - S0).toBeGreaterThan(3480);
    expect(a.t1).toBe(after.t1);
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
