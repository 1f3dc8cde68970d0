import { clipRanges, mask2ranges, mergeRanges, rangesComplement, rangesPad } from './ranges';

const F = false;
const T = true;

describe('mask2ranges (basic-policy §10.1)', () => {
  it.each([
    [[], []],
    [[F, F, T, F, F], [[2, 3]]],
    [[T, T, F, T, T], [[0, 2], [3, 5]]],
    [[T, F, F, T, T, F, T, F], [[0, 1], [3, 5], [6, 7]]],
    [[T, T, T, T], [[0, 4]]],
    [[F, F, F], []],
  ] as [boolean[], [number, number][]][])('%j → %j', (mask, ranges) => {
    const got = mask2ranges(mask);
    expect(got).toEqual(ranges);
    for (const [a, b] of got) for (let i = a; i < b; i++) expect(mask[i]).toBe(true);
  });

  it('reads a 0/1 mask the same, only its first n entries (a reused scratch mask)', () => {
    const masks: boolean[][] = [[], [F, F, T, F, F], [T, T, F, T, T], [T, F, F, T, T, F, T, F], [T, T, T, T], [F, F, F]];
    for (const mask of masks) {
      // Stale entries after the first n must not count, whatever they hold.
      const scratch = Uint8Array.from([...mask.map((v) => (v ? 1 : 0)), 1, 1, 0, 1]);
      expect(mask2ranges(scratch, mask.length)).toEqual(mask2ranges(mask));
    }
    expect(mask2ranges(Uint8Array.from([0, 1, 1, 1]), 3)).toEqual([[1, 3]]);
  });
});

describe('rangesPad (basic-policy §10.1)', () => {
  const mask = [F, F, T, T, F, F, F, T, T, T, F, F];
  const ranges = mask2ranges(mask);
  it('finds the two runs', () => expect(ranges).toEqual([[2, 4], [7, 10]]));
  it('pad 1', () => expect(rangesPad(ranges, 1, mask.length)).toEqual([[1, 5], [6, 11]]));
  it('pad 3 merges and clips', () => expect(rangesPad(ranges, 3, mask.length)).toEqual([[0, 12]]));
  it('pad 0 is the identity', () => expect(rangesPad(ranges, 0, mask.length)).toEqual(ranges));
});

describe('range helpers', () => {
  it('merges touching ranges', () => {
    expect(mergeRanges([[0, 2], [2, 3], [5, 6]])).toEqual([[0, 3], [5, 6]]);
  });
  it('clips and drops empty ranges', () => {
    expect(clipRanges([[-3, 1], [4, 9], [10, 12]], 8)).toEqual([[0, 1], [4, 8]]);
  });
  it('complements inside [0, n)', () => {
    expect(rangesComplement([[0, 2], [5, 6]], 8)).toEqual([[2, 5], [6, 8]]);
    expect(rangesComplement([], 3)).toEqual([[0, 3]]);
    expect(rangesComplement([[0, 3]], 3)).toEqual([]);
    expect(rangesComplement([], 0)).toEqual([]);
  });
});
