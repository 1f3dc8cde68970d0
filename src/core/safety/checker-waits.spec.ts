/**
 * The checker on what the script holds besides its sweeps (docs/safety.md §6): each park, and each
 * scan's start pointing over the wait from the previous group's end (or the window's start).
 */
import { scanBlock } from '../blocks/block';
import type { ParkBlock } from '../script/render';
import { US_PER_S } from '../time/micros';
import { checkSchedule } from './checker';
import type { SafetyCriteria } from './report';
import { checkerSun } from './sun';

const S = US_PER_S;
const criteria: SafetyCriteria = {
  sunDistanceDeg: 10,
  sunBox: { minAzDeg: 6, minAltDeg: 6 },
  paddingS: 30,
  mountElLimits: [20, 90],
  mountAzLimits: [-90, 480],
};
const noon = Date.parse('2027-04-01T17:00:00Z') / 1000;
const sun = checkerSun(noon);
const far = { az: (sun.az + 180) % 360, alt: 40 };
const scan = (name: string, fromS: number, toS: number, p: { az: number; alt: number }) =>
  scanBlock({ name, t0: Math.round((noon + fromS) * S), t1: Math.round((noon + toS) * S), az: p.az, alt: p.alt, throw: 0 });
const park = (fromS: number, toS: number, p: { az: number; alt: number }): ParkBlock => ({
  kind: 'park',
  name: 'park',
  t0: Math.round((noon + fromS) * S),
  t1: Math.round((noon + toS) * S),
  az: p.az,
  alt: p.alt,
});

describe('checkSchedule: waits and parks', () => {
  // The Sun's position at noon, held from 11:00 to 16:59 before a scan at 17:00 that starts far away.
  it('catches a wait at a start pointing near the Sun, injected bypassing the rules', () => {
    const before = scan('before', -7200, -6000, far);
    const after = scan('after', 3600, 4000, { az: checkerSun(noon).az, alt: checkerSun(noon).alt });
    const report = checkSchedule([before, after], criteria);
    expect(report.verdict).toBe('unsafe');
    expect(report.blocks[0].problems).toEqual([]);
    expect(report.blocks[1].problems).toEqual([
      expect.stringMatching(/^the wait at the start pointing \(.+\) from 2027-04-01T15:20:00\+00:00 to 2027-04-01T18:00:00\+00:00 comes within 0\.\d+° of the Sun at 2027-04-01T1[67]:/),
      expect.stringMatching(/^the wait at the start pointing .* is inside the Sun avoidance box at /),
    ]);
    // A held pointing is "it" in the box sentence (a scan's is "the arc").
    expect(report.blocks[1].problems[1]).toMatch(/° of elevation from it \(box \d+°\/\d+°\)$/);
    expect(report.blocks[1].minSunDistanceDeg).toBeLessThan(1);
  });

  it('accepts the same scans with a safe park covering the wait, and checks the park itself', () => {
    const before = scan('before', -7200, -6000, far);
    const start = { az: checkerSun(noon).az, alt: checkerSun(noon).alt };
    // The Sun moves ~15° an hour: by 2.5 h after noon the start pointing is far enough again.
    const after = scan('after', 10_800, 11_000, start);
    const safe = checkSchedule([before, park(-6000, 9000, far), after], criteria);
    // Only the move from the far park across the sky to the start remains (moves.spec.ts checks moves).
    expect(safe.blocks.flatMap((b) => b.problems).filter((p) => !p.startsWith('the move from'))).toEqual([]);
    expect(safe.blocks.map((b) => b.name)).toEqual(['before', 'park', 'after']);
    const atSun = checkSchedule([before, park(-6000, 9000, start), after], criteria);
    expect(atSun.verdict).toBe('unsafe');
    expect(atSun.blocks[1].problems[0]).toMatch(/^the park at \(.+\) held from 2027-04-01T15:20:00\+00:00 to 2027-04-01T19:30:00\+00:00 comes within 0\.\d+° of the Sun/);
    expect(atSun.blocks[2].problems.filter((p) => !p.startsWith('the move from'))).toEqual([]);
  });

  it('holds the first group from the script start when given, and a park to the mount limits', () => {
    const first = scan('first', 600, 900, { az: checkerSun(noon).az, alt: checkerSun(noon).alt });
    expect(checkSchedule([first], criteria).blocks[0].problems.filter((p) => p.startsWith('the wait'))).toEqual([]);
    const fromStart = checkSchedule([first], criteria, { start: Math.round(noon * S) });
    expect(fromStart.blocks[0].problems.some((p) => p.startsWith('the wait at the start pointing'))).toBe(true);
    const beyond = checkSchedule([park(-7200, -7000, { az: 500, alt: 10 })], criteria);
    expect(beyond.blocks[0].problems.slice(0, 2)).toEqual(['elevation 10.00° is outside [20, 90]', 'swept azimuth [500.00, 500.00]° is outside [-90, 480]']);
  });

  it('counts a wait_until already past as an instant at the pointing, at the previous group end', () => {
    // The park's wait_until is before the previous scan's end: the script passes it at once, so the
    // park is held for an instant at 15:20 (plus the padding), where the Sun then is.
    const before = scan('before', -7200, -6000, far);
    const then = checkerSun(noon - 6000);
    const report = checkSchedule([before, park(-6500, -6400, then), scan('after', 3000, 4000, far)], criteria);
    expect(report.verdict).toBe('unsafe');
    expect(report.blocks[1].problems[0]).toMatch(/^the park at \(.+\) held from 2027-04-01T15:20:00\+00:00 to 2027-04-01T15:20:00\+00:00 comes within 0\.0\d+° of the Sun at 2027-04-01T15:2/);
    expect(report.blocks[2].problems.filter((p) => !p.startsWith('the move from'))).toEqual([]);
  });
});
