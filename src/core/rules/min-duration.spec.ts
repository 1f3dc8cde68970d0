import { validateConfig } from '../config/validate';
import { plainBlock, scanBlock } from '../blocks/block';
import { ConfigError } from '../errors';
import { minDuration, MinDurationParams } from './min-duration';
import { utc } from './rules.test-helpers';

describe('min-duration (spec §5.5)', () => {
  const t = utc('2023-01-01T00:00:00Z');
  it('keeps blocks at least min_duration long (inclusive), nulls the others', () => {
    const b1 = plainBlock(t, t + 5_000_000);
    const b2 = plainBlock(t, t + 15_000_000);
    const b3 = plainBlock(t, t + 10_000_000);
    expect(minDuration({ min_duration: 10 })([b1, b2, b3])).toEqual([null, b2, b3]);
  });
  it('applies to every block type and keeps the tree shape', () => {
    const sc = scanBlock({ name: 'x', t0: t, t1: t + 1_000_000, az: 1, alt: 2, throw: 3 });
    expect(minDuration({ min_duration: 2 })({ a: [sc], b: null })).toEqual({ a: [null], b: null });
  });
  it('rejects a negative or missing min_duration with the path', () => {
    expect(() => validateConfig(MinDurationParams, { min_duration: -1 }, 'config.rules.min-duration')).toThrow(
      /config\.rules\.min-duration\.min_duration/,
    );
    expect(() => validateConfig(MinDurationParams, {}, 'r')).toThrow(ConfigError);
  });
});
