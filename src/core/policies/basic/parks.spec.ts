/**
 * Parks (docs/safety.md §3): the parks `planParks` puts before a scan whose start pointing is near
 * the Sun during its wait, the candidates, the split of a long wait, the policy's script and the
 * checker on the 2027-01-01 case, and the config switch.
 */
import { scanBlock } from '../../blocks/block';
import { ConfigError, UnsafeScheduleError } from '../../errors';
import { deepMerge } from '../../config/merge';
import { validateConfig } from '../../config/validate';
import { arcDistance, rulesSun, SUN_RULE_MARGIN_DEG } from '../../rules/swept-arc';
import { checkSchedule } from '../../safety/checker';
import { DEFAULT_SAFETY_FLOORS, NO_SAFETY_FLOORS } from '../../safety/floors';
import { PARK_NAME, WAYPOINT_NAME, type ParkBlock } from '../../script/render';
import { parseInstant } from '../../time/iso';
import { US_PER_S } from '../../time/micros';
import { checkScriptsWithPython } from '../../../testing/python';
import { basicPolicy } from './basic-policy';
import { BASIC_DEFAULTS, BasicConfig, ORIGINAL_2023_PRESET, BASIC_PRESETS } from './config';
import { checkParkConfig, parkCandidates, planParks, type ParkSettings } from './parks';
import * as pipeline from './pipeline';

const S = US_PER_S;
const t = (s: string): number => parseInstant(s) as number;
const ctx = { dataDir: '/nonexistent', seed: 'parks', now: new Date(0), floors: DEFAULT_SAFETY_FLOORS };
const validate = (override: unknown): BasicConfig => validateConfig(BasicConfig, deepMerge(BASIC_DEFAULTS, override));

const settings = (over: Partial<ParkSettings> = {}): ParkSettings => ({
  params: { azimuths: [0, 90, 180, 270] },
  criterion: { minDistance: 10 },
  padS: 30,
  elLimits: [20, 90],
  azLimits: [-90, 480],
  ...over,
});

describe('parkCandidates', () => {
  it("takes the scan's azimuth then the configured ones, at the lower then upper elevation limit, moved into the azimuth limits", () => {
    expect(parkCandidates({ az: 350 }, settings({ params: { azimuths: [0, 90] }, azLimits: [100, 460] }))).toEqual([
      { az: 350, alt: 20 },
      { az: 360, alt: 20 },
      { az: 450, alt: 20 },
      { az: 350, alt: 90 },
      { az: 360, alt: 90 },
      { az: 450, alt: 90 },
    ]);
    // An azimuth no turn brings into the limits is left out.
    expect(parkCandidates({ az: 10 }, settings({ params: { azimuths: [200] }, azLimits: [0, 90], elLimits: [30, 30] }))).toEqual([{ az: 10, alt: 30 }]);
  });
});

