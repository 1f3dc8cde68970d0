import { validateConfig } from '../config/validate';
import fc from 'fast-check';
import { angle } from '../../testing/arbitraries';
import { sourceGetBlocks } from '../astro/events';
import * as track from '../astro/track';
import { azAlt, sampleAzAlt } from '../astro/track';
import { observingWindow, plainBlock, scanBlock, sourceBlock } from '../blocks/block';
import { flatten } from '../blocks/tree';
import type { Block } from '../blocks/types';
import { sampleGrid } from './rule';
import { wrap180 } from '../numeric/unwrap';
import { US_PER_S } from '../time/micros';
import {
  avoidSun,
  sunAvoidance,
  sunAvoidanceArcPieces,
  SunAvoidanceParams,
  sunPaddingSeconds,
  sunSafeMask,
  sunSafeMaskFast,
  ALT_NOISE_DEG,
  ALT_RATE_BOUND_DEG_S,
  AZ_RATE_BOUND_DEG_S,
  AZ_RATE_MAX_ALT_DEG,
  HIGH_ALT_FLOOR_DEG,
  HIGH_ALT_RATE_BOUND_DEG_S,
} from './sun-avoidance';
import type { SunAt } from './swept-arc';
import { utc } from './rules.test-helpers';

describe('sunSafeMask (F7)', () => {
  const t0 = utc('2023-01-01T00:00:00Z');
  const scan = scanBlock({ name: 'p', t0, t1: t0 + 60e6, az: 10, alt: 50, throw: 5 });
  const p = { min_angle_az: 6, min_angle_alt: 6 };
  it('uses |wrap180(az − az_sun)| − throw and |Δalt|, both strictly greater, OR-ed', () => {
    // Δaz = 11 → 11 − 5 = 6, not > 6; Δalt = 6, not > 6: unsafe. Then each test alone passes.
    expect(sunSafeMask(scan, [0, 1, 2], [359, 358.9, 359], [56, 56, 56.1], p)).toEqual([false, true, true]);
  });
  it('wraps azimuth differences across north', () => {
    expect(sunSafeMask(scan, [0], [350], [50], p)).toEqual([true]); // 20 − 5 > 6
    expect(sunSafeMask(scan, [0], [15], [50], p)).toEqual([false]); // 5 − 5 ≤ 6
  });
  it('ignores blocks it does not handle', () => {
    expect(sunSafeMask({ kind: 'block', t0, t1: t0 }, [0], [0], [0], p)).toBeNull();
  });
});

