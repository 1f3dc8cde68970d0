/**
 * sun-guard: no scan sweeps closer to the Sun than `min_distance_deg` on the sky (great-circle
 * distance from the Sun to every point of the swept arc), over the scan plus the Sun padding.
 * The `sun-avoidance` box is measured in azimuth degrees, and 6° of azimuth is only 3° of sky at
 * 60° of elevation; the guard is the criterion that holds everywhere on the sky.
 */
import type { ScanBlock } from '../blocks/types';
import { NumberField } from '../config/decorators';
import { sunSafePieces, type SunAt } from './swept-arc';

/** Params of `sun-guard`. */
export class SunGuardParams {
  @NumberField({
    min: 0,
    max: 90,
    description: 'Least great-circle distance (degrees) from the Sun to every point a scan sweeps, over the scan and the Sun padding; 0 turns the guard off (not below the server floor).',
  })
  readonly min_distance_deg!: number;
}

/** One scan through the guard with `padS` seconds of padding: unchanged, its safe pieces, or `[]`. */
export function sunGuardPieces(scan: ScanBlock, p: SunGuardParams, padS: number, sunAt?: SunAt): ScanBlock[] {
  if (p.min_distance_deg <= 0) return [scan];
  return sunSafePieces(scan, { minDistance: p.min_distance_deg }, padS, sunAt);
}
