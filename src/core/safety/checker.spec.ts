import fc from 'fast-check';
import { angle } from '../../testing/arbitraries';
import { skyDistanceDeg } from '../../testing/sky';
import { scanBlock } from '../blocks/block';
import { sunGuardPieces } from '../rules/sun-guard';
import { sunAvoidanceArcPieces } from '../rules/sun-avoidance';
import { rulesSun } from '../rules/swept-arc';
import { isoformat } from '../time/format';
import { US_PER_S } from '../time/micros';
import { CHECK_SUN_SPEED_DEG_S, checkSchedule } from './checker';
import { CHECKER_SUN_ERROR_DEG } from './sun';
import type { SafetyCriteria } from './report';
import * as sunModule from './sun';
import { checkerSun } from './sun';

const S = US_PER_S;
const T = (iso: string): number => Date.parse(iso) / 1000;
const criteria: SafetyCriteria = {
  sunDistanceDeg: 10,
  sunBox: { minAzDeg: 6, minAltDeg: 6 },
  paddingS: 30,
  mountElLimits: [20, 90],
  mountAzLimits: [-90, 480],
};
const DEG = Math.PI / 180;

describe('checkerSun', () => {
  it("agrees with the rules' Sun within 0.005° above 10° of altitude", () => {
    for (let i = 0; i < 200; i++) {
      const t = T('2027-01-01T00:00:00Z') + i * 157_813.7;
      const a = checkerSun(t);
      const b = rulesSun(t);
      if (a.alt > 10) expect(skyDistanceDeg(a.az, a.alt, b.az, b.alt)).toBeLessThan(0.005);
    }
  });
  it('moves less than the speed bound, at 1 s steps across a sunrise and a sunset', () => {
    let worst = 0;
    for (const start of [T('2027-03-20T10:15:00Z'), T('2027-03-20T21:50:00Z')]) {
      let p = checkerSun(start);
      for (let s = 1; s <= 1800; s++) {
        const q = checkerSun(start + s);
        worst = Math.max(worst, skyDistanceDeg(p.az, p.alt, q.az, q.alt));
        p = q;
      }
    }
    expect(worst).toBeLessThan(CHECK_SUN_SPEED_DEG_S);
    expect(worst).toBeGreaterThan(0.003);
  });
});

