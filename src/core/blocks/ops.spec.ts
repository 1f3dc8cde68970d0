import fc from 'fast-check';
import { utcMicros } from '../time/format';
import { blockKey, plainBlock, scanBlock } from './block';
import {
  blockMerge,
  dropDuplicates,
  extend,
  extendLeft,
  extendRight,
  merge,
  mergeBlock,
  mergeNaive,
  overlaps,
  shift,
  shrink,
  shrinkLeft,
  shrinkRight,
  split,
  trimLeftTo,
  trimRightTo,
} from './ops';
import { seedFromText } from '../random/prng-key';
import { Mt19937 } from '../random/mt19937';
import type { Block, BlockTree, ScanBlock } from './types';

const jan = (day: number, hour = 0, minute = 0): number => utcMicros(2023, 1, day, hour, minute);
const b = (d0: number, d1: number): Block => plainBlock(jan(d0), jan(d1));
const H = (h: number, m = 0): number => utcMicros(2023, 5, 9, h, m);
const HOUR = 3600 * 1_000_000;

describe('block operations (basic-policy §10.4)', () => {
  it('split', () => {
    const blk = plainBlock(utcMicros(2023, 5, 9, 12), utcMicros(2023, 5, 10, 12));
    expect(split(blk, blk.t0)).toEqual([blk]);
    expect(split(blk, blk.t1)).toEqual([blk]);
    expect(split(blk, blk.t0 - 1)).toEqual([blk]);
    expect(split(blk, blk.t1 + HOUR)).toEqual([blk]);
    expect(split(blk, blk.t0 + 1)).toHaveLength(2);
    const mid = utcMicros(2023, 5, 10);
    expect(split(blk, mid)).toEqual([plainBlock(blk.t0, mid), plainBlock(mid, blk.t1)]);
  });

  it('shift by one hour', () => {
    expect(shift(plainBlock(H(10), H(12)), HOUR)).toEqual(plainBlock(H(11), H(13)));
  });

  it('trim_left_to and trim_right_to', () => {
    const blk = plainBlock(H(10), H(12));
    expect(trimLeftTo(blk, H(11))).toEqual(plainBlock(H(11), H(12)));
    expect(trimLeftTo(blk, H(9))).toEqual(blk);
    expect(trimLeftTo(blk, H(13))).toBeNull();
    expect(trimLeftTo(blk, H(12))).toBeNull();
    expect(trimRightTo(blk, H(11))).toEqual(plainBlock(H(10), H(11)));
    expect(trimRightTo(blk, H(13))).toEqual(blk);
    expect(trimRightTo(blk, H(10))).toBeNull();
  });

  it('extend and shrink, with left / right variants', () => {
    const blk = plainBlock(H(10), H(12));
    expect(extend(blk, 2 * HOUR)).toEqual(plainBlock(H(9), H(13)));
    expect(extendLeft(blk, HOUR)).toEqual(plainBlock(H(9), H(12)));
    expect(extendRight(blk, HOUR)).toEqual(plainBlock(H(10), H(13)));
    expect(shrink(blk, HOUR)).toEqual(plainBlock(H(10, 30), H(11, 30)));
    expect(shrink(blk, 2 * HOUR)).toBeNull();
    expect(shrinkLeft(blk, HOUR)).toEqual(plainBlock(H(11), H(12)));
    expect(shrinkRight(blk, HOUR)).toEqual(plainBlock(H(10), H(11)));
    expect(shrinkLeft(blk, 3 * HOUR)).toBeNull();
    expect(extend(plainBlock(10, 20), 3)).toEqual(plainBlock(8, 22));
    expect(extend(plainBlock(10, 20), 1)).toEqual(plainBlock(10, 20));
  });

  it('block_overlap', () => {
    expect(overlaps(b(1, 2), plainBlock(jan(1, 12), jan(2)))).toBe(true);
    expect(overlaps(b(1, 2), b(2, 3))).toBe(false);
    expect(overlaps(b(2, 3), b(2, 4))).toBe(true);
    expect(overlaps(b(2, 3), b(1, 4))).toBe(true);
    expect(overlaps(b(2, 2), b(1, 4))).toBe(true);
    expect(overlaps(b(2, 2), b(2, 4))).toBe(false);
  });

  it('block_merge', () => {
    expect(blockMerge(b(1, 2), b(3, 4))).toEqual([b(1, 2), b(3, 4)]);
    expect(blockMerge(b(3, 4), b(1, 2))).toEqual([b(1, 2), b(3, 4)]);
    expect(blockMerge(b(1, 3), b(2, 4))).toEqual([b(1, 2), b(2, 4)]);
    expect(blockMerge(b(1, 4), b(2, 3))).toEqual([b(1, 2), b(2, 3), b(3, 4)]);
    expect(blockMerge(b(2, 4), b(1, 3))).toEqual([b(1, 3), b(3, 4)]);
  });

  it('block_merge keeps the fields of the losing block on its pieces', () => {
    const master = scanBlock({ name: 'm', t0: jan(1), t1: jan(4), az: 218.08, alt: 50, throw: 32.24 });
    const cal = scanBlock({ name: 'saturn', t0: jan(2), t1: jan(3), az: 259.83, alt: 15.82, throw: 1.04 });
    const out = blockMerge(master, cal) as ScanBlock[];
    expect(out.map((s) => [s.name, s.t0, s.t1, s.az])).toEqual([
      ['m', jan(1), jan(2), 218.08],
      ['saturn', jan(2), jan(3), 259.83],
      ['m', jan(3), jan(4), 218.08],
    ]);
  });

  it('drop_duplicates works by value and refuses nested input without flatten', () => {
    expect(dropDuplicates([b(1, 2), b(2, 3), plainBlock(jan(1), jan(2))])).toEqual([b(1, 2), b(2, 3)]);
    expect(() => dropDuplicates([b(1, 2), [b(1, 2)]])).toThrow(/nested/);
    expect(dropDuplicates([b(1, 2), [b(1, 2)]], { flatten: true })).toEqual([b(1, 2)]);
  });

  it('merge_block', () => {
    expect(mergeBlock([], b(1, 2))).toEqual([b(1, 2)]);
    expect(mergeBlock([b(1, 2), b(3, 4)], b(2, 3))).toEqual([b(1, 2), b(2, 3), b(3, 4)]);
    expect(() => mergeBlock([b(1, 2), [b(3, 4), b(5, 6)]], b(2, 5))).toThrow(/nested/);
    expect(mergeBlock([b(1, 2), [b(3, 4), b(5, 6)]], b(2, 5), { flatten: true })).toEqual([b(1, 2), b(2, 5), b(5, 6)]);
  });

  it('merge_block collapses duplicates only when the block overlaps something', () => {
    expect(mergeBlock([b(1, 2), b(1, 2)], b(3, 4))).toEqual([b(1, 2), b(1, 2), b(3, 4)]);
    expect(mergeBlock([b(1, 2), b(1, 2), b(5, 7)], b(6, 8))).toEqual([b(1, 2), b(5, 6), b(6, 8)]);
  });

  it('merge', () => {
    expect(merge([b(1, 2), b(3, 4)], [b(2, 3), b(5, 6)])).toEqual([b(1, 2), b(2, 3), b(3, 4), b(5, 6)]);
    expect(merge([[b(1, 2), b(3, 4)], [b(5, 6)]], [[b(1, 4), b(4, 5)]])).toEqual([b(1, 4), b(4, 5), b(5, 6)]);
    expect(merge([[b(1, 2), [b(5, 6)]], b(9, 10)], [b(3, 4), [b(7, 8), { x: b(11, 12) }]])).toEqual([
      b(1, 2), b(3, 4), b(5, 6), b(7, 8), b(9, 10), b(11, 12),
    ]);
  });

  it('merge: later blocks of seq2 win, zero-length blocks inside are absorbed', () => {
    expect(merge([b(1, 10)], [b(2, 5), b(4, 6)])).toEqual([b(1, 2), b(2, 4), b(4, 6), b(6, 10)]);
    expect(merge([b(3, 3), b(1, 2)], [b(2, 5)])).toEqual([b(1, 2), b(2, 5)]);
    expect(merge([b(2, 2)], [b(2, 5)])).toEqual([b(2, 2), b(2, 5)]);
    expect(merge([], [b(2, 3), b(1, 2)])).toEqual([b(1, 2), b(2, 3)]);
    expect(merge([b(2, 3), b(1, 2)], [])).toEqual([b(1, 2), b(2, 3)]);
  });

  it('merge of a master schedule with calibration scans splits masters around them', () => {
    const m = (d0: number, h0: number, d1: number, h1: number, name: string): ScanBlock =>
      scanBlock({ name, t0: jan(d0, h0), t1: jan(d1, h1), az: 200, alt: 50, throw: 30 });
    const masters = [m(1, 0, 1, 2, 'a'), m(1, 2, 1, 4, 'b'), m(1, 5, 1, 6, 'c')];
    const cals = [m(1, 1, 1, 3, 'saturn'), m(1, 5, 1, 5, 'zero')];
    const names = merge(masters, cals).map((s) => [s.name, (s.t0 - jan(1)) / HOUR, (s.t1 - jan(1)) / HOUR]);
    expect(names).toEqual([
      ['a', 0, 1],
      ['saturn', 1, 3],
      ['b', 3, 4],
      ['c', 5, 6],
      ['zero', 5, 5],
    ]);
  });
});

