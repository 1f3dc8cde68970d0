import type { ScanBlock } from '../../blocks/types';
import { checkSchedule } from '../../safety/checker';
import { DEFAULT_SAFETY_FLOORS, NO_SAFETY_FLOORS } from '../../safety/floors';
import { WAYPOINT_NAME } from '../../script/render';
import { BASIC_DEFAULTS } from './config';
import { basicPolicy } from './basic-policy';
import { droppedScansNote, routeMoves, sunRectDistance, type MoveSettings } from './moves';
import { safetyCriteria, moveSettings } from './pipeline';

const at = (iso: string): number => Date.parse(iso) * 1000;
const scan = (name: string, az: number, alt: number, t0: string, t1: string): ScanBlock => ({ kind: 'scan', name, az, alt, throw: 2, t0: at(t0), t1: at(t1) });

// 2027-03-21 14:00 UTC: the Sun is at about azimuth 64°, elevation 45°, between the two scans.
const a = scan('a', 0, 45, '2027-03-21T13:50:00Z', '2027-03-21T14:00:00Z');
const b = scan('b', 130, 45, '2027-03-21T14:30:00Z', '2027-03-21T14:40:00Z');
const settings: MoveSettings = moveSettings(BASIC_DEFAULTS, DEFAULT_SAFETY_FLOORS);
const criteria = safetyCriteria(BASIC_DEFAULTS, DEFAULT_SAFETY_FLOORS);

describe('routeMoves', () => {
  it('routes a move that would cross the Sun through waypoints, and the checker accepts the result', () => {
    expect(checkSchedule([a, b], criteria, { start: a.t0 }).verdict).toBe('unsafe');
    const { steps, dropped } = routeMoves([a, b], settings);
    expect(dropped).toEqual([]);
    expect(steps[0]).toBe(a);
    expect(steps[steps.length - 1]).toBe(b);
    const waypoints = steps.slice(1, -1);
    expect(waypoints.length).toBeGreaterThan(0);
    for (const w of waypoints) {
      expect(w).toMatchObject({ kind: 'park', name: WAYPOINT_NAME, t0: a.t1, t1: a.t1 });
      expect(w.alt).toBeGreaterThanOrEqual(criteria.mountElLimits[0]);
      expect(w.alt).toBeLessThanOrEqual(criteria.mountElLimits[1]);
    }
    const report = checkSchedule(steps, criteria, { start: a.t0 });
    expect(report.blocks.flatMap((x) => x.problems)).toEqual([]);
  });

  it('leaves safe moves, and every move when the Sun distance is not checked (floors 0, original-2023), as they are', () => {
    const far = scan('far', 300, 45, '2027-03-21T14:30:00Z', '2027-03-21T14:40:00Z');
    const safe = [scan('near-far', 320, 45, '2027-03-21T13:50:00Z', '2027-03-21T14:00:00Z'), far];
    expect(routeMoves(safe, settings)).toEqual({ steps: safe, dropped: [] });
    expect(routeMoves([a, b], { ...settings, minDistanceDeg: 0 })).toEqual({ steps: [a, b], dropped: [] });
    expect(moveSettings(BASIC_DEFAULTS, NO_SAFETY_FLOORS).minDistanceDeg).toBe(10); // the config's guard still holds
  });

  it('drops a scan that no safe move reaches, and reaches the next group from the last one kept', () => {
    // A Sun that comes to sit on b's start pointing 700 s after a ends: every way into b passes it.
    const t0S = a.t1 / 1e6;
    const sunAt = (x: number) => (x < t0S + 700 ? { az: 200, alt: -30 } : { az: 130, alt: 45 });
    const c = scan('c', 300, 45, '2027-03-21T15:00:00Z', '2027-03-21T15:10:00Z');
    const { steps, dropped } = routeMoves([a, b, c], settings, sunAt);
    expect(dropped).toEqual([b]);
    expect(steps[0]).toBe(a);
    expect(steps[steps.length - 1]).toBe(c);
    expect(steps).not.toContain(b);
    // a → c crosses b's azimuth at b's elevation, so it is routed too (waypoints at a's end).
    expect(steps.slice(1, -1).every((w) => w.kind === 'park' && w.name === WAYPOINT_NAME && w.t0 === a.t1)).toBe(true);
  });

  it('says so in the message of the default config on 2027-05-01 (a Saturn scan near the Sun)', () => {
    const t0 = at('2027-05-01T00:00:00Z');
    const result = basicPolicy.generate(t0, t0 + 86_400_000_000, BASIC_DEFAULTS, { dataDir: '.', seed: 'moves', now: new Date(0), floors: DEFAULT_SAFETY_FLOORS });
    expect(result.note).toContain(droppedScansNote(1));
    expect(droppedScansNote(2)).toBe('2 scans were dropped because no Sun-safe move reached them (docs/safety.md §3, Moves).');
    expect(result.safety?.verdict).toBe('safe');
  });

  it('measures the distance to a rectangle as the nearest edge or inside', () => {
    const r = { az: 100, width: 100, elLo: 30, elHi: 40 };
    expect(sunRectDistance(150, 35, r)).toBeCloseTo(0, 9);
    expect(sunRectDistance(150, 50, r)).toBeCloseTo(10, 9);
    // 10° of azimuth west of the edge: the distance to the edge's meridian, sin d = cos(elevation)·sin(10°).
    expect(sunRectDistance(90, 35, r)).toBeCloseTo(Math.asin(Math.cos((35 * Math.PI) / 180) * Math.sin((10 * Math.PI) / 180)) * (180 / Math.PI), 6);
  });
});
