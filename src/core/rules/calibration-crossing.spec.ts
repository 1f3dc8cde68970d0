import { azAlt } from '../astro/track';
import { scanBlock } from '../blocks/block';
import { US_PER_S } from '../time/micros';
import { validateConfig } from '../config/validate';
import { CalibrationCrossingParams, holdsCrossing } from './calibration-crossing';

const ANYWHERE = { margin_s: 0 };

describe('holdsCrossing', () => {
  // Saturn sets through 15.8° around 00:46:30 on 2023-01-01 (spec §11.1's first calibration scan).
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
