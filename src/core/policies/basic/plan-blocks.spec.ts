import { scanBlock } from '../../blocks/block';
import { formatFixed2 } from '../../script/python-literal';
import { DEFAULT_SAFETY_FLOORS } from '../../safety/floors';
import { isoformat } from '../../time/format';
import { parseInstant } from '../../time/iso';
import type { PlanBlock } from '../../plan/plan-block';
import { describeWithReference, REFERENCE_DIR } from '../../../testing/reference';
import { basicPolicy } from './basic-policy';
import { BASIC_DEFAULTS, type BasicConfig } from './config';
import { basicPlanBlocks } from './plan-blocks';

const t = (text: string): number => parseInstant(text) as number;
const ctx = { dataDir: REFERENCE_DIR, seed: 'plan-blocks', now: new Date(0), floors: DEFAULT_SAFETY_FLOORS };

/** The scans of a basic script, read back from its lines: name, pointing, start, stop, width as printed. */
function scriptScans(commands: string): string[][] {
  const re =
    /^# (.+)\nacu\.move_to\((\S+), (\S+)\)\nsmurf\.bias_dets\(\)\nwait_until\('(\S+)'\)\nsmurf\.bias_step\(\)\nseq\.scan\(description='(.+)', stop_time='(\S+)', width=(\S+)\)$/gm;
  return [...commands.matchAll(re)].map((m) => [m[1], m[2], m[3], m[4], m[6], m[7]]);
}

/** A block as the script prints it, for comparison with `scriptScans`. */
const printed = (b: PlanBlock): string[] => [
  b.name,
  formatFixed2(b.az as number),
  formatFixed2(b.alt as number),
  isoformat(b.t0),
  isoformat(b.t1),
  formatFixed2(b.throw as number),
];

describe('basic plan blocks', () => {
  it('one block per scan of the script, in order, the planned master (no file) classified by kind', () => {
    const r = basicPolicy.generate(t('2026-12-01T00:00Z'), t('2026-12-04T00:00Z'), BASIC_DEFAULTS, ctx);
    const blocks = r.blocks ?? [];
    const scans = scriptScans(r.commands);
    expect(scans.length).toBe(r.commands.split('\n').filter((l) => l.startsWith('seq.scan(')).length);
    // Parks (kind park) sit between the scans; their groups are checked in parks.spec.ts.
    expect(blocks.filter((b) => b.kind !== 'park').map(printed)).toEqual(scans);
    const kinds = new Map<string, Set<string>>();
    for (const b of blocks) kinds.set(b.kind, (kinds.get(b.kind) ?? new Set()).add(b.name));
    expect([...(kinds.get('filler') ?? [])]).toEqual(['south']);
    expect([...(kinds.get('calibration') ?? [])].every((n) => n === 'saturn' || n === 'uranus')).toBe(true);
    expect(kinds.get('calibration')?.size ?? 0).toBeGreaterThan(0);
    expect([...(kinds.get('cmb') ?? [])].every((n) => n.startsWith('DEC-050..-030_RA'))).toBe(true);
    expect([...kinds.keys()].filter((k) => k !== 'park').sort()).toEqual(['calibration', 'cmb', 'filler']);
  });

  it('calibration is decided by provenance (pieces of the calibration scans), fillers by the configured horizontal patch names', () => {
    const cal = scanBlock({ name: 'saturn', t0: 10, t1: 20, az: 90, alt: 40, throw: 1 });
    const calPiece = scanBlock({ name: 'saturn', t0: 12, t1: 18, az: 90, alt: 40, throw: 1 });
    const sameNameMaster = scanBlock({ name: 'saturn', t0: 30, t1: 40, az: 180, alt: 50, throw: 30 });
    const wall = scanBlock({ name: 'wall', t0: 40, t1: 50, az: 100, alt: 50, throw: 20 });
    const south = scanBlock({ name: 'south', t0: 50, t1: 60, az: 109.7, alt: 50, throw: 32.2 });
    const config = {
      ...BASIC_DEFAULTS,
      master: { ...BASIC_DEFAULTS.master, horizontal_patches: [{ name: 'wall', az_min: 100, az_max: 120, el: 50, weight: 1 }] },
    } as BasicConfig;
    const blocks = basicPlanBlocks({ steps: [cal, calPiece, sameNameMaster, wall, south], calibration: [cal] }, config);
    expect(blocks.map((b) => [b.name, b.kind])).toEqual([
      ['saturn', 'calibration'],
      ['saturn', 'calibration'],
      ['saturn', 'cmb'],
      ['wall', 'filler'],
      ['south', 'cmb'],
    ]);
  });

  it('an empty window has no blocks', () => {
    expect(basicPolicy.generate(t('2026-12-02T00:00Z'), t('2026-12-01T00:00Z'), BASIC_DEFAULTS, ctx).blocks).toEqual([]);
  });
});

describeWithReference('basic plan blocks with the 2023 master schedule file', () => {
  it('marks the file\'s `south` rows as fillers and keeps block order and pointing of the script', () => {
    const config = { ...BASIC_DEFAULTS, master_schedule: 'schedule_sat.txt' } as BasicConfig;
    const r = basicPolicy.generate(t('2023-05-02T00:00Z'), t('2023-05-05T00:00Z'), config, ctx);
    const blocks = r.blocks ?? [];
    expect(blocks.map(printed)).toEqual(scriptScans(r.commands));
    expect(blocks.filter((b) => b.name === 'south').every((b) => b.kind === 'filler')).toBe(true);
    expect(blocks.some((b) => b.kind === 'filler')).toBe(true);
    expect(blocks.filter((b) => b.kind === 'calibration').length).toBeGreaterThan(0);
  });
});