describe('sun-avoidance (basic-policy §5.1)', () => {
  const block = scanBlock({
    name: 'x',
    t0: utc('2023-01-01T17:00:00Z'),
    t1: utc('2023-01-01T20:00:00Z'),
    az: 255,
    alt: 60,
    throw: 5,
  });
  function expectPieces(got: Block[], expected: [string, string][], tolS: number): void {
    expect(got).toHaveLength(expected.length);
    got.forEach((b, i) => {
      expect(Math.abs(b.t0 - utc(`2023-01-01T${expected[i][0]}Z`))).toBeLessThanOrEqual(tolS * 1e6);
      expect(Math.abs(b.t1 - utc(`2023-01-01T${expected[i][1]}Z`))).toBeLessThanOrEqual(tolS * 1e6);
      expect(b).toMatchObject({ kind: 'scan', name: 'x', az: 255, alt: 60, throw: 5 });
    });
  }
  it('(6, 6, n_buffer 3, 10 s) splits into the two pieces of the worked example', () => {
    const got = flatten(sunAvoidance({ min_angle_az: 6, min_angle_alt: 6, n_buffer: 3, time_step: 10 })([block]));
    expectPieces(got, [['17:00:00', '18:18:30'], ['19:12:10', '19:59:50']], 0);
  });
  it('(6, 6, n_buffer 10, 30 s) likewise', () => {
    const got = flatten(sunAvoidance({ min_angle_az: 6, min_angle_alt: 6, n_buffer: 10, time_step: 30 })([block]));
    expectPieces(got, [['17:00:00', '18:14:00'], ['19:17:00', '19:59:30']], 0);
  });
  it('leaves a safe block untouched (same object, sub-second times kept)', () => {
    const safe = scanBlock({ ...block, t0: block.t0 - 7 * 3600e6 + 123, t1: block.t1 - 7 * 3600e6 });
    expect(avoidSun(safe, { min_angle_az: 6, min_angle_alt: 6, n_buffer: 3, time_step: 10 })).toBe(safe);
  });
  it('drops a block shorter than one step', () => {
    const tiny = scanBlock({ ...block, t1: block.t0 + 5e6 });
    expect(avoidSun(tiny, { min_angle_az: 6, min_angle_alt: 6, n_buffer: 0, time_step: 10 })).toBeNull();
  });
  it('maps every block of the Sun itself to null (§10.3)', () => {
    const sunBlocks = sourceGetBlocks('sun', utc('2022-01-01T00:00:00Z'), utc('2022-01-02T00:00:00Z'));
    expect(sunBlocks).toHaveLength(6);
    const out = sunAvoidance({ min_angle_az: 3, min_angle_alt: 3, n_buffer: 0, time_step: 30 })(sunBlocks);
    expect(out).toEqual([null, null, null, null, null, null]);
  });
  it('cuts source blocks by the source position (no throw term)', () => {
    // Venus near the Sun: the block is split or dropped, never returned whole with unsafe samples.
    const b = sourceBlock({ name: 'venus', t0: utc('2023-01-01T10:00:00Z'), t1: utc('2023-01-01T22:00:00Z'), mode: 'both' });
    const params = { min_angle_az: 30, min_angle_alt: 30, n_buffer: 0, time_step: 60 };
    const out = flatten(sunAvoidance(params)([b]));
    expect(out.length).toBeLessThanOrEqual(1);
  });
  it('rejects bad params with the dotted path', () => {
    expect(() => validateConfig(SunAvoidanceParams, { min_angle_az: 6, min_angle_alt: 6, n_buffer: 1.5, time_step: 10 }, 'r')).toThrow(
      /r\.n_buffer must be an integer/,
    );
  });
});

