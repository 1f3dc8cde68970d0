import { astronomy } from '../astro/engine';
import { CHECKER_SUN_ERROR_DEG, checkerSun, clearCheckerSunTables, exactCheckerSun } from './sun';
import { skyDistanceDeg } from '../../testing/sky';

const DEG = Math.PI / 180;
// Math functions as constants: under Jest's vm context each global lookup is slow.
const { abs, cos, max, round } = Math;

/** The worst differences of the table from the exact Sun at `times` (whole milliseconds, as the exact Sun reads them). */
function worst(times: readonly number[]): { sky: number; alt: number; azCos: number } {
  const w = { sky: 0, alt: 0, azCos: 0 };
  for (const t of times) {
    const a = checkerSun(t);
    const b = exactCheckerSun(t);
    let daz = abs(a.az - b.az);
    if (daz > 180) daz = 360 - daz;
    w.sky = max(w.sky, skyDistanceDeg(a.az, a.alt, b.az, b.alt));
    w.alt = max(w.alt, abs(a.alt - b.alt));
    w.azCos = max(w.azCos, daz * cos(b.alt * DEG));
    expect(a.az).toBeGreaterThanOrEqual(0);
    expect(a.az).toBeLessThan(360);
  }
  return w;
}

describe("the checker's Sun table", () => {
  const from = Date.UTC(2023, 0, 1) / 1000;
  const to = Date.UTC(2031, 0, 1) / 1000;

  it('stays a hundred times inside its stated error bound over 2023-2030, at random instants', () => {
    let seed = 7;
    const times: number[] = [];
    for (let i = 0; i < 4000; i++) {
      seed = (seed * 16807) % 2147483647;
      times.push(round((from + (seed / 2147483647) * (to - from)) * 1000) / 1000);
    }
    const w = worst(times);
    // Measured: below 2e-9° on each (the exact Sun's own jitter).
    expect(w.sky).toBeLessThan(CHECKER_SUN_ERROR_DEG / 100);
    expect(w.alt).toBeLessThan(CHECKER_SUN_ERROR_DEG / 100);
    expect(w.azCos).toBeLessThan(CHECKER_SUN_ERROR_DEG / 100);
  });

  it('holds at the ends of its days, through sunrises and sunsets, and near the zenith', () => {
    const times: number[] = [];
    // Day boundaries (either side), and every 10 s across a March sunrise, sunset and noon (the
    // Sun passes within 1° of the site's zenith in December).
    for (let d = 0; d < 40; d++) {
      const edge = Date.UTC(2027, 0, 1) / 1000 + d * 86_400;
      times.push(edge - 0.001, edge, edge + 0.001);
    }
    for (const start of [Date.UTC(2027, 2, 20, 10, 0), Date.UTC(2027, 2, 20, 21, 40), Date.UTC(2026, 11, 21, 16, 0)]) {
      for (let s = 0; s <= 3600; s += 10) times.push(start / 1000 + s);
    }
    const w = worst(times);
    expect(w.sky).toBeLessThan(CHECKER_SUN_ERROR_DEG / 100);
    expect(w.alt).toBeLessThan(CHECKER_SUN_ERROR_DEG / 100);
  });

  it('gives the same positions when its tables are rebuilt', () => {
    const t = [Date.UTC(2024, 5, 1, 3, 4, 5) / 1000, Date.UTC(2029, 11, 31, 23, 59, 59) / 1000];
    const first = t.map(checkerSun);
    clearCheckerSunTables();
    expect(t.map(checkerSun)).toEqual(first);
  });

  it('refuses a time that is not finite', () => {
    expect(() => exactCheckerSun(Number.NaN)).toThrow(new RangeError('exactCheckerSun: time must be finite seconds, got NaN'));
    expect(() => checkerSun(-Infinity)).toThrow(RangeError);
  });
});

describe("the checker's Sun tables, kept", () => {
  // The module the checker's Sun calls (loaded on first use).
  const engine = astronomy();
  afterEach(() => jest.restoreAllMocks());

  it('builds a day from 18 exact positions once, and again only after the tables are dropped', () => {
    const t = Date.UTC(2028, 6, 4, 12) / 1000;
    const equator = jest.spyOn(engine, 'Equator');
    clearCheckerSunTables();
    const first = checkerSun(t);
    expect(equator).toHaveBeenCalledTimes(18);
    // The same day again, after another day in between: from the kept table.
    checkerSun(t - 86_400);
    equator.mockClear();
    expect(checkerSun(t + 3600)).toEqual(expect.objectContaining({ az: expect.any(Number) }));
    checkerSun(t);
    expect(equator).not.toHaveBeenCalled();
    clearCheckerSunTables();
    expect(checkerSun(t)).toEqual(first);
    expect(equator).toHaveBeenCalledTimes(18);
  });

  it('gives a Sun due north the azimuth 0, not 360', () => {
    // Every node of the day due north: the east component's series is 0 to the bit.
    jest.spyOn(engine, 'Horizon').mockReturnValue({ azimuth: 0, altitude: 30, ra: 0, dec: 0 });
    clearCheckerSunTables();
    try {
      const sun = checkerSun(Date.UTC(2028, 6, 4, 12) / 1000);
      expect(sun.az).toBe(0);
      expect(sun.alt).toBeGreaterThan(30);
    } finally {
      // The made-up day must not stay in the kept tables.
      clearCheckerSunTables();
    }
  });

  it('names the function in its refusal of a time that is not finite', () => {
    expect(() => checkerSun(-Infinity)).toThrow(new RangeError('checkerSun: time must be finite seconds, got -Infinity'));
  });
});
