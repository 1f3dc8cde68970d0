import fc from 'fast-check';
import type { ScanBlock } from '../blocks/types';
import { PARK_NAME, type ParkBlock, type ScriptStep } from '../script/render';
import { US_PER_S, type Micros } from '../time/micros';
import { checkSchedule } from './checker';
import { MOVE_OVERHEAD_S, MOVE_SPEED_BOUND_DEG_S, checkMoves, moveDurationBoundS, moveRectangle, rectangleDistance, scriptMoves, type MoveRectangle } from './moves';
import type { SafetyCriteria } from './report';
import { checkerSun } from './sun';

const DEG = Math.PI / 180;

/** Great-circle distance by the haversine form (not the code's unit vectors), degrees. */
function haversine(az1: number, alt1: number, az2: number, alt2: number): number {
  const h = Math.sin(((alt2 - alt1) * DEG) / 2) ** 2 + Math.cos(alt1 * DEG) * Math.cos(alt2 * DEG) * Math.sin(((az2 - az1) * DEG) / 2) ** 2;
  return (2 * Math.asin(Math.min(1, Math.sqrt(h)))) / DEG;
}

/** Least distance over an n × n grid of the rectangle, and the grid's half-diagonal (degrees). */
function bruteForce(az: number, alt: number, r: MoveRectangle, n: number): { min: number; halfStep: number } {
  let best = Infinity;
  const dAz = (r.azHi - r.azLo) / (n - 1);
  const dEl = (r.elHi - r.elLo) / (n - 1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) best = Math.min(best, haversine(az, alt, r.azLo + i * dAz, r.elLo + j * dEl));
  }
  return { min: best, halfStep: Math.hypot(dAz, dEl) / 2 };
}

const at = (iso: string): Micros => Date.parse(iso) * 1000;
const scan = (name: string, az: number, alt: number, t0: string, t1: string, width = 2): ScanBlock => ({
  kind: 'scan',
  name,
  az,
  alt,
  throw: width,
  t0: at(t0),
  t1: at(t1),
});
const waypoint = (az: number, alt: number, t: string): ParkBlock => ({ kind: 'park', name: PARK_NAME, t0: at(t), t1: at(t), az, alt });

const CRITERIA: SafetyCriteria = {
  sunDistanceDeg: 10,
  sunBox: null,
  paddingS: 30,
  mountElLimits: [20, 90],
  mountAzLimits: [-90, 480],
};

describe('rectangleDistance', () => {
  it('equals a dense sampling of the rectangle to within the grid step, never above it (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: -90, max: 480, noNaN: true }),
        fc.double({ min: 0, max: 400, noNaN: true }),
        fc.double({ min: -90, max: 90, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (sunAz, sunAlt, azLo, width, elLo, heightShare) => {
          const r = { azLo, azHi: azLo + width, elLo, elHi: elLo + (90 - elLo) * heightShare };
          const exact = rectangleDistance(sunAz, sunAlt, r);
          const brute = bruteForce(sunAz, sunAlt, r, 161);
          expect(exact).toBeLessThanOrEqual(brute.min + 1e-7);
          expect(brute.min - exact).toBeLessThanOrEqual(brute.halfStep + 1e-7);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is 0 inside, the elevation gap straight above or below, and ignores whole turns of azimuth', () => {
    const r = { azLo: 100, azHi: 200, elLo: 30, elHi: 40 };
    expect(rectangleDistance(150, 35, r)).toBeCloseTo(0, 9);
    expect(rectangleDistance(150, 50, r)).toBeCloseTo(10, 9);
    expect(rectangleDistance(150 + 360, 20, r)).toBeCloseTo(10, 9);
    // Beyond the pole on the far side of the azimuth range: the nearest point is the top edge.
    expect(rectangleDistance(330, 80, r)).toBeCloseTo(haversine(330, 80, 200, 40), 6);
  });
});

describe('move timing', () => {
  it('bounds a move by the larger axis travel at the slowest speed, plus the overhead', () => {
    const r = moveRectangle({ az: 10, alt: 30, throw: 20 }, { az: 100, alt: 60, throw: 0 });
    expect(r).toEqual({ azLo: 10, azHi: 100, elLo: 30, elHi: 60 });
    expect(moveDurationBoundS(r)).toBeCloseTo(90 / MOVE_SPEED_BOUND_DEG_S + MOVE_OVERHEAD_S, 9);
  });

  it('judges no move into the first group, and starts a move after a past wait_until when the move before it may arrive', () => {
    const steps: ScriptStep[] = [
      scan('a', 0, 45, '2027-03-21T13:50:00Z', '2027-03-21T14:00:00Z'),
      waypoint(2, 20, '2027-03-21T14:00:00Z'),
      scan('b', 130, 20, '2027-03-21T14:30:00Z', '2027-03-21T14:40:00Z'),
    ];
    const moves = scriptMoves(steps);
    expect(moves.map((m) => m.index)).toEqual([1, 2]);
    const start = at('2027-03-21T14:00:00Z') / US_PER_S;
    expect(moves[0].startS).toBe(start);
    expect(moves[0].latestStartS).toBe(start);
    expect(moves[1].startS).toBe(start);
    expect(moves[1].latestStartS).toBeCloseTo(start + moves[0].durationS, 6);
  });
});

describe('checkSchedule: moves', () => {
  // 2027-03-21 14:00 UTC: the Sun is at about azimuth 64°, elevation 45°.
  const a = scan('a', 0, 45, '2027-03-21T13:50:00Z', '2027-03-21T14:00:00Z');
  const b = scan('b', 130, 45, '2027-03-21T14:30:00Z', '2027-03-21T14:40:00Z');

  it('has the Sun where the cases below assume it', () => {
    const sun = checkerSun(at('2027-03-21T14:00:00Z') / US_PER_S);
    expect(sun.az).toBeGreaterThan(60);
    expect(sun.az).toBeLessThan(70);
    expect(sun.alt).toBeGreaterThan(40);
    expect(sun.alt).toBeLessThan(50);
  });

  it('refuses a move whose path may cross the Sun although both ends are far from it', () => {
    const report = checkSchedule([a, b], CRITERIA, { start: a.t0 });
    expect(report.verdict).toBe('unsafe');
    expect(report.blocks[0].problems).toEqual([]);
    expect(report.blocks[1].problems).toHaveLength(1);
    expect(report.blocks[1].problems[0]).toMatch(/^the move from \(0\.00, 45\.00 \+ 2\.00\) to \(130\.00, 45\.00\) starting 2027-03-21T14:00:00\+00:00 passes within 0\.0\d+° of the Sun/);
    // Both ends alone are more than 40° from the Sun.
    expect(Math.min(...report.blocks.map((x) => x.minSunDistanceDeg))).toBeGreaterThan(40);
  });

  it('accepts the same move routed under the Sun through waypoints at the lower elevation limit', () => {
    const steps = [a, waypoint(2, 20, '2027-03-21T14:00:00Z'), waypoint(130, 20, '2027-03-21T14:00:00Z'), b];
    const report = checkSchedule(steps, CRITERIA, { start: a.t0 });
    expect(report.blocks.flatMap((x) => x.problems)).toEqual([]);
    expect(report.verdict).toBe('safe');
  });

  it('judges nothing when the Sun distance is not checked (floors 0, the original-2023 preset)', () => {
    expect(checkMoves([a, b], { ...CRITERIA, sunDistanceDeg: 0 }).size).toBe(0);
    expect(checkSchedule([a, b], { ...CRITERIA, sunDistanceDeg: 0 }, { start: a.t0 }).verdict).toBe('safe');
  });
});
