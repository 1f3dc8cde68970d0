/**
 * `basic` with its safety rules (issue 10): floors, the Sun on swept arcs, mount limits, crossings,
 * short scans, the message, and the independent check standing between the plan and the answer.
 */
import { isBodyName } from '../../astro/site';
import { scanBlock } from '../../blocks/block';
import { deepMerge, validateConfig } from '../../config';
import { ConfigError, UnsafeScheduleError } from '../../errors';
import { holdsCrossing } from '../../rules/calibration-crossing';
import { arcDistance, azGapToArc, rulesSun } from '../../rules/swept-arc';
import { checkerSun } from '../../safety/sun';
import { DEFAULT_SAFETY_FLOORS, NO_SAFETY_FLOORS } from '../../safety/floors';
import { parseInstant } from '../../time/iso';
import { US_PER_S } from '../../time/micros';
import { basicPolicy } from './basic-policy';
import { BASIC_DEFAULTS, BasicConfig, DEFAULT_MIN_SCAN_S } from './config';
import * as pipeline from './pipeline';

const t = (text: string): number => parseInstant(text)!;
const ctx = { dataDir: '/nonexistent', seed: 'safety', now: new Date(0), floors: DEFAULT_SAFETY_FLOORS };
const validate = (override: unknown): BasicConfig => validateConfig(BasicConfig, deepMerge(BASIC_DEFAULTS, override));

describe('basic: floors and targets', () => {
  const generate = (override: unknown, floors = DEFAULT_SAFETY_FLOORS) =>
    basicPolicy.generate(t('2027-04-01T00:00Z'), t('2027-04-01T01:00Z'), validate(override), { ...ctx, floors });

  it.each<[unknown, string]>([
    [{ rules: { 'sun-guard': { min_distance_deg: 5 } } }, "config.rules.sun-guard.min_distance_deg must be at least the server's Sun floor of 10° (SCHEDULER_SUN_FLOOR_DEG) (got 5)."],
    [{ rules: { 'sun-guard': null } }, "config.rules.sun-guard cannot be removed: the server's Sun floor is 10° (SCHEDULER_SUN_FLOOR_DEG); give a min_distance_deg of at least 10."],
    [{ mount: null }, "config.mount cannot be removed: the server's elevation floor is [20, 90] (SCHEDULER_MOUNT_EL_LIMITS) and its azimuth floor [-90, 480] (SCHEDULER_MOUNT_AZ_LIMITS); give el_limits and az_limits within them."],
    [{ mount: { el_limits: [10, 90] } }, "config.mount.el_limits must lie within the server's elevation floor [20, 90] (SCHEDULER_MOUNT_EL_LIMITS) (got [10,90])."],
  ])('refuses a config asking for less than the floors: %j', (override, message) => {
    expect(() => generate(override)).toThrow(ConfigError);
    expect(() => generate(override)).toThrow(`Invalid config: ${message}`);
  });

  it('accepts a config that tightens the floors, and anything on a server without floors', () => {
    expect(generate({ rules: { 'sun-guard': { min_distance_deg: 25 } }, mount: { el_limits: [30, 80] } }).safety?.criteria).toMatchObject({
      sunDistanceDeg: 25,
      mountElLimits: [30, 80],
    });
    expect(generate({ rules: { 'sun-guard': null }, mount: null }, NO_SAFETY_FLOORS).safety?.criteria).toMatchObject({
      sunDistanceDeg: 0,
      mountElLimits: [-90, 90],
      mountAzLimits: null,
    });
  });

  it('the independent check holds the floors even when the config is looser', () => {
    const floors = { sunDistanceDeg: 15, mountElLimits: [25, 85] as const, mountAzLimits: [-90, 480] as const };
    expect(pipeline.safetyCriteria(validate({ rules: { 'sun-guard': { min_distance_deg: 0 } }, mount: null }), floors)).toMatchObject({
      sunDistanceDeg: 15,
      mountElLimits: [25, 85],
    });
  });

  it.each([
    [{ calibration_targets: ['saturn', 'sun'] }, 'config.calibration_targets[1] is the Sun, which is never a calibration or soft target.'],
    [{ soft_targets: ['sun'] }, 'config.soft_targets[0] is the Sun, which is never a calibration or soft target.'],
  ])('refuses the Sun as a target: %j', (override, message) => {
    expect(() => validate(override)).toThrow(`Invalid config: ${message}`);
  });

  it.each([
    [{ rules: { 'sun-guard': { min_distance_deg: 91 } } }, /config\.rules\.sun-guard\.min_distance_deg must be a number between 0 and 90/],
    [{ rules: { 'sun-avoidance': { swept_arc: 'yes' } } }, /config\.rules\.sun-avoidance\.swept_arc must be true or false \(got "yes"\)/],
    [{ mount: { az_limits: [480, -90] } }, /config\.mount\.az_limits must be \[low, high\] with low ≤ high/],
    [{ rules: { 'calibration-crossing': { margin: 3 } } }, /config\.rules\.calibration-crossing\.margin is not a known key/],
  ])('names the path of a bad new key: %j', (override, message) => {
    expect(() => validate(override)).toThrow(message);
  });
});

