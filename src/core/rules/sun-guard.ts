/**
 * sun-guard: no scan sweeps closer to the Sun than `min_distance_deg` on the sky (great-circle
 * distance from the Sun to every point of the swept arc), over the scan plus the Sun padding.
 * The `sun-avoidance` box is measured in azimuth degrees, and 6° of azimuth is only 3° of sky at
 * 60° of elevation; the guard is the criterion that holds everywhere on the sky.
 */
import type { ScanBlock } from '../blocks/types';
import { sunSafePieces, type SunAt } from './swept-arc';

/** Params of `sun-guard`. */
export interface SunGuardParams {
  /** Least great-circle distance, degrees, from the Sun to the swept arc (0 to 90; 0 turns it off). */
  readonly min_distance_deg: number;
}

/** Default of `sun-guard`: 10°, the operator's default floor (`SCHEDULER_SUN_FLOOR_DEG`). */
export const SUN_GUARD_DEFAULTS: SunGuardParams = Object.freeze({ min_distance_deg: 10 });

/** Bounds of `min_distance_deg`, degrees. */
export const SUN_GUARD_RANGE: readonly [number, number] = Object.freeze([0, 90]) as readonly [number, number];

/** One scan through the guard with `padS` seconds of padding: unchanged, its safe pieces, or `[]`. */
export function sunGuardPieces(scan: ScanBlock, p: SunGuardParams, padS: number, sunAt?: SunAt): ScanBlock[] {
  if (p.min_distance_deg <= 0) return [scan];
  return sunSafePieces(scan, { minDistance: p.min_distance_deg }, padS, sunAt);
}
