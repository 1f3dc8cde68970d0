/** day-mod (spec §5.3): keeps blocks starting on selected sidereal days. */
import { filterTree } from '../blocks/tree';
import { CrossCheck, IsoTimeField, NumberField } from '../config/decorators';
import { ConfigError } from '../errors';
import { parseInstant } from '../time/iso';
import { US_PER_S } from '../time/micros';
import type { Rule } from './rule';

/** Length of the sidereal day the original uses, in seconds (0.997269566 × 86400). */
export const SIDEREAL_DAY_S = 0.997269566 * 86400;

/**
 * Params of `day-mod`; `day_ref` is an ISO time string, checked and kept as text so a validated
 * config stays plain JSON.
 */
export class DayModParams {
  @CrossCheck('dayBelowDayMod', (day: number, p: DayModParams) =>
    day < p.day_mod ? undefined : { why: `must be less than day_mod (${p.day_mod}) (got ${day})` },
  )
  @NumberField({ integer: true, min: 0, description: 'Sidereal day kept, counted modulo day_mod from day_ref (less than day_mod).' })
  readonly day!: number;

  @NumberField({ integer: true, min: 1, max: 1_000_000, description: 'Period of the kept days, in sidereal days.' })
  readonly day_mod!: number;

  @IsoTimeField({ description: 'Start of sidereal day 0: ISO 8601 or YYYY-MM-DD HH:MM[:SS] (UTC).' })
  readonly day_ref!: string;
}

/** Sidereal-day index of `t` counted from `ref` (floor, so negative before `ref`). */
export function siderealDayIndex(t: number, ref: number): number {
  return Math.floor((t - ref) / US_PER_S / SIDEREAL_DAY_S);
}

/** Keeps block b iff `floor((b.t0 − day_ref)/sidereal_day) mod day_mod == day` (floor-mod). */
export function dayMod(p: DayModParams): Rule {
  const ref = parseInstant(p.day_ref);
  if (ref === undefined) throw new ConfigError('day_ref', `is not a time (got ${JSON.stringify(p.day_ref)})`);
  return (tree) =>
    filterTree(tree, (b) => {
      const k = siderealDayIndex(b.t0, ref);
      return ((k % p.day_mod) + p.day_mod) % p.day_mod === p.day;
    });
}
