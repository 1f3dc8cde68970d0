/**
 * The telescope script the `basic` policy returns (basic-policy §8), character for character: a fixed
 * preamble, then one group of lines per ScanBlock, joined with newlines. Every value enters the
 * script as a Python literal (`python-literal.ts`): for the names and times of the reference runs
 * the text is the original's, and no name can change what the script does.
 */
import type { Block, ScanBlock } from '../blocks/types';
import { isoformat } from '../time/format';
import type { Micros } from '../time/micros';
import { formatFixed2, pyComment, pyStr } from './python-literal';

/**
 * A park: the telescope leaves the pointing it holds when the previous group ends (or the script
 * starts) for `(az, alt)` and stays there until `t1`, because the next scan's start pointing is too
 * close to the Sun for part of the wait. `t0` is when the move is made (the previous group's end).
 */
export interface ParkBlock {
  readonly kind: 'park';
  readonly name: string;
  readonly t0: Micros;
  readonly t1: Micros;
  readonly az: number;
  readonly alt: number;
}

/** One group of the script, in script order: a scan or a park before a scan. */
export type ScriptStep = ScanBlock | ParkBlock;

/** Name of the park groups (their comment line and their plan blocks). */
export const PARK_NAME = 'park';

/**
 * Name of a waypoint: a park held for an instant (its `wait_until` is the previous group's end,
 * already past when it is reached) that routes a move around the Sun (`policies/basic/moves.ts`).
 */
export const WAYPOINT_NAME = 'waypoint';

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

/**
 * The 4-element group of one park (the last element empty): move to the park pointing and hold it
 * until `t1`; the next group moves on. Throws `RangeError` for a pointing that is not a finite number.
 */
export function renderParkGroup(p: ParkBlock): string {
  return [pyComment(p.name), `acu.move_to(${formatFixed2(p.az)}, ${formatFixed2(p.alt)})`, `wait_until(${pyStr(isoformat(p.t1))})`, ''].join('\n');
}

/** The whole script: the preamble and one group per ScanBlock or ParkBlock, in order (other blocks give nothing). */
export function renderCommands(blocks: readonly (Block | ParkBlock)[]): string {
  const groups: string[] = [];
  for (const b of blocks) {
    if (b.kind === 'scan') groups.push(renderGroup(b));
    else if (b.kind === 'park') groups.push(renderParkGroup(b));
  }
  return [PREAMBLE, ...groups].join('\n');
}
