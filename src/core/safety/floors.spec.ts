import { DEFAULT_SAFETY_FLOORS, floorsProblem, NO_SAFETY_FLOORS } from './floors';

const NAMES = { sun: 'SUN_FLOOR', el: 'EL_FLOOR', az: 'AZ_FLOOR' };
const problem = (sunDistanceDeg: unknown, mountElLimits: unknown): string | undefined =>
  floorsProblem({ sunDistanceDeg, mountElLimits, mountAzLimits: [-90, 480] }, NAMES);

describe('DEFAULT_SAFETY_FLOORS / NO_SAFETY_FLOORS', () => {
  it('are 10° from the Sun within 20°..90°, and no limits at all; frozen', () => {
    expect(DEFAULT_SAFETY_FLOORS).toEqual({ sunDistanceDeg: 10, mountElLimits: [20, 90], mountAzLimits: [-90, 480] });
    expect(NO_SAFETY_FLOORS).toEqual({ sunDistanceDeg: 0, mountElLimits: [-90, 90], mountAzLimits: [-720, 720] });
    for (const f of [DEFAULT_SAFETY_FLOORS, NO_SAFETY_FLOORS]) {
      expect(Object.isFrozen(f)).toBe(true);
      expect(Object.isFrozen(f.mountElLimits)).toBe(true);
      expect(floorsProblem(f, NAMES)).toBeUndefined();
    }
  });
});

describe('floorsProblem', () => {
  it.each<[unknown, unknown]>([
    [0, [-90, 90]],
    [90, [20, 90]],
    [12.5, [30, 30]],
    [10, [-90, -90]],
  ])('accepts the Sun floor %p with elevations %j (bounds included)', (sun, el) => {
    expect(problem(sun, el)).toBeUndefined();
  });

  it.each<[unknown, string]>([
    [-0.001, '-0.001'],
    [90.001, '90.001'],
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
    ['10', '10'],
    [undefined, 'undefined'],
  ])('refuses the Sun floor %p, naming the option', (sun, shown) => {
    expect(problem(sun, [20, 90])).toBe(`SUN_FLOOR must be a number of degrees from 0 to 90 (got ${shown})`);
  });

  it.each<[unknown]>([
    [[20]],
    [[20, 90, 95]],
    [[20, 90, 50]],
    [[90, 20]],
    [[-90.5, 90]],
    [[20, 90.5]],
    [[20, Number.NaN]],
    [[Number.NEGATIVE_INFINITY, 90]],
    [[20, '90']],
    ['20'],
    [{ 0: 20, 1: 90, length: 2 }],
    [null],
  ])('refuses the elevation floor %j, naming the option and quoting the value', (el) => {
    expect(problem(10, el)).toBe(`EL_FLOOR must be two elevations "low,high" with -90 <= low <= high <= 90 (got ${JSON.stringify(el)})`);
  });
});