describe('planParks', () => {
  const w0 = 1_800_000_000;
  const start = { az: 100, alt: 50 };

  it('leaves a schedule alone when no start pointing comes near the Sun, or when no Sun test is active', () => {
    const farSun = () => ({ az: 280, alt: -30 });
    const scan = scanBlock({ name: 'a', t0: (w0 + 3600) * S, t1: (w0 + 7200) * S, ...start, throw: 20 });
    expect(planParks([scan], w0 * S, settings(), farSun)).toEqual([scan]);
    const onStart = () => ({ ...start });
    expect(planParks([scan], w0 * S, settings({ criterion: {} }), onStart)).toEqual([scan]);
  });

  it('parks from the window start until the padding after the start pointing is last unsafe', () => {
    // The Sun on the start pointing for the first 1000 s of a 3600 s wait, then far below the horizon.
    const sunAt = (s: number) => (s < w0 + 1000 ? { ...start } : { az: 280, alt: -60 });
    const scan = scanBlock({ name: 'a', t0: (w0 + 3600) * S, t1: (w0 + 7200) * S, ...start, throw: 20 });
    const steps = planParks([scan], w0 * S, settings(), sunAt);
    expect(steps).toHaveLength(2);
    const park = steps[0] as ParkBlock;
    // The scan's own azimuth at 20°: 30° below the Sun, safe.
    expect(park).toMatchObject({ kind: 'park', name: 'park', t0: w0 * S, az: 100, alt: 20 });
    expect(park.t1 / S).toBeGreaterThanOrEqual(w0 + 1000 + 30);
    expect(park.t1 / S).toBeLessThan(w0 + 1000 + 30 + 2);
    expect(steps[1]).toBe(scan);
  });

  it('splits a wait no single candidate covers: the one safe longest, then the next', () => {
    // A Sun moving at 0.004°/s along the meridian from (100°, 35°) over the zenith down to (280°, 75°):
    // always within 60° of the start (100°, 50°); (280°, 20°) is safe until it is 100° up the meridian,
    // (100°, 20°) from 80° on, the zenith never.
    const phi = (s: number) => 35 + 0.004 * (s - w0);
    const sunAt = (s: number) => (phi(s) <= 90 ? { az: 100, alt: phi(s) } : { az: 280, alt: 180 - phi(s) });
    const scan = scanBlock({ name: 'a', t0: (w0 + 17_500) * S, t1: (w0 + 18_000) * S, ...start, throw: 0 });
    const s = settings({ params: { azimuths: [280] }, criterion: { minDistance: 60 } });
    const steps = planParks([scan], w0 * S, s, sunAt);
    const parks = steps.slice(0, -1) as ParkBlock[];
    // 280° is taken as −80° (as near the scan's 100° as 280°, and the lower turn comes first).
    expect(parks.map((p) => [p.az, p.alt])).toEqual([
      [-80, 20],
      [100, 20],
    ]);
    expect(parks[0].t0).toBe(w0 * S);
    expect(parks[1].t0).toBe(parks[0].t1);
    expect(parks[1].t1).toBe(scan.t0);
    // Each park keeps 60° (and the margin) from this Sun over its hold ± the padding, at 1 s steps.
    for (const p of parks) {
      for (let x = p.t0 / S - 30; x <= p.t1 / S + 30; x += 1) {
        const sun = sunAt(x);
        expect(arcDistance(sun.az, sun.alt, p.az, 0, p.alt)).toBeGreaterThan(60 + SUN_RULE_MARGIN_DEG - 0.01);
      }
    }
  });
});