describe('basic: the independent check stands between the plan and the answer', () => {
  afterEach(() => jest.restoreAllMocks());

  it('refuses a plan with a scan injected at the Sun, bypassing the rules', () => {
    const w0 = t('2027-04-01T16:00Z');
    const w1 = t('2027-04-01T18:00Z');
    const at = t('2027-04-01T17:07Z');
    const sun = checkerSun(at / US_PER_S);
    const injected = scanBlock({ name: 'saturn', t0: at, t1: at + 300 * US_PER_S, az: sun.az - 0.5, alt: sun.alt, throw: 1 });
    const real = pipeline.planBasic;
    jest.spyOn(pipeline, 'planBasic').mockImplementation((...args) => {
      const plan = real(...args);
      return { ...plan, scans: [...plan.scans, injected], steps: [...plan.steps, injected] };
    });
    let error: unknown;
    try {
      basicPolicy.generate(w0, w1, BASIC_DEFAULTS, ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnsafeScheduleError);
    const report = (error as UnsafeScheduleError).report;
    expect(report.verdict).toBe('unsafe');
    const bad = report.blocks.filter((b) => b.problems.length > 0);
    expect(bad.map((b) => b.name)).toEqual(['saturn']);
    expect(bad[0].minSunDistanceDeg).toBeLessThan(1);
  });
});

describe('basic: the default config on the issue’s day (Saturn near the Sun, 2027-04-01)', () => {
  const w0 = t('2027-04-01T00:00Z');
  const w1 = t('2027-04-02T00:00Z');
  const result = basicPolicy.generate(w0, w1, BASIC_DEFAULTS, ctx);
  const scans = pipeline.planBasic(w0, w1, BASIC_DEFAULTS, ctx).scans;

  it('sends scans the checker finds safe, at least 10° from the Sun', () => {
    expect(result.safety?.verdict).toBe('safe');
    expect(result.safety?.blocks).toHaveLength(scans.length);
    expect(result.safety!.minSunDistanceDeg!).toBeGreaterThanOrEqual(10);
  });

  it("keeps every swept arc out of the 6/6 box and the 10° guard, padding included (rules' Sun, 5 s steps)", () => {
    for (const s of scans) {
      for (let u = s.t0 / US_PER_S - 30; u <= s.t1 / US_PER_S + 30; u += 5) {
        const sun = rulesSun(u);
        expect(arcDistance(sun.az, sun.alt, s.az, s.throw, s.alt)).toBeGreaterThanOrEqual(10);
        const inBox = Math.abs(sun.alt - s.alt) <= 6 && azGapToArc(sun.az, s.az, s.throw) <= 6;
        expect(inBox).toBe(false);
      }
    }
  });

  it('points within the mount limits, gives every calibration scan its crossing, and no scan is short', () => {
    expect(scans.length).toBeGreaterThan(10);
    for (const s of scans) {
      expect(s.alt).toBeGreaterThanOrEqual(20);
      expect(s.alt).toBeLessThanOrEqual(90);
      expect(s.az + s.throw).toBeLessThanOrEqual(480);
      expect(s.t1 - s.t0).toBeGreaterThanOrEqual(DEFAULT_MIN_SCAN_S * US_PER_S);
      if (isBodyName(s.name)) expect(holdsCrossing(s, s.name, { margin_s: 0 })).toBe(true);
    }
  });

  it('says in the message what the rules changed', () => {
    expect(result.note).toMatch(/The scan rules trimmed \d+ scans? and dropped \d+ scans?: /);
  });
});

describe('basic: crossings and messages', () => {
  it('says so when a pinned master schedule has no scans in the window', () => {
    const header = '#Site\n ATACAMA SAT\n#Start time UTC ...\n';
    const row =
      '2030-01-01 00:00:00'.padEnd(20) + '2030-01-01 01:00:00'.padEnd(21) + '0'.padStart(16) + '0'.padStart(15) +
      '0.00'.padStart(9) + ' far'.padEnd(35) + '120.00'.padStart(10) + '150.00'.padStart(9) + '50.00'.padStart(9) + ' S' + ' '.repeat(92);
    const cfg = validate({ master_schedule: `${header}${row}\n` });
    const r = basicPolicy.generate(t('2027-04-01T00:00Z'), t('2027-04-01T06:00Z'), cfg, ctx);
    expect(r.note).toContain(pipeline.EMPTY_MASTER_NOTE);
  });

});
