/** day-mod (basic-policy §5.3): keeps blocks starting on selected sidereal days. */
import { filterTree } from '../blocks/tree';
import { s, type Infer } from '../config';
import { ConfigError } from '../errors';
import { US_PER_S } from '../time/micros';
import type { Rule } from './rule';

/** Length of the sidereal day the original uses, in seconds (0.997269566 × 86400). */
export const SIDEREAL_DAY_S = 0.997269566 * 86400;

const isoTime = s.isoTime();

/**
 * Params of `day-mod`; `day_ref` is an ISO time string, checked here and kept as text so a
 * validated config stays plain JSON (it is merged and validated again as such).
 */
export const dayModParams = s.custom(
  (v, path) => {
    const p = s
      .object({
        day: s.number({ integer: true, min: 0 }),
        day_mod: s.number({ integer: true, min: 1, max: 1_000_000 }),
        day_ref: s.string({ maxLength: 64 }),
      })
      .parse(v, path);
    isoTime.parse(p.day_ref, `${path}.day_ref`);
    if (p.day >= p.day_mod) throw new ConfigError(`${path}.day`, `must be less than day_mod (${p.day_mod}) (got ${p.day})`);
    return p;
  },
  {
    type: 'object',
    additionalProperties: false,
    properties: {
      day: { type: 'integer', minimum: 0 },
      day_mod: { type: 'integer', minimum: 1, maximum: 1_000_000 },
      day_ref: { type: 'string', format: 'date-time' },
    },
    required: ['day', 'day_mod', 'day_ref'],
  },
);

/** Validated params of `day-mod`. */
export type DayModParams = Infer<typeof dayModParams>;

/** Sidereal-day index of `t` counted from `ref` (floor, so negative before `ref`). */
export function siderealDayIndex(t: number, ref: number): number {
  return Math.floor((t - ref) / US_PER_S / SIDEREAL_DAY_S);
}

/** Keeps block b iff `floor((b.t0 − day_ref)/sidereal_day) mod day_mod == day` (floor-mod). */
export function dayMod(p: DayModParams): Rule {
  const ref = isoTime.parse(p.day_ref, 'day_ref');
  return (tree) =>
    filterTree(tree, (b) => {
      const k = siderealDayIndex(b.t0, ref);
      return ((k % p.day_mod) + p.day_mod) % p.day_mod === p.day;
    });
}
