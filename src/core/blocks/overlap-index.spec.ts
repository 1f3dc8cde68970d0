import fc from 'fast-check';
import { scanBlock } from './block';
import { blocksReaching } from './overlap-index';
import type { ScanBlock } from './types';

const scan = (t0: number, t1: number, i: number): ScanBlock => scanBlock({ name: `s${i}`, t0, t1, az: 0, alt: 50, throw: 10 });

describe('blocksReaching', () => {
  const naive = (bs: readonly ScanBlock[], t0: number, t1: number): ScanBlock[] => bs.filter((b) => b.t1 > t0 && b.t0 < t1);

  it('equals the filter, in order, for sorted, unsorted, frozen and unfrozen lists (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 300 })), { maxLength: 60 }),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: -100, max: 1400 }),
        fc.integer({ min: -100, max: 1400 }),
        (rows, sort, freeze, a, b) => {
          const list = rows.map(([t0, len], i) => scan(t0, t0 + len, i));
          if (sort) list.sort((x, y) => x.t0 - y.t0);
          const bs = freeze ? Object.freeze(list) : list;
          // Twice: the second call uses the index the first one built.
          for (let k = 0; k < 2; k++) expect(blocksReaching(bs, a, b)).toEqual(naive(bs, a, b));
        },
      ),
      { numRuns: 300, seed: 11 },
    );
  });

  it('finds a long block that starts well before the window (prefix maximum of t1)', () => {
    const bs = Object.freeze([scan(0, 1000, 0), scan(10, 20, 1), scan(30, 40, 2), scan(500, 600, 3)]);
    expect(blocksReaching(bs, 100, 550).map((b) => b.name)).toEqual(['s0', 's3']);
    expect(blocksReaching(bs, 20, 30)).toEqual([bs[0]]);
    expect(blocksReaching(bs, Number.NaN, 30)).toEqual([]);
  });
});
