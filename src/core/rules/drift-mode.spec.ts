import { validateConfig } from '../config/validate';
import { scanBlock, sourceBlock } from '../blocks/block';
import { flatten } from '../blocks/tree';
import { driftMode, DriftModeParams } from './drift-mode';
import { utc } from './rules.test-helpers';

describe('drift-mode (spec §5.4)', () => {
  const h = 3_600_000_000;
  const t = utc('2020-01-01T00:00:00Z');
  const blocks = [0, 1, 2, 3].map((i) =>
    sourceBlock({ name: 'uranus', t0: t + i * h, t1: t + (i + 1) * h, mode: i % 2 === 0 ? 'rising' : 'setting' }),
  );
  it('keeps only the blocks of the given mode', () => {
    const kept = flatten(driftMode({ mode: 'rising' })(blocks));
    expect(kept).toHaveLength(2);
    expect(kept.every((b) => b.kind === 'source' && b.mode === 'rising')).toBe(true);
  });
  it('"both" keeps only blocks whose mode is literally both', () => {
    expect(flatten(driftMode({ mode: 'both' })(blocks))).toHaveLength(0);
  });
  it('lets other block types through', () => {
    const sc = scanBlock({ name: 'p', t0: t, t1: t + h, az: 1, alt: 50, throw: 10 });
    expect(driftMode({ mode: 'setting' })([sc])).toEqual([sc]);
  });
  it('rejects an unknown mode', () => {
    expect(() => validateConfig(DriftModeParams, { mode: 'up' }, 'config.rules.drift-mode')).toThrow(
      /config\.rules\.drift-mode\.mode must be one of/,
    );
  });
});
