import { ConfigError } from '../../errors';
import { NO_SAFETY_FLOORS, type SafetyFloors } from '../../safety/floors';
import type { BasicConfig } from './config';
import { checkFloors } from './floors';

type Parts = { rules?: { 'sun-guard'?: { min_distance_deg: number } | null }; mount?: { el_limits: [number, number] } | null };
/**
 * The parts of a `basic` config `checkFloors` reads: the defaults' guard (10°) and mount ([20, 90]) with
 * `override` on top, `null` removing one (basic-safety.spec.ts runs it on validated configs).
 */
function config(override: Parts): BasicConfig {
  const guard = override.rules?.['sun-guard'] === undefined ? { min_distance_deg: 10 } : override.rules['sun-guard'];
  const mount = override.mount === undefined ? { el_limits: [20, 90], az_limits: [-90, 480] } : override.mount && { az_limits: [-90, 480], ...override.mount };
  return { rules: guard === null ? {} : { 'sun-guard': guard }, ...(mount === null ? {} : { mount }) } as unknown as BasicConfig;
}
const floors = (sunDistanceDeg: number, lo: number, hi: number): SafetyFloors => ({ sunDistanceDeg, mountElLimits: [lo, hi] });

/** The ConfigError `checkFloors` throws, or `undefined`. */
function refusal(override: Parts, f: SafetyFloors): ConfigError | undefined {
  const c = config(override);
  try {
    checkFloors(c, f);
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
}

describe('checkFloors', () => {
  it('accepts a config exactly at the floors, or tighter', () => {
    const f = floors(10, 20, 90);
    expect(refusal({ rules: { 'sun-guard': { min_distance_deg: 10 } }, mount: { el_limits: [20, 90] } }, f)).toBeUndefined();
    expect(refusal({ rules: { 'sun-guard': { min_distance_deg: 30 } }, mount: { el_limits: [21, 89] } }, f)).toBeUndefined();
  });

  it('refuses a Sun guard below the floor, naming the key, the floor and the value', () => {
    const e = refusal({ rules: { 'sun-guard': { min_distance_deg: 9.5 } } }, floors(10, 20, 90));
    expect(e?.path).toBe('config.rules.sun-guard.min_distance_deg');
    expect(e?.message).toBe(
      "Invalid config: config.rules.sun-guard.min_distance_deg must be at least the server's Sun floor of 10° (SCHEDULER_SUN_FLOOR_DEG) (got 9.5).",
    );
  });

  it('refuses a removed Sun guard when there is a Sun floor, and allows it with a floor of 0', () => {
    const e = refusal({ rules: { 'sun-guard': null } }, floors(5, 20, 90));
    expect(e?.path).toBe('config.rules.sun-guard');
    expect(e?.message).toBe(
      "Invalid config: config.rules.sun-guard cannot be removed: the server's Sun floor is 5° (SCHEDULER_SUN_FLOOR_DEG); give a min_distance_deg of at least 5.",
    );
    expect(refusal({ rules: { 'sun-guard': null } }, floors(0, 20, 90))).toBeUndefined();
    expect(refusal({ rules: { 'sun-guard': { min_distance_deg: 0 } } }, floors(0, 20, 90))).toBeUndefined();
  });

  it.each<[[number, number]]>([[[19.9, 80]], [[20, 80.1]], [[0, 90]]])('refuses el_limits %j wider than the floor [20, 80]', (el) => {
    const e = refusal({ mount: { el_limits: el } }, floors(10, 20, 80));
    expect(e?.path).toBe('config.mount.el_limits');
    expect(e?.message).toBe(
      `Invalid config: config.mount.el_limits must lie within the server's elevation floor [20, 80] (SCHEDULER_MOUNT_EL_LIMITS) (got ${JSON.stringify(el)}).`,
    );
  });

  it('refuses a removed mount unless the elevation floor is [-90, 90]', () => {
    for (const [lo, hi] of [[20, 90], [-90, 80], [-80, 90]]) {
      const e = refusal({ mount: null }, floors(10, lo, hi));
      expect(e?.path).toBe('config.mount');
      expect(e?.message).toBe(
        `Invalid config: config.mount cannot be removed: the server's elevation floor is [${lo}, ${hi}] (SCHEDULER_MOUNT_EL_LIMITS); give el_limits within it.`,
      );
    }
    expect(refusal({ mount: null }, floors(10, -90, 90))).toBeUndefined();
    expect(refusal({ mount: null, rules: { 'sun-guard': null } }, NO_SAFETY_FLOORS)).toBeUndefined();
  });

  it('still holds a present mount to an unlimited floor', () => {
    expect(refusal({ mount: { el_limits: [-90, 90] } }, NO_SAFETY_FLOORS)).toBeUndefined();
  });
});
