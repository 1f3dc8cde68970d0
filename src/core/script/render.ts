/**
 * The telescope script the `basic` policy returns (basic-policy §8), character for character: a fixed
 * preamble, then one group of lines per ScanBlock, joined with newlines.
 */
import type { Block, ScanBlock } from '../blocks/types';
import { isoformat } from '../time/format';

/** The 9 preamble lines joined with "\n" (148 characters, ending in a newline). */
export const PREAMBLE = [
  'from sorunlib import *',
  'from nextline import disable_trace',
  '',
  'with disable_trace():',
  '    initialize(test_mode=True)',
  '',
  'smurf.uxm_setup()',
  'smurf.iv_curve()',
  '',
].join('\n');

/**
 * Python `'{:.2f}'.format(x)`: correctly rounded on the exact binary value, exact ties to even.
 * `toFixed` is also exact but sends ties away from zero, and ties only happen when x·8 is an odd
 * integer (fractions .125, .375, .625, .875), so those are rounded here with integers.
 */
export function formatFixed2(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const a = Math.abs(x);
  if (a >= 1e21) return `${sign}${BigInt(a).toString()}.00`; // toFixed switches to exponent form
  const m = a * 8; // exact: scaling by a power of two
  if (Number.isInteger(m) && m % 2 === 1) {
    // a·100 = 25m/2 lies exactly between (25m − 1)/2 and (25m + 1)/2; take the even one.
    const lo = (25n * BigInt(m) - 1n) / 2n;
    const n = lo % 2n === 0n ? lo : lo + 1n;
    const frac = (n % 100n).toString().padStart(2, '0');
    return `${sign}${(n / 100n).toString()}.${frac}`;
  }
  return `${sign}${a.toFixed(2)}`;
}

/** The 8-element group of one scan (the last element empty, so it ends with a newline). */
export function renderGroup(b: ScanBlock): string {
  return [
    `# ${b.name}`,
    `acu.move_to(${formatFixed2(b.az)}, ${formatFixed2(b.alt)})`,
    'smurf.bias_dets()',
    `wait_until('${isoformat(b.t0)}')`,
    'smurf.bias_step()',
    `seq.scan(description='${b.name}', stop_time='${isoformat(b.t1)}', width=${formatFixed2(b.throw)})`,
    'smurf.bias_step()',
    '',
  ].join('\n');
}

/** The whole script: the preamble and one group per ScanBlock (other blocks give nothing). */
export function renderCommands(blocks: readonly Block[]): string {
  const groups = blocks.filter((b): b is ScanBlock => b.kind === 'scan').map(renderGroup);
  return [PREAMBLE, ...groups].join('\n');
}
