import { scanBlock } from '../blocks/block';
import { sunGuardPieces } from '../rules/sun-guard';
import { sunAvoidanceArcPieces } from '../rules/sun-avoidance';
import { rulesSun } from '../rules/swept-arc';
import { US_PER_S } from '../time/micros';
import { CHECK_SUN_SPEED_DEG_S, checkSchedule } from './checker';
import type { SafetyCriteria } from './report';
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
function sky(a1: number, e1: number, a2: number, e2: number): number {
  const c = Math.sin(e1 * DEG) * Math.sin(e2 * DEG) + Math.cos(e1 * DEG) * Math.cos(e2 * DEG) * Math.cos((a1 - a2) * DEG);
  return Math.acos(Math.max(-1, Math.min(1, c))) / DEG;
}

describe('checkerSun', () => {
  it("agrees with the rules' Sun within 0.005° above 10° of altitude", () => {
    for (let i = 0; i < 200; i++) {
      const t = T('2027-01-01T00:00:00Z') + i * 157_813.7;
      const a = checkerSun(t);
      const b = rulesSun(t);
      if (a.alt > 10) expect(sky(a.az, a.alt, b.az, b.alt)).toBeLessThan(0.005);
    }
  });
  it('moves less than the speed bound, at 1 s steps across a sunrise and a sunset', () => {
    let worst = 0;
    for (const start of [T('2027-03-20T10:15:00Z'), T('2027-03-20T21:50:00Z')]) {
      let p = checkerSun(start);
      for (let s = 1; s <= 1800; s++) {
        const q = checkerSun(start + s);
        worst = Math.max(worst, sky(p.az, p.alt, q.az, q.alt));
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
