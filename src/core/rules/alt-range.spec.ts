import { validateConfig } from '../config/validate';
import { sampleAzAlt } from '../astro/track';
import { sourceGetBlocks } from '../astro/events';
import { scanBlock } from '../blocks/block';
import { flatten } from '../blocks/tree';
import { altRange, AltRangeParams } from './alt-range';
import { utc } from './rules.test-helpers';

describe('alt-range (spec §5.6)', () => {
  const blocks = sourceGetBlocks('uranus', utc('2020-01-01T00:00:00Z'), utc('2020-01-02T00:00:00Z'));
  it('(45, 60) on uranus keeps only samples within range (§10.3)', () => {
    const out = flatten(altRange({ alt_range: [45, 60] })(blocks));
    expect(out.length).toBeGreaterThan(0);
    for (const b of out) {
      expect(b.kind).toBe('source');
      const s = sampleAzAlt('uranus', b.t0, b.t1, 30);
      for (const a of s.alt) {
        expect(a).toBeGreaterThanOrEqual(45 - 0.01);
        expect(a).toBeLessThanOrEqual(60 + 0.01);
      }
    }
  });
  it('returns an empty list when no sample is in range, and passes scans through', () => {
    expect(altRange({ alt_range: [89, 90] })([blocks[0]])).toEqual([[]]);
    const sc = scanBlock({ name: 'x', t0: blocks[0].t0, t1: blocks[0].t1, az: 1, alt: 2, throw: 3 });
    expect(altRange({ alt_range: [45, 60] })([sc])).toEqual([sc]);
  });
  it('validates the range', () => {
    expect(() => validateConfig(AltRangeParams, { alt_range: [20, 100] }, 'a')).toThrow(/a\.alt_range\[1\]/);
  });
});
