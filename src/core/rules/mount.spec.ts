import { validateConfig } from '../config/validate';
import { MountParams, mountProblem } from './mount';

/** The SAT platform (the default `mount` of `basic`). */
const SAT = { el_limits: [20, 90], az_limits: [-90, 480] } as const;

describe('mountProblem', () => {
  it('accepts pointings and sweeps inside the SAT limits', () => {
    expect(mountProblem({ az: 0, alt: 20, throw: 40 }, SAT)).toBeUndefined();
    expect(mountProblem({ az: 359.9, alt: 90, throw: 120 }, SAT)).toBeUndefined();
  });
  it.each<[{ az: number; alt: number; throw: number }, RegExp]>([
    [{ az: 259.83, alt: 15.82, throw: 1.04 }, /elevation 15\.82° is outside the mount's el_limits \[20, 90\]/],
    [{ az: 10, alt: 90.5, throw: 1 }, /el_limits/],
    [{ az: 10, alt: Number.NaN, throw: 1 }, /el_limits/],
    [{ az: 400, alt: 50, throw: 90 }, /swept azimuth \[400\.00, 490\.00\]° is outside the mount's az_limits \[-90, 480\]/],
  ])('refuses %j', (scan, message) => {
    expect(mountProblem(scan, SAT)).toMatch(message);
  });
  it('accepts a sweep exactly from the low to the high azimuth limit, and a throw of 0', () => {
    expect(mountProblem({ az: -90, alt: 50, throw: 570 }, SAT)).toBeUndefined();
    expect(mountProblem({ az: 480, alt: 50, throw: 0 }, SAT)).toBeUndefined();
  });
  it.each<[{ az: number; alt: number; throw: number }, string]>([
    [{ az: -90.01, alt: 50, throw: 10 }, '[-90.01, -80.01]'],
    [{ az: 470, alt: 50, throw: 10.01 }, '[470.00, 480.01]'],
    [{ az: 10, alt: 50, throw: -1 }, '[10.00, 9.00]'],
  ])('refuses a sweep just past a limit or backwards: %j', (scan, swept) => {
    expect(mountProblem(scan, SAT)).toBe(`swept azimuth ${swept}° is outside the mount's az_limits [-90, 480]`);
  });
  it('follows configured limits', () => {
    const p = { el_limits: [30, 80] as const, az_limits: [0, 360] as const };
    expect(mountProblem({ az: 350, alt: 40, throw: 20 }, p)).toMatch(/az_limits \[0, 360\]/);
    expect(mountProblem({ az: 300, alt: 25, throw: 20 }, p)).toMatch(/el_limits \[30, 80\]/);
    expect(mountProblem({ az: 300, alt: 45, throw: 20 }, p)).toBeUndefined();
  });
});

describe('MountParams', () => {
  it('takes [low, high] pairs and names a bad one', () => {
    expect(validateConfig(MountParams, SAT, 'config.mount')).toEqual(SAT);
    expect(() => validateConfig(MountParams, { ...SAT, el_limits: [90, 20] }, 'config.mount')).toThrow(
      'Invalid config: config.mount.el_limits must be [low, high] with low ≤ high (got [90,20]).',
    );
    expect(() => validateConfig(MountParams, { ...SAT, az_limits: [-90] }, 'config.mount')).toThrow(/config\.mount\.az_limits must be an array of 2 items/);
    expect(() => validateConfig(MountParams, { el_limits: [20, 90] }, 'config.mount')).toThrow('Invalid config: config.mount.az_limits is required.');
  });
});
