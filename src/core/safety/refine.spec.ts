import { CHECK_RESOLUTION_S, FIRST_GRID_S, refineOverTime } from './refine';

/** The instants `refineOverTime` samples over `[from, to]` when `settled` answers as given. */
function sampled(from: number, to: number, settled: (a: { t: number }, b: { t: number }) => boolean): number[] {
  const times: number[] = [];
  refineOverTime(from, to, {
    sample: (t) => {
      times.push(t);
      return { t };
    },
    settled,
  });
  return times;
}

describe('refineOverTime', () => {
  it('samples both ends exactly, the last one as given rather than computed from the grid', () => {
    // Three grid steps; 78.5 + (1793.1 − 78.5)·3/3 is 1793.0999999999997, not 1793.1.
    const times = sampled(78.5, 1793.1, () => true);
    expect(times).toHaveLength(4);
    expect(times[0]).toBe(78.5);
    expect(times[3]).toBe(1793.1);
    expect(times[1]).toBeCloseTo(78.5 + (1793.1 - 78.5) / 3, 9);
    expect(Math.max(times[1] - times[0], times[2] - times[1], times[3] - times[2])).toBeLessThanOrEqual(FIRST_GRID_S);
  });

  it('splits an unsettled interval depth first from the last one, down to the resolution and no finer', () => {
    expect(CHECK_RESOLUTION_S).toBe(1);
    expect(sampled(0, 4, () => false)).toEqual([0, 4, 2, 3, 1]);
    // An interval of exactly the resolution is judged by its two ends.
    expect(sampled(0, 1, () => false)).toEqual([0, 1]);
  });

  it('does not split an interval that its bound settles', () => {
    expect(sampled(0, 4, (a) => a.t >= 2)).toEqual([0, 4, 2, 1]);
  });
});
