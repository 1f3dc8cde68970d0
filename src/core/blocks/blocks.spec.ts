import fc from 'fast-check';
import { ScheduleInputError } from '../errors';
import { overlaps } from './ops';
import { utcMicros } from '../time/format';
import {
  blockEquals,
  blockKey,
  durationSeconds,
  isBlock,
  observingWindow,
  plainBlock,
  scanBlock,
  sourceBlock,
  withTimes,
} from './block';
import {
  filterTree,
  flatten,
  hasOverlap,
  isNested,
  isSorted,
  mapTree,
  mapWhen,
  replaceBlock,
  sameStructure,
  sortBlocks,
  trimTree,
} from './tree';
import type { Block, BlockTree } from './types';

/** 2023-01-`day` `hour`:`minute` UTC. */
const jan = (day: number, hour = 0, minute = 0): number => utcMicros(2023, 1, day, hour, minute);
const b = (d0: number, d1: number): Block => plainBlock(jan(d0), jan(d1));
const H = (h: number, m = 0): number => utcMicros(2023, 5, 9, h, m);

/** Durations in seconds, same shape as the tree (for §10.4 map expectations). */
type Shape = number | null | Shape[];
function durations(t: BlockTree): Shape {
  if (t === null) return null;
  if (Array.isArray(t)) return (t as readonly BlockTree[]).map(durations);
  return durationSeconds(t as Block);
}

describe('block constructors and values', () => {
  it('builds frozen blocks of each kind', () => {
    const s = scanBlock({ name: 'p', t0: 1, t1: 2, az: 10, alt: 50, throw: 32.24000000000001 });
    expect(s).toEqual({ kind: 'scan', name: 'p', t0: 1, t1: 2, az: 10, alt: 50, throw: 32.24000000000001 });
    expect(Object.isFrozen(s)).toBe(true);
    expect(sourceBlock({ name: 'saturn', t0: 1, t1: 2, mode: 'rising' }).mode).toBe('rising');
    expect(plainBlock(3, 4)).toEqual({ kind: 'block', t0: 3, t1: 4 });
  });

  it('rejects an unknown source mode with a ScheduleInputError', () => {
    expect(() => sourceBlock({ name: 'x', t0: 0, t1: 1, mode: 'up' })).toThrow(ScheduleInputError);
    expect(() => sourceBlock({ name: 'x', t0: 0, t1: 1, mode: 'up' })).toThrow(/rising, setting, both/);
  });

  it('rejects non-integer times', () => {
    expect(() => plainBlock(0.5, 1)).toThrow(RangeError);
  });

  it('withTimes keeps every other field', () => {
    const w = observingWindow({
      name: 'uranus', t0: 0, t1: 10, mode: 'setting',
      tStart: [0, 30], obsLength: [300, 290], azBore: [10, 11], altBore: [40, 41], azThrow: [1, 1.1],
    });
    const c = withTimes(w, 5, 6);
    expect(c).toEqual({ ...w, t0: 5, t1: 6 });
    expect(Object.isFrozen(c)).toBe(true);
    expect(w.t0).toBe(0);
  });

  it('durationSeconds is in seconds', () => {
    expect(durationSeconds(b(1, 2))).toBe(86400);
    expect(durationSeconds(plainBlock(0, 1))).toBe(1e-6);
  });

  it('equality and keys are by value and kind', () => {
    const a = scanBlock({ name: 'p', t0: 1, t1: 2, az: 0, alt: 50, throw: 3 });
    const a2 = scanBlock({ name: 'p', t0: 1, t1: 2, az: -0, alt: 50, throw: 3 });
    const c = scanBlock({ name: 'q', t0: 1, t1: 2, az: 0, alt: 50, throw: 3 });
    expect(blockEquals(a, a2)).toBe(true);
    expect(blockKey(a)).toBe(blockKey(a2));
    expect(blockEquals(a, c)).toBe(false);
    expect(blockKey(a)).not.toBe(blockKey(c));
    expect(blockEquals(plainBlock(1, 2), a)).toBe(false);
    expect(blockKey(plainBlock(1, 2))).not.toBe(blockKey(a));
    const src = sourceBlock({ name: 'p', t0: 1, t1: 2, mode: 'both' });
    expect(blockEquals(src, sourceBlock({ name: 'p', t0: 1, t1: 2, mode: 'rising' }))).toBe(false);
  });

  it('a window is equal, and keyed the same, whichever array type holds its columns', () => {
    const cols = { tStart: [0, 30], obsLength: [300, 290], azBore: [10, 11], altBore: [40, 41], azThrow: [1, 1.1] };
    const plain = observingWindow({ name: 'uranus', t0: 0, t1: 10, mode: 'setting', ...cols });
    // make-source-plan's windows hold Float64Array columns.
    const typed = Object.freeze({
      ...plain,
      tStart: Float64Array.from(cols.tStart),
      obsLength: Float64Array.from(cols.obsLength),
      azBore: Float64Array.from(cols.azBore),
      altBore: Float64Array.from(cols.altBore),
      azThrow: Float64Array.from(cols.azThrow),
    });
    expect(blockEquals(plain, typed)).toBe(true);
    expect(blockKey(typed)).toBe(blockKey(plain));
    const other = { ...typed, azThrow: Float64Array.from([1, 1.2]) };
    expect(blockEquals(plain, other)).toBe(false);
    expect(blockKey(other)).not.toBe(blockKey(plain));
    // observingWindow copies whatever it is given into frozen plain arrays.
    const copied = observingWindow(typed);
    expect(Array.isArray(copied.tStart) && Object.isFrozen(copied.tStart)).toBe(true);
    expect(blockEquals(copied, typed)).toBe(true);
  });

  it('isBlock respects kinds (the original isa respects subclassing)', () => {
    expect(isBlock(plainBlock(0, 1))).toBe(true);
    expect(isBlock(sourceBlock({ name: 's', t0: 0, t1: 1, mode: 'both' }))).toBe(true);
    expect(isBlock({ kind: 'other', t0: 0, t1: 1 })).toBe(false);
    expect(isBlock({ a: plainBlock(0, 1) })).toBe(false);
    expect(isBlock([plainBlock(0, 1)])).toBe(false);
    expect(isBlock(null)).toBe(false);
  });
});

