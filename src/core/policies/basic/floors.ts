/**
 * The operator's floors applied to a `basic` config: a request may tighten the Sun and mount
 * limits, never loosen them. Asking for less is a 400 naming the floor and what would be accepted.
 */
import { ConfigError } from '../../errors';
import type { SafetyFloors } from '../../safety/floors';
import type { BasicConfig } from './config';

const SUN_FLOOR = 'SCHEDULER_SUN_FLOOR_DEG';
const EL_FLOOR = 'SCHEDULER_MOUNT_EL_LIMITS';

/** True when the floor puts no limit on elevations at all. */
function elevationUnlimited(floors: SafetyFloors): boolean {
  return floors.mountElLimits[0] <= -90 && floors.mountElLimits[1] >= 90;
}

/** Throws `ConfigError` when `config` asks for less than `floors` (a guard below, a wider or no mount range). */
export function checkFloors(config: BasicConfig, floors: SafetyFloors): void {
  const sun = floors.sunDistanceDeg;
  const guard = config.rules['sun-guard'];
  if (sun > 0 && guard === undefined) {
    throw new ConfigError(
      'config.rules.sun-guard',
      `cannot be removed: the server's Sun floor is ${sun}° (${SUN_FLOOR}); give a min_distance_deg of at least ${sun}`,
    );
  }
  if (guard !== undefined && guard.min_distance_deg < sun) {
    throw new ConfigError(
      'config.rules.sun-guard.min_distance_deg',
      `must be at least the server's Sun floor of ${sun}° (${SUN_FLOOR}) (got ${guard.min_distance_deg})`,
    );
  }
  const [lo, hi] = floors.mountElLimits;
  if (config.mount === undefined) {
    if (elevationUnlimited(floors)) return;
    throw new ConfigError(
      'config.mount',
      `cannot be removed: the server's elevation floor is [${lo}, ${hi}] (${EL_FLOOR}); give el_limits within it`,
    );
  }
  const el = config.mount.el_limits;
  if (el[0] < lo || el[1] > hi) {
    throw new ConfigError(
      'config.mount.el_limits',
      `must lie within the server's elevation floor [${lo}, ${hi}] (${EL_FLOOR}) (got ${JSON.stringify(el)})`,
    );
  }
}