describe('checkSchedule', () => {
  const t = T('2027-04-01T17:07:00Z');
  const sun = checkerSun(t);
  const at = (name: string, fromS: number, toS: number, az: number, alt: number, width: number) =>
    scanBlock({ name, t0: Math.round((t + fromS) * S), t1: Math.round((t + toS) * S), az, alt, throw: width });

  it('catches a scan injected at the Sun, bypassing the rules', () => {
    const safe = at('far', -3600, -1800, (sun.az + 170) % 360, 50, 30);
    const injected = at('saturn', 0, 300, sun.az - 0.5, sun.alt, 1);
    const report = checkSchedule([safe, injected], criteria);
    expect(report.verdict).toBe('unsafe');
    expect(report.blocks[0].problems).toEqual([]);
    // The arc's two problems, then the wait at its start pointing since the previous scan's end (the Sun was ~7° away).
    expect(report.blocks[1].problems).toEqual([
      expect.stringMatching(/^comes within 0\.\d+° of the Sun at 2027-04-01T17:0\d:\d\d.* \(at least 10° required\)$/),
      expect.stringMatching(/^sweeps inside the Sun avoidance box at /),
      expect.stringMatching(/^the wait at the start pointing \(.*\) from 2027-04-01T16:37:00\+00:00 to 2027-04-01T17:07:00\+00:00 comes within /),
      expect.stringMatching(/^the wait at the start pointing \(.*\) from .* is inside the Sun avoidance box at /),
      // and the move to it, which ends at the Sun (moves.ts).
      expect.stringMatching(/^the move from \(.*\) to \(.*\) starting 2027-04-01T16:37:00\+00:00 passes within 0\.\d+° of the Sun/),
    ]);
    expect(report.blocks[1].minSunDistanceDeg).toBeLessThan(0.5);
    expect(report.minSunDistanceDeg).toBe(report.blocks[1].minSunDistanceDeg);
  });

  it('finds a close approach between the first samples of a long scan', () => {
    // The Sun passes 5° from a point-like arc during an hour; the first grid alone could miss it.
    const later = checkerSun(t + 1234);
    const scan = at('x', 0, 3600, later.az, later.alt - 5, 0);
    const report = checkSchedule([scan], { ...criteria, sunBox: null });
    expect(report.verdict).toBe('unsafe');
    expect(report.blocks[0].minSunDistanceDeg).toBeLessThan(5.01);
  });

  it('catches a sweep inside the box that the guard alone would allow', () => {
    // At 61° elevation 4° of azimuth is ~1.9° of sky: the box is broken while a 1° guard is not.
    const scan = at('box', 0, 120, sun.az + 4, sun.alt, 10);
    const report = checkSchedule([scan], { ...criteria, sunDistanceDeg: 1 });
    expect(report.blocks[0].problems).toEqual([expect.stringMatching(/inside the Sun avoidance box/)]);
  });

  it('reports mount problems', () => {
    // At night: only the mount can be at fault.
    const low = at('low', -43200, -43000, 10, 15.82, 1);
    const wide = at('wide', -43200, -43000, 400, 50, 90);
    const report = checkSchedule([low, wide], criteria);
    expect(report.blocks.map((b) => b.problems)).toEqual([
      ['elevation 15.82° is outside [20, 90]'],
      ['swept azimuth [400.00, 490.00]° is outside [-90, 480]'],
    ]);
    expect(checkSchedule([wide], { ...criteria, mountAzLimits: null }).verdict).toBe('safe');
  });

  it('passes what the rules keep, with their margin, and reports its minimum distance', () => {
    // A long arc the Sun approaches: trimmed by the rules, then checked independently.
    const raw = at('cmb', -5400, 600, sun.az - 60, sun.alt - 8, 45);
    const pieces = sunGuardPieces(raw, { min_distance_deg: 10 }, 30).flatMap((p) => sunAvoidanceArcPieces(p, { min_angle_az: 6, min_angle_alt: 6, n_buffer: 3, time_step: 10 }));
    expect(pieces.length).toBeGreaterThan(0);
    expect(pieces).not.toEqual([raw]);
    const report = checkSchedule(pieces, criteria);
    expect(report.verdict).toBe('safe');
    expect(report.minSunDistanceDeg!).toBeGreaterThanOrEqual(10);
    expect(report.minSunDistanceDeg!).toBeLessThan(10.5);
    expect(checkSchedule([raw], criteria).verdict).toBe('unsafe');
  });

  it('reports an empty schedule as safe with no distance', () => {
    expect(checkSchedule([], criteria)).toEqual({ verdict: 'safe', minSunDistanceDeg: null, blocks: [], criteria });
  });
});

