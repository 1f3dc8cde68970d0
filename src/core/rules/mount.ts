/**
 * Mount limits: the ACU refuses `acu.move_to` outside the platform's range (SAT: elevation 20° to
 * 90°, azimuth −90° to 480°) and the script stops there. A scan points at (`az`, `alt`) and sweeps
 * `[az, az + throw]` at that elevation, so it is kept only when its elevation and its whole swept
 * azimuth range lie within the limits (an elevation cannot be trimmed in time: such scans are dropped).
 */
import type { ScanBlock } from '../blocks/types';

/** The `mount` config: inclusive `[low, high]` ranges in degrees. */
export interface MountParams {
  /** Elevations the mount reaches. */
  readonly el_limits: readonly [number, number];
  /** Azimuths the mount reaches (beyond one turn: the cable wrap). */
  readonly az_limits: readonly [number, number];
}

/** Default `mount`: the SAT platform's range as the observatory's ACU agent configures it. */
export const MOUNT_DEFAULTS: MountParams = Object.freeze({
  el_limits: Object.freeze([20, 90]) as readonly [number, number],
  az_limits: Object.freeze([-90, 480]) as readonly [number, number],
});

/**
 * Why `scan` is outside the mount's limits (`elevation 15.82° is below 20°`), or `undefined` when
 * its pointing and whole sweep are within them.
 */
export function mountProblem(scan: Pick<ScanBlock, 'az' | 'alt' | 'throw'>, p: MountParams): string | undefined {
  const [elLo, elHi] = p.el_limits;
  const [azLo, azHi] = p.az_limits;
  if (!(scan.alt >= elLo && scan.alt <= elHi)) {
    return `elevation ${scan.alt.toFixed(2)}° is outside the mount's el_limits [${elLo}, ${elHi}]`;
  }
  const end = scan.az + scan.throw;
  if (!(scan.az >= azLo && end <= azHi && scan.throw >= 0)) {
    return `swept azimuth [${scan.az.toFixed(2)}, ${end.toFixed(2)}]° is outside the mount's az_limits [${azLo}, ${azHi}]`;
  }
  return undefined;
}
