/**
 * Writes a master schedule in the TOAST ground-schedule "verbose" text format: three header lines,
 * then one fixed-width 238-character row per constant-elevation scan, column for column the layout
 * of the real plans (`docs/basic-policy.md` §1), so the basic policy reads it like a planner's file.
 */
import { SITE } from '../planner/geometry';
import type { PlannedScan } from '../planner/plan';
import { isoformat, toCtime } from '../time/format';
import { US_PER_S, type Micros } from '../time/micros';

/** First header line: names of the site columns. */
const SITE_HEADER = '#Site            Telescope        Latitude [deg] Longitude [deg]   Elevation [m]';
/** Third header line: names of the scan columns. */
const COLUMN_HEADER =
  '#      Start time UTC        Stop time UTC      Start MJD       Stop MJD Rotation Patch name                            Az min   Az max       El   R/S  Sun el1  Sun az1  Sun el2  Sun az2 Moon el1 Moon az1 Moon el2 Moon az2 Phase  Pass Sub';

/** MJD of the Unix epoch. */
const MJD_UNIX_EPOCH = 40587;

/** `YYYY-MM-DD HH:MM:SS` (UTC) of an instant, seconds truncated. */
function utc(t: Micros): string {
  return isoformat(toCtime(t) * US_PER_S).slice(0, 19).replace('T', ' ');
}

function mjd(t: Micros): number {
  return t / US_PER_S / 86400 + MJD_UNIX_EPOCH;
}

const f = (x: number, digits: number, width: number): string => x.toFixed(digits).padStart(width);

/** One data row, 238 characters. */
export function toastRow(p: PlannedScan): string {
  return [
    ` ${utc(p.t0)}`,
    `  ${utc(p.t1)}`,
    f(mjd(p.t0), 6, 16),
    f(mjd(p.t1), 6, 15),
    f(p.rotation, 2, 9),
    ` ${p.patch.padEnd(34)}`,
    f(p.azMin, 2, 10),
    f(p.azMax, 2, 9),
    f(p.el, 2, 9),
    ` ${p.side}`,
    f(p.sunEl0, 2, 13),
    f(p.sunAz0, 2, 9),
    f(p.sunEl1, 2, 9),
    f(p.sunAz1, 2, 9),
    f(p.moonEl0, 2, 9),
    f(p.moonAz0, 2, 9),
    f(p.moonEl1, 2, 9),
    f(p.moonAz1, 2, 9),
    f(p.moonPhase, 2, 6),
    String(p.pass).padStart(6),
    String(p.sub).padStart(4),
  ].join('');
}

/** The three header lines for the planner's site. */
export function toastHeader(): string {
  const site =
    ` ${SITE.name.padEnd(15)} ${SITE.telescope.padEnd(8)}` +
    `${SITE.lat.toFixed(3).padStart(23)}${SITE.lon.toFixed(3).padStart(16)}${SITE.elevation.toFixed(1).padStart(16)}`;
  return `${SITE_HEADER}\n${site}\n${COLUMN_HEADER}\n`;
}

/** The whole file: header and one row per scan, each line ending in a newline. */
export function writeToast(planned: readonly PlannedScan[]): string {
  return toastHeader() + planned.map((p) => `${toastRow(p)}\n`).join('');
}