describe('checkSchedule with a Sun of known motion', () => {
  const S0 = 1_800_000_000;
  type Sun = { az: number; alt: number };
  let calls = 0;
  /** Replaces the checker's Sun by `f` (seconds → position) and counts the samples. */
  function sunIs(f: (s: number) => Sun): void {
    calls = 0;
    jest.spyOn(sunModule, 'checkerSun').mockImplementation((s) => {
      calls++;
      return f(s);
    });
  }
  afterEach(() => jest.restoreAllMocks());

  const open: SafetyCriteria = { sunDistanceDeg: 10, sunBox: null, paddingS: 0, mountElLimits: [-90, 90], mountAzLimits: null };
  const scan = (az: number, alt: number, width: number, fromS = 0, toS = 600) =>
    scanBlock({ name: 'p', t0: (S0 + fromS) * S, t1: (S0 + toS) * S, az, alt, throw: width });

  it('measures the distance from a Sun that stands still to the nearest point of the arc', () => {
    fc.assert(
      fc.property(
        angle(0, 359.9),
        angle(0, 89),
        angle(0, 359.9),
        angle(0, 60),
        angle(0, 89),
        (sunAz, sunAlt, az, width, alt) => {
          sunIs(() => ({ az: sunAz, alt: sunAlt }));
          // No guard: a Sun that stands still is then sampled only a few times.
          const got = checkSchedule([scan(az, alt, width)], { ...open, sunDistanceDeg: 0 }).blocks[0].minSunDistanceDeg;
          let best = Infinity;
          for (let i = 0; i <= 400; i++) best = Math.min(best, skyDistanceDeg(sunAz, sunAlt, az + (width * i) / 400, alt));
          expect(got).toBeLessThanOrEqual(best + 1e-6);
          expect(best - got).toBeLessThanOrEqual((width / 400) * Math.cos(alt * DEG) + 1e-6);
          jest.restoreAllMocks();
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('measures to the nearer end of the arc when the Sun stands opposite it', () => {
    // Arc [100, 130]: the Sun at az 290 is 160° of azimuth from 130 and 170° from 100.
    sunIs(() => ({ az: 290, alt: 0 }));
    expect(checkSchedule([scan(100, 0, 30)], open).blocks[0].minSunDistanceDeg).toBeCloseTo(160, 9);
    sunIs(() => ({ az: 275, alt: 0 }));
    expect(checkSchedule([scan(100, 0, 30)], open).blocks[0].minSunDistanceDeg).toBeCloseTo(145, 9);
  });

  it('accepts a Sun exactly at the guard distance ("at least") once the table\'s error is added', () => {
    sunIs(() => ({ az: 100, alt: 50 }));
    const d = checkSchedule([scan(100, 40, 0, 0, 60)], { ...open, sunDistanceDeg: 0 }).blocks[0].minSunDistanceDeg;
    expect(d).toBeCloseTo(10, 9);
    const guard = d - CHECKER_SUN_ERROR_DEG;
    expect(checkSchedule([scan(100, 40, 0, 0, 60)], { ...open, sunDistanceDeg: guard }).verdict).toBe('safe');
    expect(checkSchedule([scan(100, 40, 0, 0, 60)], { ...open, sunDistanceDeg: guard + 1e-9 }).verdict).toBe('unsafe');
    // The table's Sun may be that much off: a distance of exactly the guard is refused.
    expect(checkSchedule([scan(100, 40, 0, 0, 60)], { ...open, sunDistanceDeg: d }).verdict).toBe('unsafe');
  });

  it("judges the box and the below-horizon allowance with the table's error as margin", () => {
    const box: SafetyCriteria = { ...open, sunDistanceDeg: 1, sunBox: { minAzDeg: 6, minAltDeg: 6 } };
    const e = CHECKER_SUN_ERROR_DEG;
    // Altitude: a gap of 6° + e/2 may truly be 6°, inside the box; 6° + 2e may not.
    sunIs(() => ({ az: 103, alt: 46 + e / 2 }));
    expect(checkSchedule([scan(100, 40, 0)], box).verdict).toBe('unsafe');
    sunIs(() => ({ az: 103, alt: 46 + 2 * e }));
    expect(checkSchedule([scan(100, 40, 0)], box).verdict).toBe('safe');
    // Azimuth: the error on the sky is e / cos(alt) of azimuth (2e at 60°).
    sunIs(() => ({ az: 106 + 1.5 * e, alt: 60 }));
    expect(checkSchedule([scan(100, 57, 0)], box).verdict).toBe('unsafe');
    sunIs(() => ({ az: 106 + 2.5 * e, alt: 60 }));
    expect(checkSchedule([scan(100, 57, 0)], box).verdict).toBe('safe');
    // Within e of the zenith the azimuth says nothing: any azimuth is inside the box.
    sunIs(() => ({ az: 280, alt: 90 - e / 2 }));
    expect(checkSchedule([scan(100, 86, 0)], box).verdict).toBe('unsafe');
    // A Sun within e below the horizon may be above it: no allowance (9.5° to a guard of 10°).
    sunIs(() => ({ az: 100, alt: -e / 2 }));
    expect(checkSchedule([scan(100, 9.5 - e / 2, 0)], open).verdict).toBe('unsafe');
    sunIs(() => ({ az: 100, alt: -2 * e }));
    expect(checkSchedule([scan(100, 9.5 - 2 * e, 0)], open).verdict).toBe('safe');
  });

  it('reports the worst sample, at the first instant it is reached', () => {
    sunIs(() => ({ az: 100, alt: 45 }));
    const report = checkSchedule([scan(100, 40, 0, 0, 600)], { ...open, paddingS: 30 });
    expect(report.blocks[0].minSunDistanceDeg).toBeCloseTo(5, 9);
    expect(report.blocks[0].problems).toEqual([
      `comes within 5.000° of the Sun at ${isoformat((S0 - 30) * S)} (at least 10° required)`,
    ]);
  });

  it('names the worst approach of a passing Sun, equal to the minimum it reports', () => {
    // The Sun climbs at 0.004°/s through the point-like arc at (100, 40), reaching it at S0 + 1537.
    sunIs((s) => ({ az: 100, alt: 40 + 0.004 * (s - (S0 + 1537)) }));
    const report = checkSchedule([scan(100, 40, 0, 0, 3600)], open);
    const min = report.blocks[0].minSunDistanceDeg;
    expect(min).toBeLessThan(0.01);
    expect(report.blocks[0].problems[0]).toMatch(new RegExp(`^comes within ${min.toFixed(3).replace('.', '\\.')}° of the Sun at `));
  });

  describe('below the horizon', () => {
    // Refraction models disagree there: 1° of allowance on the distance and on the box's altitude.
    it.each<[number, boolean]>([
      [-5, true],
      [-0.5, true],
      [0, false],
      [5, false],
    ])('with the Sun at %p° a distance of 9.5° to a guard of 10° is safe: %p', (sunAlt, safe) => {
      sunIs(() => ({ az: 100, alt: sunAlt }));
      const report = checkSchedule([scan(100, sunAlt + 9.5, 0)], open);
      expect(report.verdict).toBe(safe ? 'safe' : 'unsafe');
    });
    it('still refuses a distance more than 1° short', () => {
      sunIs(() => ({ az: 100, alt: -5 }));
      expect(checkSchedule([scan(100, 3.9, 0)], open).verdict).toBe('unsafe');
      expect(checkSchedule([scan(100, 4.1, 0)], open).verdict).toBe('safe');
    });
    it('shrinks the box by 1° of altitude', () => {
      const box: SafetyCriteria = { ...open, sunDistanceDeg: 1, sunBox: { minAzDeg: 6, minAltDeg: 6 } };
      sunIs(() => ({ az: 100, alt: -1 }));
      expect(checkSchedule([scan(100, 4, 0)], box).verdict).toBe('unsafe');
      sunIs(() => ({ az: 100, alt: -2 }));
      expect(checkSchedule([scan(100, 4, 0)], box).verdict).toBe('safe');
    });
  });

  describe('the box', () => {
    const box: SafetyCriteria = { ...open, sunDistanceDeg: 1, sunBox: { minAzDeg: 6, minAltDeg: 6 } };
    it('includes its edges', () => {
      sunIs(() => ({ az: 106, alt: 46 }));
      const report = checkSchedule([scan(100, 40, 0)], box);
      expect(report.blocks[0].problems).toEqual([
        `sweeps inside the Sun avoidance box at ${isoformat(S0 * S)}: the Sun is 6.000° of azimuth and 6.000° of elevation from the arc (box 6°/6°)`,
      ]);
    });
    it.each<[number, number]>([
      [106.001, 46],
      [106, 46.001],
      [103, 47],
      [107, 43],
      [93.999, 40],
    ])('excludes the Sun at (%p, %p) from the arc at (100, 40)', (az, alt) => {
      sunIs(() => ({ az, alt }));
      expect(checkSchedule([scan(100, 40, 0)], box).verdict).toBe('safe');
    });
    it('measures azimuth from the nearer end of the swept arc, across north', () => {
      sunIs(() => ({ az: 2, alt: 41 }));
      expect(checkSchedule([scan(330, 40, 26)], box).verdict).toBe('unsafe'); // 6° past the end at 356
      expect(checkSchedule([scan(330, 40, 25.9)], box).verdict).toBe('safe');
      expect(checkSchedule([scan(8, 40, 10)], box).verdict).toBe('unsafe'); // 6° before the start at 8
    });
  });

  describe('between samples', () => {
    // Suns as fast as the checker allows (0.012°/s) that touch the criterion for 16 s only,
    // off the first sampling grid: the search must still find them.
    const tc = S0 + 1537.3;
    it('finds a short dip under the guard and pins the minimum', () => {
      sunIs((s) => ({ az: 100, alt: 40 + 9.9 + 0.012 * Math.abs(s - tc) }));
      const report = checkSchedule([scan(100, 40, 0, 0, 3600)], open);
      expect(report.verdict).toBe('unsafe');
      expect(report.blocks[0].minSunDistanceDeg).toBeLessThan(9.9 + 0.012);
    });
    it('finds a short passage through the box', () => {
      sunIs((s) => ({ az: 104, alt: 40 + 5.9 + 0.012 * Math.abs(s - tc) }));
      const report = checkSchedule([scan(100, 40, 0, 0, 3600)], { ...open, sunDistanceDeg: 1, sunBox: { minAzDeg: 6, minAltDeg: 6 } });
      expect(report.blocks[0].problems).toEqual([expect.stringMatching(/^sweeps inside the Sun avoidance box at /)]);
    });
    it('reports the minimum distance to a tenth of its margin over the guard', () => {
      // Closest, 12.3°, at tc; the first samples are 300 s (3.6°) away from it.
      sunIs((s) => ({ az: 100, alt: 40 + 12.3 + 0.012 * Math.abs(s - tc) }));
      const report = checkSchedule([scan(100, 40, 0, 0, 3600)], open);
      expect(report.verdict).toBe('safe');
      expect(report.blocks[0].minSunDistanceDeg).toBeGreaterThanOrEqual(12.3);
      expect(report.blocks[0].minSunDistanceDeg).toBeLessThan(12.3 + 0.23);
    });
    it('catches a Sun that rises into the guard between two samples that each pass', () => {
      // 40.5 s, sampled at both ends only at first: 9.5° with the Sun below the horizon (within the
      // 1° allowance), 10.002° at the end; in between the Sun is up and closer than 10°.
      const a = S0;
      sunIs((s) => ({ az: 100, alt: -0.2 + 0.0124 * (s - a) }));
      const report = checkSchedule([scan(100, -9.7, 0, 0, 40.5)], open);
      expect(report.verdict).toBe('unsafe');
      expect(report.blocks[0].problems).toEqual([expect.stringMatching(/^comes within 9\.\d+° of the Sun/)]);
    });
    it('finds the approach in the padding before and after the scan', () => {
      const at = (t: number) => (s: number) => ({ az: 100, alt: 40 + 9.9 + 0.012 * Math.abs(s - t) });
      sunIs(at(S0 - 50));
      expect(checkSchedule([scan(100, 40, 0, 0, 600)], { ...open, paddingS: 60 }).verdict).toBe('unsafe');
      expect(checkSchedule([scan(100, 40, 0, 0, 600)], { ...open, paddingS: 30 }).verdict).toBe('safe');
      sunIs(at(S0 + 650));
      expect(checkSchedule([scan(100, 40, 0, 0, 600)], { ...open, paddingS: 60 }).verdict).toBe('unsafe');
      expect(checkSchedule([scan(100, 40, 0, 0, 600)], { ...open, paddingS: 30 }).verdict).toBe('safe');
    });
    it('samples sparsely where the Sun is far', () => {
      sunIs((s) => ({ az: 280 + 0.004 * (s - S0), alt: 30 }));
      const report = checkSchedule([scan(100, 40, 20, 0, 3600)], { ...open, sunBox: { minAzDeg: 6, minAltDeg: 6 } });
      expect(report.verdict).toBe('safe');
      expect(calls).toBeLessThanOrEqual(12);
    });
    // Each bound alone proves the box safe here; the other one could not (25 and 49 samples today).
    const box: SafetyCriteria = { ...open, sunDistanceDeg: 1, sunBox: { minAzDeg: 6, minAltDeg: 6 } };
    it("samples sparsely where the Sun is level with the arc but beyond the box's reach on the sky", () => {
      // At 60° of elevation the box reaches 6·cos 60° + 6 = 9° on the sky; the Sun is ~12° away.
      sunIs(() => ({ az: 124, alt: 60 }));
      expect(checkSchedule([scan(100, 60, 0, 0, 3600)], box).verdict).toBe('safe');
      expect(calls).toBeLessThanOrEqual(40);
    });
    it("samples sparsely where the Sun is within the box's reach but above it", () => {
      sunIs(() => ({ az: 100, alt: 68 }));
      expect(checkSchedule([scan(100, 60, 0, 0, 3600)], box).verdict).toBe('safe');
      expect(calls).toBeLessThanOrEqual(80);
    });
    it('once a scan is found unsafe, refines only around its minimum', () => {
      sunIs((s) => ({ az: 100, alt: 40 + 5 + 0.012 * Math.abs(s - tc) }));
      const report = checkSchedule([scan(100, 40, 0, 0, 3600)], open);
      expect(report.blocks[0].minSunDistanceDeg).toBeLessThan(5.005);
      expect(calls).toBeLessThanOrEqual(40);
      sunIs((s) => ({ az: 104, alt: 40 + 5.9 + 0.012 * Math.abs(s - tc) }));
      expect(checkSchedule([scan(100, 40, 0, 0, 3600)], box).verdict).toBe('unsafe');
      expect(calls).toBeLessThanOrEqual(25);
    });
  });

  describe('the mount', () => {
    it('accepts elevations and sweeps exactly at the limits, and refuses them just past', () => {
      sunIs(() => ({ az: 280, alt: -30 }));
      const limits: SafetyCriteria = { ...open, mountElLimits: [20, 90], mountAzLimits: [-90, 480] };
      const problems = (az: number, alt: number, width: number) => checkSchedule([scan(az, alt, width)], limits).blocks[0].problems;
      expect(problems(-90, 20, 570)).toEqual([]);
      expect(problems(0, 90, 10)).toEqual([]);
      expect(problems(0, 90.01, 10)).toEqual(['elevation 90.01° is outside [20, 90]']);
      expect(problems(0, 19.99, 10)).toEqual(['elevation 19.99° is outside [20, 90]']);
      expect(problems(-90.01, 30, 10)).toEqual(['swept azimuth [-90.01, -80.01]° is outside [-90, 480]']);
      expect(problems(470, 30, 10.01)).toEqual(['swept azimuth [470.00, 480.01]° is outside [-90, 480]']);
    });
  });

  describe("an interval's bound keeps the table's error on the safe side", () => {
    // The Sun on the scan's azimuth, `gap(s)` degrees above it. The first interval of the search's
    // grid, [0, 600] s, has equal ends 9.75° away and the Sun comes at the bound speed to exactly
    // 6° at its middle and leaves again: the interval's bound is then 6° minus the table's error.
    // Then the Sun goes slowly down to 6.003° at 1200 s (the nearest sample of the grid, so the
    // reported minimum needs no further search of the first interval).
    const speed = CHECK_SUN_SPEED_DEG_S;
    const gap = (s: number): number => (s <= 600 ? 6 + speed * Math.abs(s - 300) : 9.75 - ((9.75 - 6.003) * (s - 600)) / 600);
    const track = (s: number): Sun => ({ az: 100, alt: 40 + gap(s - S0) });

    it('searches an interval whose bound is the guard distance, and finds the Sun at it', () => {
      sunIs(track);
      const report = checkSchedule([scan(100, 40, 0, 0, 1200)], { ...open, sunDistanceDeg: 6 });
      // 6° is not "at least 6°" once the table's error is allowed for.
      expect(report.verdict).toBe('unsafe');
      expect(report.blocks[0].minSunDistanceDeg).toBeCloseTo(6, 9);
    });

    it('searches an interval whose bound is the edge of the box, and finds the Sun in it', () => {
      sunIs(track);
      const boxed: SafetyCriteria = { ...open, sunDistanceDeg: 5.999, sunBox: { minAzDeg: 6, minAltDeg: 6 } };
      const report = checkSchedule([scan(100, 40, 0, 0, 1200)], boxed);
      expect(report.verdict).toBe('unsafe');
      expect(report.blocks[0].problems.join(' ')).toContain('box');
      // 6.003° everywhere outside the first interval: that alone is safe.
      sunIs(() => ({ az: 100, alt: 46.003 }));
      expect(checkSchedule([scan(100, 40, 0, 0, 1200)], boxed).verdict).toBe('safe');
    });
  });

  it("checks the first group's start pointing from the script's start less the padding", () => {
    // The script starts at S0 and waits at the scan's start pointing until its t0 (600 s later). The
    // Sun is 9.9° from it 30 s (the padding) before S0 and moves away at 0.01°/s: 10.5° at S0 + 30 s.
    sunIs((s) => ({ az: 100, alt: 40 + 9.9 + 0.01 * (s - S0 + 30) }));
    const padded: SafetyCriteria = { ...open, paddingS: 30 };
    const report = checkSchedule([scan(100, 40, 0, 600, 1200)], padded, { start: S0 * S });
    expect(report.verdict).toBe('unsafe');
    expect(report.blocks[0].problems).toHaveLength(1);
    expect(report.blocks[0].problems[0]).toContain('the wait at the start pointing');
    expect(report.blocks[0].minSunDistanceDeg).toBeCloseTo(9.9, 6);
    // From S0 on (no padding) it is safe.
    expect(checkSchedule([scan(100, 40, 0, 600, 1200)], { ...padded, paddingS: 0 }, { start: S0 * S }).verdict).toBe('safe');
  });

  it('refuses a pointing or width that is not a finite number, without consulting the Sun', () => {
    sunIs(() => ({ az: 280, alt: -30 }));
    const report = checkSchedule([{ ...scan(100, 40, 10), az: Number.NaN }, { ...scan(100, Number.NaN, 10) }, { ...scan(100, 40, Infinity) }], open);
    expect(calls).toBe(0);
    expect(report.verdict).toBe('unsafe');
    expect(report.blocks.map((b) => [b.minSunDistanceDeg, b.problems])).toEqual([
      [0, ['pointing or width is not a finite number']],
      [0, ['elevation NaN° is outside [-90, 90]', 'pointing or width is not a finite number']],
      [0, ['pointing or width is not a finite number']],
    ]);
    expect(report.minSunDistanceDeg).toBe(0);
  });
});

describe('checkerSun', () => {
  it('refuses a time that is not finite', () => {
    expect(() => checkerSun(Number.NaN)).toThrow(new RangeError('checkerSun: time must be finite seconds, got NaN'));
    expect(() => checkerSun(Infinity)).toThrow(RangeError);
  });
});
