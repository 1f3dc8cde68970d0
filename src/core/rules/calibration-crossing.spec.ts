import { azAlt } from '../astro/track';
import { scanBlock } from '../blocks/block';
import { US_PER_S } from '../time/micros';
import { validateConfig } from '../config/validate';
import { CalibrationCrossingParams, holdsCrossing } from './calibration-crossing';

const ANYWHERE = { margin_s: 0 };

describe('holdsCrossing', () => {
  // Saturn sets through 15.8° around 00:46:30 on 2023-01-01 (basic-policy §11.1's first calibration scan).
  const crossing = Date.parse('2023-01-01T00:46:30Z') / 1000;
  const alt = azAlt('saturn', [crossing]).alt[0];
  const scan = (fromS: number, toS: number) =>
    scanBlock({ name: 'saturn', t0: (crossing + fromS) * US_PER_S, t1: (crossing + toS) * US_PER_S, az: 259, alt, throw: 1.04 });

  it('holds when the planet crosses the scan elevation inside [t0, t1]', () => {
    expect(alt).toBeGreaterThan(15);
    expect(alt).toBeLessThan(17);
    expect(holdsCrossing(scan(-150, 150), 'saturn', ANYWHERE)).toBe(true);
    expect(holdsCrossing(scan(-3, 1), 'saturn', ANYWHERE)).toBe(true);
  });
  it('fails when the scan ends before or starts after the crossing (a scan cut short)', () => {
    expect(holdsCrossing(scan(-150, -5), 'saturn', ANYWHERE)).toBe(false);
    expect(holdsCrossing(scan(5, 150), 'saturn', ANYWHERE)).toBe(false);
  });
  it('applies the margin on both sides', () => {
    expect(holdsCrossing(scan(-150, 150), 'saturn', { margin_s: 140 })).toBe(true);
    expect(holdsCrossing(scan(-150, 150), 'saturn', { margin_s: 160 })).toBe(false);
    expect(holdsCrossing(scan(-100, 300), 'saturn', { margin_s: 120 })).toBe(false);
  });
  it('applies the margin to the end as well as to the start', () => {
    // The crossing lies in [t0, t1] but not in [t0 + 120, t1 − 120].
    expect(holdsCrossing(scan(-300, 100), 'saturn', { margin_s: 120 })).toBe(false);
    expect(holdsCrossing(scan(-300, 100), 'saturn', { margin_s: 90 })).toBe(true);
  });
  it('counts a crossing at the very first or last instant, and at a window of one instant', () => {
    const x = 1_672_534_000; // 2023-01-01T00:46:40Z, whole seconds so that t/1e6 is exact
    const at = azAlt('saturn', [x]).alt[0];
    const s = (fromS: number, toS: number) =>
      scanBlock({ name: 'saturn', t0: (x + fromS) * US_PER_S, t1: (x + toS) * US_PER_S, az: 259, alt: at, throw: 1 });
    expect(holdsCrossing(s(-300, 0), 'saturn', ANYWHERE)).toBe(true);
    expect(holdsCrossing(s(-60, 60), 'saturn', { margin_s: 60 })).toBe(true);
    // Margins that pass each other leave no window at all.
    expect(holdsCrossing(s(-60, 60), 'saturn', { margin_s: 61 })).toBe(false);
    // Rising through the elevation at the very start.
    const r = Date.parse('2023-01-01T15:14:30Z') / 1000;
    const rising = scanBlock({ name: 'saturn', t0: r * US_PER_S, t1: (r + 300) * US_PER_S, az: 100, alt: azAlt('saturn', [r]).alt[0], throw: 1 });
    expect(holdsCrossing(rising, 'saturn', ANYWHERE)).toBe(true);
  });
  it('finds the two crossings of a passage over the top that ends below the elevation on both sides', () => {
    // Saturn transits at 82.23° around 2023-01-01T19:27:30Z.
    const top = Date.parse('2023-01-01T19:27:30Z') / 1000;
    const peak = azAlt('saturn', [top]).alt[0];
    const passage = scanBlock({ name: 'saturn', t0: (top - 600) * US_PER_S, t1: (top + 600) * US_PER_S, az: 0, alt: peak - 0.05, throw: 1 });
    const ends = azAlt('saturn', [top - 600, top + 600]).alt;
    expect(Math.max(ends[0], ends[1])).toBeLessThan(peak - 0.05);
    expect(holdsCrossing(passage, 'saturn', ANYWHERE)).toBe(true);
    expect(holdsCrossing({ ...passage, alt: peak + 0.05 }, 'saturn', ANYWHERE)).toBe(false);
  });
  it("fails for another planet's scan at the same pointing", () => {
    expect(holdsCrossing(scan(-150, 150), 'uranus', ANYWHERE)).toBe(false);
  });
});

describe('CalibrationCrossingParams', () => {
  it('accepts a margin from 0 to 3600 seconds', () => {
    expect(validateConfig(CalibrationCrossingParams, { margin_s: 30 }, 'c')).toEqual({ margin_s: 30 });
    expect(() => validateConfig(CalibrationCrossingParams, { margin_s: -1 }, 'c')).toThrow('Invalid config: c.margin_s must be a number between 0 and 3600 (got -1).');
  });
});
