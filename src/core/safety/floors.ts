/**
 * The operator's floors: the least Sun distance and the elevation and azimuth ranges no request can
 * loosen (`SCHEDULER_SUN_FLOOR_DEG`, `SCHEDULER_MOUNT_EL_LIMITS`, `SCHEDULER_MOUNT_AZ_LIMITS`; module
 * options `sunFloorDeg`, `mountElLimits`, `mountAzLimits`). Policies receive them as
 * `PolicyContext.floors`; a config may only tighten.
 */

/** Widest azimuth range anything accepts, degrees (the SAT platform's cable wrap is inside it). */
export const AZIMUTH_BOUNDS: readonly [number, number] = Object.freeze([-720, 720]) as readonly [number, number];

/** The floors a server enforces whatever a request says. */
export interface SafetyFloors {
  /** Least great-circle distance from the Sun to every swept or held point, degrees (0 to 90). */
  readonly sunDistanceDeg: number;
  /** Elevations every pointing must stay within, degrees: `[low, high]` within [−90, 90]. */
  readonly mountElLimits: readonly [number, number];
  /** Azimuths every swept range and held pointing must stay within, degrees: `[low, high]` within [−720, 720]. */
  readonly mountAzLimits: readonly [number, number];
}

/** The floors of a server configured with nothing: 10° from the Sun, elevation 20° to 90°, azimuth −90° to 480°. */
export const DEFAULT_SAFETY_FLOORS: SafetyFloors = Object.freeze({
  sunDistanceDeg: 10,
  mountElLimits: Object.freeze([20, 90]) as readonly [number, number],
  mountAzLimits: Object.freeze([-90, 480]) as readonly [number, number],
});

/**
 * No floors at all (Sun distance 0, elevation −90° to 90°, azimuth −720° to 720°): what a server
 * set to floors 0 has, for reproducing the original's results with the `original-2023` preset.
 */
export const NO_SAFETY_FLOORS: SafetyFloors = Object.freeze({
  sunDistanceDeg: 0,
  mountElLimits: Object.freeze([-90, 90]) as readonly [number, number],
  mountAzLimits: AZIMUTH_BOUNDS,
});

/** True when `v` is `[low, high]` of finite numbers with `min ≤ low ≤ high ≤ max`. */
function isRange(v: unknown, min: number, max: number): v is readonly [number, number] {
  return (
    Array.isArray(v) &&
    v.length === 2 &&
    v.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max) &&
    (v[0] as number) <= (v[1] as number)
  );
}

/** Why `v` is not an elevation floor (`undefined` when it is); `name` is the option to quote. */
export function elevationFloorProblem(v: unknown, name: string): string | undefined {
  return isRange(v, -90, 90) ? undefined : `${name} must be two elevations "low,high" with -90 <= low <= high <= 90 (got ${JSON.stringify(v)})`;
}

/** Why `v` is not an azimuth floor (`undefined` when it is); `name` is the option to quote. */
export function azimuthFloorProblem(v: unknown, name: string): string | undefined {
  const [lo, hi] = AZIMUTH_BOUNDS;
  return isRange(v, lo, hi) ? undefined : `${name} must be two azimuths "low,high" with ${lo} <= low <= high <= ${hi} (got ${JSON.stringify(v)})`;
}

/**
 * Why `floors` are not usable (`undefined` when they are): the Sun floor must be 0 to 90, the
 * elevation floor within [−90, 90] and the azimuth floor within [−720, 720], each `low ≤ high`.
 * `names` are the option names to quote.
 */
export function floorsProblem(
  floors: { readonly sunDistanceDeg: unknown; readonly mountElLimits: unknown; readonly mountAzLimits: unknown },
  names: { readonly sun: string; readonly el: string; readonly az: string },
): string | undefined {
  const sun = floors.sunDistanceDeg;
  if (typeof sun !== 'number' || !Number.isFinite(sun) || sun < 0 || sun > 90) {
    return `${names.sun} must be a number of degrees from 0 to 90 (got ${String(sun)})`;
  }
  return elevationFloorProblem(floors.mountElLimits, names.el) ?? azimuthFloorProblem(floors.mountAzLimits, names.az);
}
