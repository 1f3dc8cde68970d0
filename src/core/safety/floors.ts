/**
 * The operator's floors: the least Sun distance and the elevation range no request can loosen
 * (`SCHEDULER_SUN_FLOOR_DEG`, `SCHEDULER_MOUNT_EL_LIMITS`; module options `sunFloorDeg`,
 * `mountElLimits`). Policies receive them as `PolicyContext.floors`; a config may only tighten.
 */

/** The floors a server enforces whatever a request says. */
export interface SafetyFloors {
  /** Least great-circle distance from the Sun to every swept point, degrees (0 to 90). */
  readonly sunDistanceDeg: number;
  /** Elevations scans must stay within, degrees: `[low, high]` within [−90, 90]. */
  readonly mountElLimits: readonly [number, number];
}

/** The floors of a server configured with nothing: 10° from the Sun, elevation 20° to 90°. */
export const DEFAULT_SAFETY_FLOORS: SafetyFloors = Object.freeze({
  sunDistanceDeg: 10,
  mountElLimits: Object.freeze([20, 90]) as readonly [number, number],
});

/**
 * No floors at all (Sun distance 0, elevation −90° to 90°): what a server set to floors 0 has,
 * for reproducing the original's results with the `original-2023` preset.
 */
export const NO_SAFETY_FLOORS: SafetyFloors = Object.freeze({
  sunDistanceDeg: 0,
  mountElLimits: Object.freeze([-90, 90]) as readonly [number, number],
});

/**
 * Why `floors` are not usable (`undefined` when they are): the Sun floor must be 0 to 90 and the
 * elevation floor `[low, high]` with −90 ≤ low ≤ high ≤ 90. `names` are the option names to quote.
 */
export function floorsProblem(
  floors: { readonly sunDistanceDeg: unknown; readonly mountElLimits: unknown },
  names: { readonly sun: string; readonly el: string },
): string | undefined {
  const sun = floors.sunDistanceDeg;
  if (typeof sun !== 'number' || !Number.isFinite(sun) || sun < 0 || sun > 90) {
    return `${names.sun} must be a number of degrees from 0 to 90 (got ${String(sun)})`;
  }
  const el = floors.mountElLimits;
  const ok =
    Array.isArray(el) &&
    el.length === 2 &&
    el.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= -90 && x <= 90) &&
    (el[0] as number) <= (el[1] as number);
  if (!ok) return `${names.el} must be two elevations "low,high" with -90 <= low <= high <= 90 (got ${JSON.stringify(el)})`;
  return undefined;
}
