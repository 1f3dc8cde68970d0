/**
 * Property (issue 10, "scripts are code"): whatever printable Unicode a patch name holds, the
 * script `basic` sends parses as Python into the known calls with literal arguments only, and each
 * `seq.scan(description=...)` is exactly its patch name. python3 checks every script (one process
 * for the whole batch); without python3 this test fails.
 */
import fc from 'fast-check';
import { deepMerge, validateConfig } from '../../config';
import type { PlannedScan } from '../../planner/plan';
import { DEFAULT_SAFETY_FLOORS } from '../../safety/floors';
import { parseInstant } from '../../time/iso';
import { US_PER_S } from '../../time/micros';
import { patchNameProblem } from '../../toast/parse';
import { toastHeader, toastRow } from '../../toast/write';
import { checkScriptsWithPython } from '../../../testing/python';
import { basicPolicy } from './basic-policy';
import { BASIC_DEFAULTS, BasicConfig } from './config';

/** Width of the patch column after its leading space (`toastRow` pads names to it). */
const PATCH_WIDTH = 34;
const ctx = { dataDir: '/nonexistent', seed: 'names', now: new Date(0), floors: DEFAULT_SAFETY_FLOORS };
// A night at the site (local 22:00 to 04:00): the Sun rules leave these scans alone.
const W0 = parseInstant('2024-03-01T02:00:00Z')!;
const HOUR = 3600 * US_PER_S;

/** Characters that break naive quoting, plus whole graphemes of any script. */
const nameChar = fc.oneof(
  fc.constantFrom("'", '"', '\\', '#', ';', '(', ')', '=', ' ', '\u00e9', '\u2019', '\u00a0', '\u2028', '\u0301'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
);
/** Names the TOAST reader accepts: printable, no surrounding blanks, within the column. */
const patchName = fc
  .array(nameChar, { minLength: 1, maxLength: 12 })
  .map((parts) => parts.join(''))
  .filter((n) => n.length <= PATCH_WIDTH && n.trim() === n && n !== '' && patchNameProblem(n) === undefined);

function row(name: string, i: number): string {
  const zero = { sunEl0: -30, sunAz0: 0, sunEl1: -30, sunAz1: 0, moonEl0: 0, moonAz0: 0, moonEl1: 0, moonAz1: 0, moonPhase: 0 };
  const scan: PlannedScan = {
    t0: W0 + i * HOUR,
    t1: W0 + i * HOUR + 50 * 60 * US_PER_S,
    rotation: 0,
    patch: name,
    kind: 'sky',
    azMin: 120,
    azMax: 150,
    el: 50,
    side: 'S',
    ...zero,
    pass: 1,
    sub: i,
  };
  return toastRow(scan);
}

describe('basic: any printable patch name stays data (python3 ast)', () => {
  it('gives scripts with only known calls and literal arguments, each description equal to its name', () => {
    const schedules = fc.sample(fc.array(patchName, { minLength: 1, maxLength: 5 }), { numRuns: 80, seed: 20270301 });
    const scripts = schedules.map((names) => {
      const text = toastHeader() + names.map((n, i) => `${row(n, i)}\n`).join('');
      const config = validateConfig(BasicConfig, deepMerge(BASIC_DEFAULTS, { master_schedule: text, calibration_targets: [] }));
      return basicPolicy.generate(W0, W0 + 6 * HOUR, config, ctx).commands;
    });
    const verdicts = checkScriptsWithPython(scripts);
    const distinctChars = new Set(schedules.flat().join(''));
    expect(distinctChars.size).toBeGreaterThan(100);
    verdicts.forEach((v, i) => {
      expect({ i, errors: v.errors }).toEqual({ i, errors: [] });
      expect(v.scans).toEqual(schedules[i]);
      expect(v.comments).toHaveLength(schedules[i].length);
      expect(v.calls.filter((c) => !['acu.move_to', 'smurf.bias_dets', 'wait_until', 'smurf.bias_step', 'seq.scan'].includes(c))).toEqual([
        'initialize',
        'smurf.uxm_setup',
        'smurf.iv_curve',
      ]);
    });
  });
});
