/** A TOAST master schedule for specs that only read its first row's start (the warm-ups). */

/** A master schedule of one row, starting and ending at `start` (`YYYY-MM-DD HH:MM:SS`). */
export function oneRowMaster(start: string): string {
  const row = ` ${start}  ${start}    59945.015278   59945.048264   270.00 ${'DEC-050..-030_RA+000.000..+011.613'.padEnd(35)}  218.08   250.32    50.00 S`;
  return ['#Site', ' ATACAMA', '#      Start time UTC', row, ''].join('\n');
}
