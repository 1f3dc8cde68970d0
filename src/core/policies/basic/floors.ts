/**
 * The operator's floors applied to a `basic` config: a request may tighten the Sun and mount
 * limits, never loosen them. Asking for less is a 400 naming the floor and what would be accepted.
 */
import { ConfigError } from '../../errors';
import { AZIMUTH_BOUNDS, type SafetyFloors } from '../../safety/floors';
import type { BasicConfig } from './config';

const SUN_FLOOR = 'SCHEDULER_SUN_FLOOR_DEG';
const EL_FLOOR = 'SCHEDULER_MOUNT_EL_LIMITS';
const AZ_FLOOR = 'SCHEDULER_MOUNT_AZ_LIMITS';

/** True when the floors put no limit on elevations nor on azimuths within what a config accepts. */
function mountUnlimited(floors: SafetyFloors): boolean {
  const [elLo, elHi] = floors.mountElLimits;
  const [azLo, azHi] = floors.mountAzLimits;
  return elLo <= -90 && elHi >= 90 && azLo <= AZIMUTH_BOUNDS[0] && azHi >= AZIMUTH_BOUNDS[1];
}

/** Throws `ConfigError` when `config` asks for less than `floors` (a guard below, a wider elevation or azimuth range, no mount). */
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
  const [azLo, azHi] = floors.mountAzLimits;
  if (config.mount === undefined) {
    if (mountUnlimited(floors)) return;
    throw new ConfigError(
      'config.mount',
      `cannot be removed: the server's elevation floor is [${lo}, ${hi}] (${EL_FLOOR}) and its azimuth floor [${azLo}, ${azHi}] (${AZ_FLOOR}); give el_limits and az_limits within them`,
    );
  }
  const el = config.mount.el_limits;
  if (el[0] < lo || el[1] > hi) {
    throw new ConfigError(
      'config.mount.el_limits',
      `must lie within the server's elevation floor [${lo}, ${hi}] (${EL_FLOOR}) (got ${JSON.stringify(el)})`,
    );
  }
  const az = config.mount.az_limits;
  if (az[0] < azLo || az[1] > azHi) {
    throw new ConfigError(
      'config.mount.az_limits',
      `must lie within the server's azimuth floor [${azLo}, ${azHi}] (${AZ_FLOOR}) (got ${JSON.stringify(az)})`,
    );
  }
}
