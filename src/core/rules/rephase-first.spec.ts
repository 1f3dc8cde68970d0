import { plainBlock } from '../blocks/block';
import { rephaseFirst } from './rephase-first';
import { fixedUniform, utc } from './rules.test-helpers';

describe('rephase-first (basic-policy §5.7, fixed)', () => {
  const t = utc('2023-01-01T00:00:00Z');
  const a = plainBlock(t + 100e6, t + 1100e6); // the earliest, 1000 s
  const b = plainBlock(t + 2000e6, t + 3000e6);
  it('delays the earliest block by U × min(max_fraction·d, d − min_block_size)', () => {
    const out = rephaseFirst({ max_fraction: 0.5, min_block_size: 800 }, fixedUniform(0.25))([b, a]);
    // allowance = min(500, 200) = 200 s; delay 50 s.
    expect(out).toEqual([b, plainBlock(t + 150e6, t + 1100e6)]);
  });
  it('never delays beyond the block (allowance ≥ 0) and leaves an empty tree alone', () => {
    const out = rephaseFirst({ max_fraction: 1, min_block_size: 5000 }, fixedUniform(0.9))([a]);
    expect(out).toEqual([a]);
    expect(rephaseFirst({ max_fraction: 1, min_block_size: 0 }, fixedUniform(0.9))([])).toEqual([]);
  });
});
