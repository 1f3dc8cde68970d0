/**
 * Mount limits: the ACU refuses `acu.move_to` outside the platform's range (SAT: elevation 20° to
 * 90°, azimuth −90° to 480°) and the script stops there. A scan points at (`az`, `alt`) and sweeps
 * `[az, az + throw]` at that elevation, so it is kept only when its elevation and its whole swept
 * azimuth range lie within the limits (an elevation cannot be trimmed in time: such scans are dropped).
 */
import type { ScanBlock } from '../blocks/types';
import { RangeField } from '../config/decorators';

/** The `mount` config: inclusive `[low, high]` ranges in degrees. */
export class MountParams {
  @RangeField({ min: -90, max: 90, description: '[low, high] elevation (degrees, inclusive) of every pointing and sweep; not wider than the server floor.' })
  readonly el_limits!: readonly [number, number];

  @RangeField({
    min: -720,
    max: 720,
    description: '[low, high] azimuth (degrees, inclusive, beyond one turn for the cable wrap) every swept range [az, az + throw] must lie within.',
  })
  readonly az_limits!: readonly [number, number];
}

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
