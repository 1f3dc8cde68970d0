/**
 * The telescope script the `basic` policy returns (spec §8), character for character: a fixed
 * preamble, then one group of lines per ScanBlock, joined with newlines. Every value enters the
 * script as a Python literal (`python-literal.ts`): for the names and times of the reference runs
 * the text is the original's, and no name can change what the script does.
 */
import type { Block, ScanBlock } from '../blocks/types';
import { isoformat } from '../time/format';
import { formatFixed2, pyComment, pyStr } from './python-literal';

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
 * The 8-element group of one scan (the last element empty, so it ends with a newline). Throws
 * `RangeError` for a pointing or width that is not a finite number.
 */
export function renderGroup(b: ScanBlock): string {
  return [
    pyComment(b.name),
    `acu.move_to(${formatFixed2(b.az)}, ${formatFixed2(b.alt)})`,
    'smurf.bias_dets()',
    `wait_until(${pyStr(isoformat(b.t0))})`,
    'smurf.bias_step()',
    `seq.scan(description=${pyStr(b.name)}, stop_time=${pyStr(isoformat(b.t1))}, width=${formatFixed2(b.throw)})`,
    'smurf.bias_step()',
    '',
  ].join('\n');
}

/** The whole script: the preamble and one group per ScanBlock (other blocks give nothing). */
export function renderCommands(blocks: readonly Block[]): string {
  const groups = blocks.filter((b): b is ScanBlock => b.kind === 'scan').map(renderGroup);
  return [PREAMBLE, ...groups].join('\n');
}
