/**
 * The operator's azimuth floor (`SCHEDULER_MOUNT_AZ_LIMITS`, docs/safety.md §7): a request may
 * narrow `mount.az_limits`, never widen them, and the checker holds every sweep to the floor.
 */
import { scanBlock } from '../../blocks/block';
import { ConfigError } from '../../errors';
import { deepMerge } from '../../config/merge';
import { validateConfig } from '../../config/validate';
import { checkSchedule } from '../../safety/checker';
import { DEFAULT_SAFETY_FLOORS, NO_SAFETY_FLOORS, type SafetyFloors } from '../../safety/floors';
import { BASIC_DEFAULTS, BasicConfig } from './config';
import { checkFloors } from './floors';
import { safetyCriteria } from './pipeline';

const validate = (override: unknown): BasicConfig => validateConfig(BasicConfig, deepMerge(BASIC_DEFAULTS, override));

describe('the azimuth floor', () => {
  it('refuses az_limits wider than the floor, naming the field and the floor', () => {
    expect(() => checkFloors(validate({ mount: { az_limits: [-720, 720] } }), DEFAULT_SAFETY_FLOORS)).toThrow(
      new ConfigError('config.mount.az_limits', "must lie within the server's azimuth floor [-90, 480] (SCHEDULER_MOUNT_AZ_LIMITS) (got [-720,720])"),
    );
    expect(() => checkFloors(validate({ mount: { az_limits: [-100, 400] } }), DEFAULT_SAFETY_FLOORS)).toThrow(/az_limits must lie within/);
    expect(() => checkFloors(validate({ mount: { az_limits: [0, 360] } }), DEFAULT_SAFETY_FLOORS)).not.toThrow();
  });

  it('refuses removing mount while only the azimuth floor limits it, accepts it with no floor at all', () => {
    const azOnly: SafetyFloors = { ...NO_SAFETY_FLOORS, mountAzLimits: [-90, 480] };
    expect(() => checkFloors(validate({ mount: null }), azOnly)).toThrow(/config\.mount cannot be removed: .*azimuth floor \[-90, 480\] \(SCHEDULER_MOUNT_AZ_LIMITS\)/);
    expect(() => checkFloors(validate({ mount: null, rules: { 'sun-guard': null } }), NO_SAFETY_FLOORS)).not.toThrow();
  });

  it("holds the checker to the floor: the intersection with the config's az_limits", () => {
    const narrow: SafetyFloors = { ...DEFAULT_SAFETY_FLOORS, mountAzLimits: [0, 360] };
    const criteria = safetyCriteria(BASIC_DEFAULTS, narrow);
    expect(criteria.mountAzLimits).toEqual([0, 360]);
    // Without mount the floor itself applies; only with no floor is there no azimuth limit.
    expect(safetyCriteria(validate({ mount: null }), narrow).mountAzLimits).toEqual([0, 360]);
    expect(safetyCriteria(validate({ mount: null }), NO_SAFETY_FLOORS).mountAzLimits).toBeNull();
    const night = Date.parse('2027-04-01T06:00:00Z') * 1000;
    const wide = scanBlock({ name: 'wide', t0: night, t1: night + 600e6, az: 340, alt: 50, throw: 40 });
    const report = checkSchedule([wide], criteria);
    expect(report.verdict).toBe('unsafe');
    expect(report.blocks[0].problems).toEqual(['swept azimuth [340.00, 380.00]° is outside [0, 360]']);
    expect(checkSchedule([wide], safetyCriteria(BASIC_DEFAULTS, DEFAULT_SAFETY_FLOORS)).verdict).toBe('safe');
  });
});
