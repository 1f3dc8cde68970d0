import { scanBlock } from '../blocks/block';
import { parseInstant } from '../time/iso';
import { copyPlanBlocks, idlePlanBlock, isoUtc, isScanBlock, planBlockToJson, scanPlanBlock, type PlanBlock } from './plan-block';

const t = (text: string): number => parseInstant(text) as number;

describe('plan blocks', () => {
  it('isoUtc writes ISO 8601 UTC with Z, microseconds only when present', () => {
    expect(isoUtc(t('2026-12-01T00:00:00Z'))).toBe('2026-12-01T00:00:00Z');
    expect(isoUtc(t('2026-12-01T00:00:00Z') + 1)).toBe('2026-12-01T00:00:00.000001Z');
    expect(Date.parse(isoUtc(t('2023-01-01T00:44:07.159354Z')))).toBe(Date.parse('2023-01-01T00:44:07.159Z'));
  });

  it('a scan keeps its pointing and gets its kind; an idle block has none', () => {
    const scan = scanBlock({ name: 'saturn', t0: t('2026-12-01T01:00Z'), t1: t('2026-12-01T01:05Z'), az: 90.5, alt: 41.1, throw: 1.3 });
    const b = scanPlanBlock(scan, 'calibration');
    expect(b).toEqual({ name: 'saturn', kind: 'calibration', t0: scan.t0, t1: scan.t1, az: 90.5, alt: 41.1, throw: 1.3 });
    expect(isScanBlock(b)).toBe(true);
    const idle = idlePlanBlock('sleep', scan.t0, scan.t1);
    expect(idle).toEqual({ name: 'sleep', kind: 'idle', t0: scan.t0, t1: scan.t1, az: null, alt: null, throw: null });
    expect(isScanBlock(idle)).toBe(false);
  });

  it('copyPlanBlocks keeps the documented fields only, as plain clonable data', () => {
    const odd = {
      name: 'x',
      kind: 'cmb',
      t0: 1,
      t1: 2,
      az: Number.NaN,
      alt: 50,
      throw: 3,
      extra: () => 1,
    } as unknown as PlanBlock;
    const [copy] = copyPlanBlocks([odd]);
    expect(copy).toEqual({ name: 'x', kind: 'cmb', t0: 1, t1: 2, az: null, alt: 50, throw: 3 });
    expect(Object.keys(copy)).toEqual(['name', 'kind', 't0', 't1', 'az', 'alt', 'throw']);
    expect(structuredClone(copy)).toEqual(copy);
  });

  it('planBlockToJson gives times as ISO text', () => {
    const b = scanPlanBlock(
      scanBlock({ name: 'south', t0: t('2026-12-01T10:00Z'), t1: t('2026-12-01T10:30:10Z'), az: 109.7, alt: 50, throw: 32.2 }),
      'filler',
    );
    expect(planBlockToJson(b)).toEqual({
      name: 'south',
      kind: 'filler',
      t0: '2026-12-01T10:00:00Z',
      t1: '2026-12-01T10:30:10Z',
      az: 109.7,
      alt: 50,
      throw: 32.2,
    });
  });
});