/** Random block sets on a coarse grid, so touching, identical and zero-length blocks are common. */
const NAMES = ['a', 'b', 'c'];
const blockArb: fc.Arbitrary<Block> = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 3 }))
  .map(([t0, len, kind]) =>
    kind === 3
      ? plainBlock(t0, t0 + len)
      : scanBlock({ name: NAMES[kind], t0, t1: t0 + len, az: kind * 10, alt: 50, throw: 1 }),
  );
const treeArb: fc.Arbitrary<BlockTree> = fc.letrec<{ tree: BlockTree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    blockArb,
    blockArb,
    fc.constant(null),
    fc.array(tie('tree'), { maxLength: 6 }),
    fc.dictionary(fc.constantFrom('x', 'y', '10', '9'), tie('tree'), { maxKeys: 3 }),
  ),
})).tree;

const keys = (bs: readonly Block[]): string[] => bs.map(blockKey);

describe('merge (fast) against the spec algorithm', () => {
  it('gives exactly the same sequence on random nested block sets', () => {
    fc.assert(
      fc.property(treeArb, treeArb, (s1, s2) => {
        expect(keys(merge(s1, s2))).toEqual(keys(mergeNaive(s1, s2)));
      }),
      { numRuns: 1500, seed: 20230101 },
    );
  });

  it('gives the same sequence on flat lists with many duplicates', () => {
    fc.assert(
      fc.property(fc.array(blockArb, { maxLength: 30 }), fc.array(blockArb, { maxLength: 15 }), (s1, s2) => {
        expect(keys(merge(s1, s2))).toEqual(keys(mergeNaive(s1, s2)));
      }),
      { numRuns: 1500, seed: 42 },
    );
  });

  it('falls back to the spec algorithm for inverted blocks', () => {
    const inv = plainBlock(5, 2);
    expect(keys(merge([b(1, 3), inv], [plainBlock(3, 4), plainBlock(1, 2)]))).toEqual(
      keys(mergeNaive([b(1, 3), inv], [plainBlock(3, 4), plainBlock(1, 2)])),
    );
  });

  it('merges a long schedule quickly', () => {
    const rng = new Mt19937(seedFromText('merge-bench'));
    const MIN = 60 * 1_000_000;
    const master: ScanBlock[] = [];
    let t = 0;
    for (let i = 0; i < 20000; i++) {
      t += Math.floor(rng.random() * 30) * MIN;
      const len = (20 + Math.floor(rng.random() * 40)) * MIN;
      master.push(scanBlock({ name: `m${i % 14}`, t0: t, t1: t + len, az: 200, alt: 50, throw: 30 }));
      t += len;
    }
    const cals: ScanBlock[] = [];
    for (let i = 0; i < 3000; i++) {
      const c0 = Math.floor(rng.random() * t);
      cals.push(scanBlock({ name: 'saturn', t0: c0, t1: c0 + 5 * MIN, az: 260, alt: 20, throw: 1 }));
    }
    const start = process.hrtime.bigint();
    const out = merge(master, cals);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    expect(ms).toBeLessThan(2000);
    expect(out.filter((s) => s.name === 'saturn').length).toBeGreaterThan(2500);
    // Same result as the spec algorithm on a realistic 30-day size (~700 masters, ~100 scans).
    const small = master.slice(0, 700);
    const end = small[small.length - 1].t1;
    const smallCals = cals.filter((c) => c.t1 <= end).slice(0, 100);
    expect(keys(merge(small, smallCals))).toEqual(keys(mergeNaive(small, smallCals)));
  });
});