describe('trees (basic-policy §10.4)', () => {
  it('trim a block', () => {
    const blk = plainBlock(H(10), H(12));
    expect(trimTree(blk, H(10, 30), H(11, 30))).toEqual(plainBlock(H(10, 30), H(11, 30)));
    expect(trimTree(blk, H(9), H(9, 30))).toBeNull();
    expect(trimTree(blk, H(11, 30), H(13))).toEqual(plainBlock(H(11, 30), H(12)));
    expect(trimTree(blk, H(9), H(13))).toEqual(blk);
    expect(trimTree(blk)).toEqual(blk);
  });

  it('drops blocks that only touch the trim boundary', () => {
    expect(trimTree(b(1, 2), jan(2), jan(3))).toBeNull();
    expect(trimTree(b(2, 3), jan(1), jan(2))).toBeNull();
  });

  it('is_nested', () => {
    expect(isNested([b(1, 2), b(2, 3)])).toBe(false);
    expect(isNested([b(1, 2), null])).toBe(false);
    expect(isNested([b(1, 2), [b(2, 3)]])).toBe(true);
    expect(isNested({ a: b(1, 2) })).toBe(true);
  });

  it('flatten drops null and [] and keeps the order', () => {
    const b1 = b(5, 6);
    const b2 = b(1, 2);
    const b3 = b(3, 4);
    expect(flatten([b1, null, [b2, [], null, [b3]], []])).toEqual([b1, b2, b3]);
  });

  it('sort needs flatten for nested input and is stable by t0', () => {
    const b1 = b(5, 6);
    const b2 = b(1, 2);
    const b3 = b(3, 4);
    expect(() => sortBlocks([b1, null, [b2, null, b3]])).toThrow(/nested/);
    expect(sortBlocks([b1, null, [b2, null, b3]], { flatten: true })).toEqual([b2, b3, b1]);
    const x = scanBlock({ name: 'x', t0: 5, t1: 9, az: 0, alt: 0, throw: 0 });
    const y = scanBlock({ name: 'y', t0: 5, t1: 6, az: 0, alt: 0, throw: 0 });
    const z = scanBlock({ name: 'z', t0: 1, t1: 6, az: 0, alt: 0, throw: 0 });
    expect(sortBlocks([x, y, z]).map((s) => s.name)).toEqual(['z', 'x', 'y']);
  });

  it('has_overlap and is_sorted', () => {
    expect(hasOverlap([plainBlock(H(10), H(11)), plainBlock(H(11), H(12))])).toBe(false);
    expect(hasOverlap([plainBlock(H(10), H(11)), plainBlock(H(10, 30), H(11, 30))])).toBe(true);
    expect(hasOverlap([plainBlock(H(10), H(11)), plainBlock(H(10), H(10))])).toBe(false);
    expect(hasOverlap([plainBlock(H(10), H(11)), plainBlock(H(10), H(12))])).toBe(true);
    expect(hasOverlap([plainBlock(H(10), H(15)), plainBlock(H(11), H(12)), plainBlock(H(13), H(14))])).toBe(true);
    expect(isSorted([b(1, 5), b(2, 3), b(2, 2)])).toBe(true);
    expect(isSorted([b(2, 3), b(1, 5)])).toBe(false);
  });

  it('has_overlap agrees with the pairwise test on random sets', () => {
    const arb = fc.array(
      fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 3 })).map(([t0, n]) => plainBlock(t0, t0 + n)),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, (bs) => {
        const pairwise = bs.some((x, i) => bs.some((y, j) => i < j && overlaps(x, y)));
        expect(hasOverlap(bs)).toBe(pairwise);
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('filter keeps the structure and puts null where the predicate fails', () => {
    const tree: BlockTree = [b(1, 2), null, [b(3, 4), null, b(5, 6)], b(6, 7)];
    const out = filterTree(tree, (x) => x.t0 < jan(4));
    expect(out).toEqual([b(1, 2), null, [b(3, 4), null, null], null]);
    const zero = plainBlock(jan(1), jan(1));
    expect(filterTree([zero], (x) => x.t0 < jan(4))).toEqual([zero]);
  });

  it('map keeps nesting, null and []', () => {
    const tree: BlockTree = [b(1, 2), [b(2, 3), [null]], b(3, 4), null];
    const doubled = mapTree(tree, (x) => withTimes(x, x.t0, x.t0 + 2 * (x.t1 - x.t0)));
    expect(durations(doubled)).toEqual([172800, [172800, [null]], 172800, null]);
    expect(durations(tree)).toEqual([86400, [86400, [null]], 86400, null]);
    expect(mapTree([[], b(1, 2)], (x) => x)).toEqual([[], b(1, 2)]);
    expect(mapTree([b(1, 3)], (x) => [x, null])).toEqual([[b(1, 3), null]]);
  });

  it('map_when applies only where the predicate holds', () => {
    const tree: BlockTree = [b(1, 2), [b(3, 5)]];
    const out = mapWhen(tree, (x) => durationSeconds(x) > 86400, () => null);
    expect(out).toEqual([b(1, 2), [null]]);
  });

  it('visits and rebuilds records in sorted key order (F2)', () => {
    const tree: BlockTree = { uranus: b(1, 2), saturn: b(3, 4), '10': b(5, 6), '9': b(7, 8) };
    expect(flatten(tree)).toEqual([b(5, 6), b(7, 8), b(3, 4), b(1, 2)]);
    const order: string[] = [];
    mapTree({ b: b(1, 2), a: b(3, 4) }, (x) => (order.push(String(x.t0)), x));
    expect(order).toEqual([String(jan(3)), String(jan(1))]);
    expect(Object.keys(mapTree({ z: null, a: null }, (x) => x) as object)).toEqual(['a', 'z']);
  });

  it('trim over nested trees', () => {
    expect(trimTree([b(1, 2), b(3, 4), b(5, 6)], jan(2), jan(5))).toEqual([null, b(3, 4), null]);
    const tree: BlockTree = [b(1, 2), [b(3, 4), b(6, 7)], [b(7, 8)], b(5, 6)];
    expect(trimTree(tree, jan(1, 12), jan(5, 12))).toEqual([
      plainBlock(jan(1, 12), jan(2)),
      [b(3, 4), null],
      [null],
      plainBlock(jan(5), jan(5, 12)),
    ]);
    expect(trimTree(tree, jan(10), jan(15))).toEqual([null, [null, null], [null], null]);
  });

  it('same_structure', () => {
    const tree: BlockTree = [b(1, 2), null, [b(3, 4), null, b(5, 6)], { a: b(6, 7) }];
    const filtered = filterTree(tree, (x) => x.t0 < jan(4));
    expect(sameStructure(tree, filtered)).toBe(true);
    expect(sameStructure(tree, flatten(tree))).toBe(false);
    expect(sameStructure({ a: null }, { b: null })).toBe(false);
  });

  it('replace_block replaces by equality', () => {
    const tree: BlockTree = [b(1, 2), [b(3, 4)], b(1, 2)];
    expect(replaceBlock(tree, plainBlock(jan(1), jan(2)), b(8, 9))).toEqual([b(8, 9), [b(3, 4)], b(8, 9)]);
  });
});
