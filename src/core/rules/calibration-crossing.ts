/**
 * calibration-crossing: a calibration scan is useful only if its planet crosses the scan's
 * elevation while it runs. A scan can lose its crossing when the next calibration scan cuts it,
 * when the window clips it or when a Sun rule trims it; such a scan is dropped (and the policy
 * gives its time back to the scan it displaced).
 */
import { azAlt } from '../astro/track';
import type { BodyName } from '../astro/site';
import type { ScanBlock } from '../blocks/types';
import { NumberField } from '../config/decorators';
import { US_PER_S } from '../time/micros';

/** Params of `calibration-crossing`. */
export class CalibrationCrossingParams {
  @NumberField({
    min: 0,
    max: 3600,
    description: "How far inside [t0, t1] (seconds) the planet's crossing of the scan elevation must fall.",
  })
  readonly margin_s!: number;
}

/**
 * Sampling step of the search, seconds. A planet's altitude is monotonic through a rising or setting
 * scan except within seconds of its transit, so a sign change on this grid is a crossing, and a
 * crossing it misses is a graze of less than this length at the top of the passage.
 */
export const CROSSING_STEP_S = 10;

/** True when `body`'s apparent altitude equals `scan.alt` at some instant of `[t0 + margin, t1 − margin]`. */
export function holdsCrossing(scan: ScanBlock, body: BodyName, p: CalibrationCrossingParams): boolean {
  const from = scan.t0 / US_PER_S + p.margin_s;
  const to = scan.t1 / US_PER_S - p.margin_s;
  if (!(to >= from)) return false;
  const n = Math.max(1, Math.ceil((to - from) / CROSSING_STEP_S));
  const ts = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) ts[i] = from + i * CROSSING_STEP_S;
  ts[n] = to;
  const { alt } = azAlt(body, ts);
  let previous = alt[0] - scan.alt;
  if (previous === 0) return true;
  for (let i = 1; i <= n; i++) {
    const f = alt[i] - scan.alt;
    if (f === 0 || f < 0 !== previous < 0) return true;
    previous = f;
  }
  return false;
}
