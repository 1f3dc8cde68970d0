import { unwrapDegrees, wrap180, wrap360 } from './unwrap';

describe('unwrapDegrees', () => {
  it('matches numpy.unwrap(period=360)', () => {
    // Expected values from numpy 2 `unwrap([...], period=360)`.
    const got = Array.from(unwrapDegrees([350, 355, 2, 10, 359, 181, 0, -180, 179]));
    expect(got).toEqual([350, 355, 362, 370, 359, 181, 360, 180, 179]);
  });
  it('keeps a continuous series unchanged and handles empty input', () => {
    expect(Array.from(unwrapDegrees([10, 20, 30]))).toEqual([10, 20, 30]);
    expect(unwrapDegrees([]).length).toBe(0);
  });
  it('unwraps a decreasing series through 0', () => {
    expect(Array.from(unwrapDegrees([5, 1, 357, 353]))).toEqual([5, 1, -3, -7]);
  });
});

describe('wrap helpers', () => {
  it('wrap360 maps into [0, 360)', () => {
    expect(wrap360(395.73)).toBeCloseTo(35.73, 10);
    expect(wrap360(-3)).toBe(357);
    expect(wrap360(360)).toBe(0);
    expect(wrap360(-1e-14)).toBeLessThan(360);
  });
  it('wrap180 uses floor-mod into [-180, 180)', () => {
    expect(wrap180(180)).toBe(-180);
    expect(wrap180(-190)).toBe(170);
    expect(wrap180(359)).toBe(-1);
    expect(wrap180(10)).toBe(10);
  });
});
