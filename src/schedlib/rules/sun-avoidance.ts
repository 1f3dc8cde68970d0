/**
 * sun-avoidance (spec §5.1, F7): cuts scans and source blocks where they come too close to the
 * Sun, on a `time_step` grid, with `n_buffer` samples of padding around each unsafe run.
 */
import { isBodyName } from '../astro/site';
import { azAlt, sampleAzAlt } from '../astro/track';
import { withTimes } from '../blocks/block';
import { mapTree } from '../blocks/tree';
import type { Block, BlockTree } from '../blocks/types';
import { s, type Infer } from '../config';
import { mask2ranges, rangesComplement, rangesPad } from '../numeric/ranges';
import { wrap180 } from '../numeric/unwrap';
import { fromCtime } from '../time/format';
import type { Rule } from './rule';

/** Params of `sun-avoidance`. */
export const sunAvoidanceParams = s.object({
  min_angle_az: s.number({ min: 0, max: 180 }),
  min_angle_alt: s.number({ min: 0, max: 180 }),
  n_buffer: s.number({ integer: true, min: 0, max: 100_000 }),
  time_step: s.number({ integer: true, min: 1, max: 86_400 }),
});

/** Validated params of `sun-avoidance`. */
export type SunAvoidanceParams = Infer<typeof sunAvoidanceParams>;

/**
 * Per-sample safety of block `b` against the Sun at ctimes `t` (F7): `|wrap180(Δaz)| − throw >
 * min_angle_az` (no throw term for sources, no cos(alt)) OR `|Δalt| > min_angle_alt`, both strict.
 * Returns null for a block type the rule does not look at.
 */
export function sunSafeMask(
  b: Block,
  t: ArrayLike<number>,
  sunAz: ArrayLike<number>,
  sunAlt: ArrayLike<number>,
  p: Pick<SunAvoidanceParams, 'min_angle_az' | 'min_angle_alt'>,
): boolean[] | null {
  const n = t.length;
  const ok = new Array<boolean>(n);
  if (b.kind === 'scan') {
    for (let i = 0; i < n; i++) {
      const daz = Math.abs(wrap180(b.az - sunAz[i])) - b.throw;
      const dalt = Math.abs(b.alt - sunAlt[i]);
      ok[i] = daz > p.min_angle_az || dalt > p.min_angle_alt;
    }
    return ok;
  }
  if ((b.kind === 'source' || b.kind === 'window') && isBodyName(b.name)) {
    const src = azAlt(b.name, t);
    for (let i = 0; i < n; i++) {
      const daz = Math.abs(wrap180(src.az[i] - sunAz[i]));
      const dalt = Math.abs(src.alt[i] - sunAlt[i]);
      ok[i] = daz > p.min_angle_az || dalt > p.min_angle_alt;
    }
    return ok;
  }
  return null;
}

/** Applies the rule to one block: unchanged, null (dropped) or the list of safe pieces. */
export function avoidSun(b: Block, p: SunAvoidanceParams): BlockTree {
  if (b.kind !== 'scan' && b.kind !== 'source' && b.kind !== 'window') return b;
  if (b.kind !== 'scan' && !isBodyName(b.name)) return b;
  const sun = sampleAzAlt('sun', b.t0, b.t1, p.time_step);
  const ok = sunSafeMask(b, sun.t, sun.az, sun.alt, p);
  if (ok === null) return b;
  const n = ok.length;
  const unsafe = mask2ranges(ok.map((x) => !x));
  const safe = rangesComplement(rangesPad(unsafe, p.n_buffer, n), n);
  if (safe.length === 0) return null;
  // Untouched blocks keep their own (possibly sub-second) times.
  if (safe[0][0] === 0 && safe[0][1] === n) return b;
  return safe.map(([i0, i1]) => withTimes(b, fromCtime(sun.t[i0]), fromCtime(sun.t[i1 - 1])));
}

/** Builds the sun-avoidance rule: maps every scan and source leaf through `avoidSun`. */
export function sunAvoidance(p: SunAvoidanceParams): Rule {
  return (tree) => mapTree(tree, (b) => avoidSun(b, p));
}