describe('sunSafeMaskFast', () => {
  it('samples the same grid as sampleAzAlt', () => {
    const t0 = utc('2023-03-01T00:00:00.654321Z');
    const t1 = t0 + 86_399_999_999;
    for (const step of [1, 7, 10, 30]) expect(Array.from(sampleGrid(t0, t1, step))).toEqual(Array.from(sampleAzAlt('sun', t0, t1, step).t));
  });
  it('evaluates positions only where the altitude gap does not prove the samples safe', () => {
    // Six night hours at 10 s steps: the Sun is far below a scan at 80° and below Jupiter.
    const t0 = utc('2023-01-01T00:00:00Z');
    const t1 = utc('2023-01-01T06:00:00Z');
    const t = sampleGrid(t0, t1, 10);
    const p = { min_angle_az: 6, min_angle_alt: 6 };
    const spy = jest.spyOn(track, 'azAltAt');
    try {
      const scan = scanBlock({ name: 'p', t0, t1, az: 10, alt: 80, throw: 5 });
      expect(sunSafeMaskFast(scan, t, p)).toEqual(new Array(t.length).fill(true));
      const forScan = spy.mock.calls.length;
      expect(forScan).toBeGreaterThan(0);
      expect(forScan).toBeLessThan(t.length / 50);
      spy.mockClear();
      const jupiter = sourceBlock({ name: 'jupiter', t0, t1, mode: 'both' });
      expect(sunSafeMaskFast(jupiter, t, p)).toEqual(new Array(t.length).fill(true));
      expect(spy.mock.calls.length).toBeLessThan(t.length / 10); // two positions per evaluated sample
    } finally {
      spy.mockRestore();
    }
  });
  it('equals the exhaustive mask on random scans and sources (property)', () => {
    const year = utc('2023-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 * 86400 }),
        fc.integer({ min: 60, max: 8 * 3600 }),
        fc.constantFrom('scan', 'venus', 'moon', 'saturn'),
        angle(0, 359.99),
        angle(0, 89),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.constantFrom(1, 10, 30),
        (start, len, what, az, alt, minAz, minAlt, step) => {
          const t0 = year + start * 1e6;
          const t1 = t0 + len * 1e6;
          const b: Block =
            what === 'scan'
              ? scanBlock({ name: 'p', t0, t1, az, alt, throw: 10 })
              : sourceBlock({ name: what, t0, t1, mode: 'rising' });
          const p = { min_angle_az: minAz, min_angle_alt: minAlt };
          const sun = sampleAzAlt('sun', t0, t1, step);
          expect(sunSafeMaskFast(b, sampleGrid(t0, t1, step), p)).toEqual(sunSafeMask(b, sun.t, sun.az, sun.alt, p));
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});

/**
 * Blocks whose safety changes near their middle: the criteria are set to the separations from the
 * Sun at a moment `tc` plus or minus up to 1.5°, so the mask has unsafe runs to find, where the
 * fast mask's skipping bounds matter. `tc` is drawn near the horizon (refraction steepens the
 * altitude rate there), at any time of day, or at the Sun's transit (its azimuth turns fastest
 * there, and near the zenith no rate bounds it); the block is a scan (az, alt, throw) or a body's
 * source block.
 */
describe('sunSafeMaskFast at the criteria\'s edges', () => {
  const year = utc('2023-01-01T00:00:00Z');
  const at = new Float64Array(2);
  /** A ctime within a day from `from` (60-s steps) when the Sun is near the horizon, at `from`, or at its highest. */
  function sunMoment(from: number, where: 'horizon' | 'any' | 'transit'): number {
    let best = from;
    let highest = -Infinity;
    for (let s = 0; s < 86_400 && where !== 'any'; s += 60) {
      track.azAltAt('sun', from + s, at);
      if (where === 'horizon' && Math.abs(at[1]) < 2.5) return from + s;
      if (where === 'transit' && at[1] > highest) [best, highest] = [from + s, at[1]];
    }
    return best;
  }
  it('equals the exhaustive mask where blocks cross the criteria (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 364 * 86400 }),
        fc.constantFrom<'horizon' | 'any' | 'transit'>('horizon', 'horizon', 'any', 'transit'),
        fc.integer({ min: 60, max: 3 * 3600 }),
        fc.constantFrom('scan', 'venus', 'mercury', 'moon', 'jupiter'),
        angle(0, 359.99),
        angle(0, 89),
        fc.integer({ min: 0, max: 20 }),
        angle(-1.5, 1.5),
        angle(-1.5, 1.5),
        fc.constantFrom(1, 1, 10, 30),
        (start, where, len, what, az, alt, throwDeg, dAz, dAlt, step) => {
          const tc = sunMoment(year / US_PER_S + start, where);
          const t0 = Math.round((tc - len / 2) * US_PER_S);
          const t1 = t0 + len * US_PER_S;
          track.azAltAt('sun', tc, at);
          const [sunAz, sunAlt] = [at[0], at[1]];
          let b: Block;
          let gapAz: number;
          let gapAlt: number;
          if (what === 'scan') {
            b = scanBlock({ name: 'p', t0, t1, az, alt, throw: throwDeg });
            gapAz = Math.abs(wrap180(az - sunAz)) - throwDeg;
            gapAlt = Math.abs(alt - sunAlt);
          } else {
            b = sourceBlock({ name: what, t0, t1, mode: 'both' });
            track.azAltAt(what as 'venus', tc, at);
            gapAz = Math.abs(wrap180(at[0] - sunAz));
            gapAlt = Math.abs(at[1] - sunAlt);
          }
          const clamp = (x: number): number => Math.min(180, Math.max(0, x));
          const p = { min_angle_az: clamp(gapAz + dAz), min_angle_alt: clamp(gapAlt + dAlt) };
          const sun = sampleAzAlt('sun', t0, t1, step);
          expect(sunSafeMaskFast(b, sampleGrid(t0, t1, step), p)).toEqual(sunSafeMask(b, sun.t, sun.az, sun.alt, p));
        },
      ),
      { numRuns: 400, seed: 11 },
    );
  });
});

/**
 * Each evaluation of the fast mask skips at least the seconds its bound proves safe from the margin
 * there, so over `n` samples at `step` seconds it evaluates at most n · step / (the least such span
 * over the block) + 1 samples. One bound at a time: `min_angle_az` 180 leaves only the altitude
 * bounds, `min_angle_alt` 180 only the azimuth one; each criterion is set 3° inside the block's
 * closest approach, so that margins stay small and a bound that proved less would evaluate more.
 */
describe('sunSafeMaskFast evaluates no more samples than its bounds prove', () => {
  const sunAt = new Float64Array(2);
  /** Evaluations (Sun positions) `sunSafeMaskFast` makes for `b` over its 1-s grid, and that grid's size. */
  function evaluations(b: Block, p: { min_angle_az: number; min_angle_alt: number }): { count: number; n: number } {
    const t = sampleGrid(b.t0, b.t1, 1);
    let count = 0;
    const real = track.azAltAt;
    const spy = jest.spyOn(track, 'azAltAt').mockImplementation((body, ctime, out) => {
      if (body === 'sun') count++;
      real(body, ctime, out);
    });
    try {
      expect(sunSafeMaskFast(b, t, p)).toEqual(new Array(t.length).fill(true));
    } finally {
      spy.mockRestore();
    }
    return { count, n: t.length };
  }
  /** The Sun's and the block's positions on its 1-s grid. */
  function positions(b: Block): { sunAz: Float64Array; sunAlt: Float64Array; az: ArrayLike<number>; alt: ArrayLike<number> } {
    const sun = sampleAzAlt('sun', b.t0, b.t1, 1);
    if (b.kind === 'scan') return { sunAz: sun.az, sunAlt: sun.alt, az: new Array(sun.t.length).fill(b.az), alt: new Array(sun.t.length).fill(b.alt) };
    const own = azAlt((b as { name: 'jupiter' }).name, sun.t);
    return { sunAz: sun.az, sunAlt: sun.alt, az: own.az, alt: own.alt };
  }
  /** Asserts that it evaluates more than one of the block's n samples and at most n / `span` + 1. */
  function expectEvaluationsWithin(b: Block, p: { min_angle_az: number; min_angle_alt: number }, span: number): void {
    const { count, n } = evaluations(b, p);
    expect(count).toBeLessThanOrEqual(n / span + 1);
    expect(count).toBeGreaterThan(1);
  }
  const altitudeGaps = (x: ReturnType<typeof positions>): number[] => Array.from(x.alt, (a, i) => Math.abs(a - x.sunAlt[i]));
  const least = (xs: ArrayLike<number>): number => Math.min(...Array.from(xs));
  /** How many bodies move in the gap: the Sun alone for a scan, the Sun and the source for a source (the bounds double). */
  const movingBodies = (b: Block): number => (b.kind === 'scan' ? 1 : 2);
  const evening = [utc('2023-03-01T00:00:00Z'), utc('2023-03-01T03:00:00Z')] as const;
  const midday = [utc('2023-03-01T15:50:00Z'), utc('2023-03-01T17:10:00Z')] as const;
  const blocks = (t0: number, t1: number, az: number, alt: number): Block[] => [
    scanBlock({ name: 'p', t0, t1, az, alt, throw: 0 }),
    sourceBlock({ name: 'jupiter', t0, t1, mode: 'both' }),
  ];

  it('below the horizon, the altitude gap over the altitude rate bound (twice it for a source)', () => {
    for (const b of blocks(...evening, 0, 60)) {
      const x = positions(b);
      const gaps = altitudeGaps(x);
      const p = { min_angle_az: 180, min_angle_alt: least(gaps) - 3 };
      const rate = movingBodies(b) * ALT_RATE_BOUND_DEG_S;
      const span = least(gaps.map((g) => (g - p.min_angle_alt) / rate));
      expectEvaluationsWithin(b, p, span);
    }
  });

  it('above the horizon, the slower altitude rate for as long as both bodies stay up', () => {
    for (const b of blocks(...midday, 0, 30)) {
      const x = positions(b);
      const gaps = altitudeGaps(x);
      const p = { min_angle_az: 180, min_angle_alt: least(gaps) - 3 };
      const rate = movingBodies(b) * HIGH_ALT_RATE_BOUND_DEG_S;
      const lowest = least(Array.from(x.alt, (a, i) => Math.min(b.kind === 'scan' ? Infinity : a, x.sunAlt[i])));
      const hold = (lowest - HIGH_ALT_FLOOR_DEG) / ALT_RATE_BOUND_DEG_S;
      const span = Math.min(hold, least(gaps.map((g) => (g - p.min_angle_alt - ALT_NOISE_DEG) / rate)));
      expectEvaluationsWithin(b, p, span);
    }
  });

  it('away from the zenith, the azimuth gap over the azimuth rate bound (twice it for a source)', () => {
    for (const b of blocks(evening[0], utc('2023-03-01T02:00:00Z'), 285, 10)) {
      const x = positions(b);
      const gaps = Array.from(x.az, (a, i) => Math.abs(wrap180(a - x.sunAz[i])));
      const p = { min_angle_az: least(gaps) - 3, min_angle_alt: 180 };
      const rate = movingBodies(b) * AZ_RATE_BOUND_DEG_S;
      const highest = Math.max(...Array.from(x.alt, (a, i) => Math.max(b.kind === 'scan' ? 0 : Math.abs(a), Math.abs(x.sunAlt[i]))));
      const hold = (AZ_RATE_MAX_ALT_DEG - highest) / ALT_RATE_BOUND_DEG_S;
      const span = Math.min(hold, least(gaps.map((g) => (g - p.min_angle_az) / rate)));
      expectEvaluationsWithin(b, p, span);
    }
  });
});

describe('sun-avoidance: block kinds', () => {
  const t0 = utc('2023-01-01T10:00:00Z');
  const t1 = utc('2023-01-01T22:00:00Z');
  const p = { min_angle_az: 30, min_angle_alt: 30, n_buffer: 0, time_step: 60 };
  const venusWindow = observingWindow({ name: 'venus', t0, t1, mode: 'both', tStart: [], obsLength: [], azBore: [], altBore: [], azThrow: [] });
  const venusSource = sourceBlock({ name: 'venus', t0, t1, mode: 'both' });

  it('judges an observing window by its planet, like a source block', () => {
    const t = sampleGrid(t0, t1, 60);
    const sun = sampleAzAlt('sun', t0, t1, 60);
    const mask = sunSafeMask(venusWindow, t, sun.az, sun.alt, p);
    expect(mask).toEqual(sunSafeMask(venusSource, t, sun.az, sun.alt, p));
    expect(mask!.some((x) => !x)).toBe(true);
    expect(sunSafeMaskFast(venusWindow, t, p)).toEqual(mask);
    expect(avoidSun(venusWindow, p)).not.toBe(venusWindow);
    expect(flatten(avoidSun(venusWindow, p)).every((b) => b.kind === 'window' && b.name === 'venus')).toBe(true);
  });

  it('leaves plain blocks and sources that are not bodies alone', () => {
    const plain = plainBlock(t0, t1);
    const field = sourceBlock({ name: 'fornax', t0, t1, mode: 'both' });
    for (const b of [plain, field]) {
      expect(sunSafeMask(b, [t0 / US_PER_S], [0], [0], p)).toBeNull();
      expect(sunSafeMaskFast(b, [t0 / US_PER_S], p)).toBeNull();
      expect(avoidSun(b, p)).toBe(b);
    }
  });
});

describe('sun-avoidance: the criteria are strict at their bounds', () => {
  const t = 1_672_588_800; // 2023-01-01T16:00:00Z
  const sun = azAlt('sun', [t]);
  const venus = azAlt('venus', [t]);
  const scan = scanBlock({ name: 'p', t0: t * US_PER_S, t1: (t + 1) * US_PER_S, az: 30, alt: 40, throw: 5 });
  const source = sourceBlock({ name: 'venus', t0: t * US_PER_S, t1: (t + 1) * US_PER_S, mode: 'both' });

  it('is unsafe when the azimuth gap equals min_angle_az (within min_angle_alt)', () => {
    const scanGap = Math.abs(wrap180(scan.az - sun.az[0])) - scan.throw;
    const srcGap = Math.abs(wrap180(venus.az[0] - sun.az[0]));
    expect(sunSafeMaskFast(scan, [t], { min_angle_az: scanGap, min_angle_alt: 180 })).toEqual([false]);
    expect(sunSafeMaskFast(scan, [t], { min_angle_az: scanGap - 1e-9, min_angle_alt: 180 })).toEqual([true]);
    expect(sunSafeMask(source, [t], sun.az, sun.alt, { min_angle_az: srcGap, min_angle_alt: 180 })).toEqual([false]);
    expect(sunSafeMask(source, [t], sun.az, sun.alt, { min_angle_az: srcGap - 1e-9, min_angle_alt: 180 })).toEqual([true]);
    expect(sunSafeMaskFast(source, [t], { min_angle_az: srcGap, min_angle_alt: 180 })).toEqual([false]);
  });

  it('is unsafe when the altitude gap equals min_angle_alt (within min_angle_az)', () => {
    const scanGap = Math.abs(scan.alt - sun.alt[0]);
    const srcGap = Math.abs(venus.alt[0] - sun.alt[0]);
    expect(sunSafeMaskFast(scan, [t], { min_angle_az: 180, min_angle_alt: scanGap })).toEqual([false]);
    expect(sunSafeMaskFast(scan, [t], { min_angle_az: 180, min_angle_alt: scanGap - 1e-9 })).toEqual([true]);
    expect(sunSafeMask(source, [t], sun.az, sun.alt, { min_angle_az: 180, min_angle_alt: srcGap })).toEqual([false]);
    expect(sunSafeMask(source, [t], sun.az, sun.alt, { min_angle_az: 180, min_angle_alt: srcGap - 1e-9 })).toEqual([true]);
    expect(sunSafeMaskFast(source, [t], { min_angle_az: 180, min_angle_alt: srcGap })).toEqual([false]);
  });
});

describe('sun-avoidance: trimming the start of a block', () => {
  it('keeps only the safe end of a block whose start is unsafe', () => {
    const block = scanBlock({ name: 'x', t0: utc('2023-01-01T18:30:00Z'), t1: utc('2023-01-01T20:00:00Z'), az: 255, alt: 60, throw: 5 });
    const got = flatten(avoidSun(block, { min_angle_az: 6, min_angle_alt: 6, n_buffer: 3, time_step: 10 }));
    expect(got.map((b) => [b.t0, b.t1])).toEqual([[utc('2023-01-01T19:12:10Z'), utc('2023-01-01T19:59:50Z')]]);
  });
});

describe('sunPaddingSeconds / sunAvoidanceArcPieces', () => {
  const S0 = 1_800_000_000;
  /** A Sun on the 50° almucantar moving 0.004° of azimuth a second from az 0 at S0. */
  const sunAt: SunAt = (s) => ({ az: (((0.004 * (s - S0)) % 360) + 360) % 360, alt: 50 });
  // A point-like scan at az 10, alt 50: the Sun is inside the 3°/3° box (3.05° with the margin)
  // from about S0 + 1740 s to S0 + 3260 s.
  const scan = (fromS: number, toS: number) => scanBlock({ name: 'p', t0: (S0 + fromS) * US_PER_S, t1: (S0 + toS) * US_PER_S, az: 10, alt: 50, throw: 0 });
  const box = (n_buffer: number, time_step: number) => ({ min_angle_az: 3, min_angle_alt: 3, n_buffer, time_step });

  it('pads by n_buffer samples of time_step', () => {
    expect(sunPaddingSeconds({ n_buffer: 3, time_step: 10 })).toBe(30);
    expect(sunPaddingSeconds({ n_buffer: 0, time_step: 10 })).toBe(0);
  });

  it('keeps a scan outside the box as it is, drops one inside it, and keeps the padding away', () => {
    const early = scan(0, 1600);
    expect(sunAvoidanceArcPieces(early, box(0, 10), sunAt)).toEqual([early]);
    expect(sunAvoidanceArcPieces(early, box(0, 10), sunAt)[0]).toBe(early);
    expect(sunAvoidanceArcPieces(scan(2000, 3000), box(0, 10), sunAt)).toEqual([]);
    const padded = sunAvoidanceArcPieces(early, box(20, 10), sunAt);
    expect(padded).toHaveLength(1);
    expect(padded[0].t0).toBe(early.t0);
    expect(padded[0].t1 / US_PER_S - S0).toBeGreaterThan(1450);
    expect(padded[0].t1 / US_PER_S - S0).toBeLessThan(1545);
  });
});