describe('parks in the basic policy: 2027-01-01, a daytime wait 7° from the Sun', () => {
  const w0 = t('2027-01-01T00:00Z');
  const w1 = t('2027-01-02T00:00Z');
  const result = basicPolicy.generate(w0, w1, BASIC_DEFAULTS, ctx);
  const plan = pipeline.planBasic(w0, w1, BASIC_DEFAULTS, ctx);

  it('adds one park, as acu.move_to + wait_until lines of a valid script, shown as a park block', () => {
    // One park; the moves into and out of it pass the Sun's side, so each is routed through waypoints (moves.ts).
    const parks = plan.steps.filter((s): s is ParkBlock => s.kind === 'park' && s.name === PARK_NAME);
    expect(parks).toHaveLength(1);
    const [park] = parks;
    const i = plan.steps.indexOf(park);
    const nextScan = plan.steps.slice(i).find((s) => s.kind === 'scan')!;
    expect(park.t0).toBe(plan.steps[i - 1].t1);
    expect(park.t1).toBeLessThan(nextScan.t0);
    expect(plan.steps.filter((s) => s.kind === 'park' && s.name === WAYPOINT_NAME).length).toBeGreaterThan(0);
    expect(result.commands).toContain(`\n# park\nacu.move_to(0.00, 20.00)\nwait_until('`);
    expect(result.blocks?.filter((b) => b.kind === 'park' && b.name === PARK_NAME)).toEqual([{ name: 'park', kind: 'park', t0: park.t0, t1: park.t1, az: 0, alt: 20, throw: 0 }]);
    const [verdict] = checkScriptsWithPython([result.commands]);
    expect(verdict.errors).toEqual([]);
    expect(verdict.calls.filter((c) => c === 'seq.scan')).toHaveLength(plan.scans.length);
    expect(result.safety?.verdict).toBe('safe');
    expect(result.safety?.blocks).toHaveLength(plan.steps.length);
  });

  it('the park keeps the telescope at least 10° from the Sun, and the scan start is safe once it moves there', () => {
    const i = plan.steps.findIndex((s) => s.kind === 'park' && s.name === PARK_NAME);
    const park = plan.steps[i] as ParkBlock;
    const next = plan.steps.slice(i).find((s) => s.kind === 'scan')!;
    for (let x = park.t0 / S; x <= park.t1 / S; x += 60) {
      const sun = rulesSun(x);
      expect(arcDistance(sun.az, sun.alt, park.az, 0, park.alt)).toBeGreaterThan(10);
    }
    for (let x = park.t1 / S; x <= next.t0 / S; x += 60) {
      const sun = rulesSun(x);
      expect(arcDistance(sun.az, sun.alt, next.az, 0, next.alt)).toBeGreaterThan(10);
    }
  });

  it('the checker refuses the same scans without the park: the wait at the start pointing comes within 7° of the Sun', () => {
    const report = checkSchedule(plan.scans, pipeline.safetyCriteria(BASIC_DEFAULTS, DEFAULT_SAFETY_FLOORS), { start: w0 });
    expect(report.verdict).toBe('unsafe');
    const bad = report.blocks.filter((b) => b.problems.length > 0);
    expect(bad).toHaveLength(1);
    expect(bad[0].problems).toEqual([
      expect.stringMatching(/^the wait at the start pointing \(109\.67, 50\.00\) from 2027-01-01T10:15:10\+00:00 to 2027-01-01T17:10:00\+00:00 comes within 6\.\d+° of the Sun at /),
    ]);
    expect(bad[0].minSunDistanceDeg).toBeLessThan(7);
  });

  it('the policy answers UnsafeScheduleError when the park is taken out bypassing the rules', () => {
    const real = pipeline.planBasic;
    const spy = jest.spyOn(pipeline, 'planBasic').mockImplementation((...args) => {
      const p = real(...args);
      return { ...p, steps: p.scans };
    });
    try {
      expect(() => basicPolicy.generate(w0, w1, BASIC_DEFAULTS, ctx)).toThrow(UnsafeScheduleError);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('rules.park in the config', () => {
  it('is required while the Sun is checked: removing it is a 400 naming it', () => {
    expect(() => basicPolicy.generate(t('2027-01-01T00:00Z'), t('2027-01-01T01:00Z'), validate({ rules: { park: null } }), ctx)).toThrow(
      new ConfigError(
        'config.rules.park',
        'cannot be removed while the Sun is checked (sun-guard above 0, or sun-avoidance with swept_arc): the waits before scans are checked too; remove it only with both off (the original-2023 preset)',
      ),
    );
    expect(() => checkParkConfig(undefined, false)).not.toThrow();
    expect(() => checkParkConfig({ azimuths: [0] }, true)).not.toThrow();
  });

  it('is off in the original-2023 preset, which then plans no parks', () => {
    const preset = validateConfig(BasicConfig, deepMerge(BASIC_DEFAULTS, BASIC_PRESETS[ORIGINAL_2023_PRESET]));
    expect(preset.rules.park).toBeUndefined();
    const w0 = t('2027-01-01T00:00Z');
    const r = basicPolicy.generate(w0, t('2027-01-02T00:00Z'), preset, { ...ctx, floors: NO_SAFETY_FLOORS });
    expect(r.blocks?.some((b) => b.kind === 'park')).toBe(false);
    // With floors 0 the preset's criteria are empty: the checker accepts the original's waits as its scans.
    expect(r.safety?.criteria).toMatchObject({ sunDistanceDeg: 0, sunBox: null, mountAzLimits: null });
    expect(r.safety?.verdict).toBe('safe');
  });

  it('refuses a bad azimuth list naming the item', () => {
    expect(() => validate({ rules: { park: { azimuths: [0, 900] } } })).toThrow(/config\.rules\.park\.azimuths\[1\] must be a number between -720 and 720/);
    expect(() => validate({ rules: { park: { azimuths: [] } } })).toThrow(/config\.rules\.park\.azimuths/);
  });
});
