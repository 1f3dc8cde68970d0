import * as Astronomy from 'astronomy-engine';
import { DEFAULT_PLANNER_CONFIG } from './config';
import {
  boxOfDate,
  crossingAt,
  crossingTable,
  distanceToArc,
  hourAngleAtElevation,
  hourAngleToHorizontal,
  localSiderealDeg,
  passLst,
  siteObserver,
} from './geometry';
import { wrap180, wrap360 } from '../numeric/unwrap';
import { independentCrossing } from './plan-checks';

const D2R = Math.PI / 180;
const at = (iso: string): number => Date.parse(iso) / 1000;

describe('hourAngleToHorizontal', () => {
  it('agrees with astronomy-engine Horizon (no refraction) to 0.001 degree', () => {
    const unixS = at('2026-03-10T04:00:00Z');
    const date = new Date(unixS * 1000);
    const lst = localSiderealDeg(unixS);
    for (let ra = 0; ra < 360; ra += 37) {
      for (let dec = -80; dec <= 80; dec += 20) {
        const mine = hourAngleToHorizontal(lst - ra, dec);
        const ref = Astronomy.Horizon(date, siteObserver(), ra / 15, dec);
        expect(mine.el).toBeCloseTo(ref.altitude, 3);
        if (Math.abs(mine.el) < 89) expect(Math.abs(wrap180(mine.az - ref.azimuth))).toBeLessThan(1e-3);
      }
    }
  });
});

describe('hourAngleAtElevation', () => {
  it('puts the declination at that elevation, east and west alike', () => {
    for (const dec of [-60, -45, -30, 0, 10]) {
      const h = hourAngleAtElevation(50, dec);
      expect(h).toBeGreaterThan(0);
      expect(hourAngleToHorizontal(h, dec).el).toBeCloseTo(50, 9);
      expect(hourAngleToHorizontal(-h, dec).el).toBeCloseTo(50, 9);
      expect(hourAngleToHorizontal(-h, dec).az).toBeLessThan(180);
      expect(hourAngleToHorizontal(h, dec).az).toBeGreaterThan(180);
    }
  });

  it('is NaN where the declination never reaches the elevation', () => {
    // Dec +60 culminates at 90 - 82.958 = 7 degrees here.
    expect(hourAngleAtElevation(50, 60)).toBeNaN();
    // Near the south pole a declination stays at about the latitude's elevation all day.
    expect(hourAngleAtElevation(50, -89)).toBeNaN();
  });
});

describe('boxOfDate', () => {
  it('moves a J2000 box by the precession since 2000 and keeps its shape', () => {
    const b = boxOfDate(0, 11.613, -50, -30, at('2026-06-01T00:00:00Z'));
    // About 26 years of precession: roughly 0.36 degree in RA, 0.14 in Dec at RA 0.
    expect(b.ra0).toBeGreaterThan(0.2);
    expect(b.ra0).toBeLessThan(0.5);
    expect(b.width).toBeCloseTo(11.613, 1);
    expect(b.dec0 + 50).toBeGreaterThan(0.05);
    expect(b.dec1 - b.dec0).toBeCloseTo(20, 1);
  });

  it('handles a box that wraps through RA 0', () => {
    const b = boxOfDate(350, 10, -50, -30, at('2000-01-01T12:00:00Z'));
    expect(b.width).toBeCloseTo(20, 2);
    // At J2000 only nutation (a few thousandths of a degree) moves it.
    expect(Math.abs(wrap180(b.ra0 - 350))).toBeLessThan(0.02);
  });
});

describe('crossingAt and passLst', () => {
  const patch = DEFAULT_PLANNER_CONFIG.patches[5]; // RA 0 .. 11.613
  const day = at('2026-01-10T00:00:00Z');
  const box = boxOfDate(patch.ra_min, patch.ra_max, patch.dec_min, patch.dec_max, day);

  it('agrees with the independent outline check through a whole pass', () => {
    for (const side of ['R', 'S'] as const) {
      const table = crossingTable(box, 50, side);
      const pass = passLst(table);
      expect(pass).not.toBeNull();
      let compared = 0;
      // Walk the sidereal day in 10-minute steps; compare wherever either sees the patch.
      for (let t = day; t < day + 86400; t += 600) {
        const mine = crossingAt(table, localSiderealDeg(t));
        const other = independentCrossing(patch, 50, side, new Date(t * 1000));
        const inPass = wrap360(localSiderealDeg(t) - pass!.start) <= pass!.length;
        if (mine) expect(inPass).toBe(true);
        if (mine && other) {
          expect(Math.abs(mine.min - other.min)).toBeLessThan(0.15);
          expect(Math.abs(mine.max - other.max)).toBeLessThan(0.15);
          compared++;
        } else if (mine || other) {
          // They may disagree only where the patch barely grazes the circle.
          const c = (mine ?? other)!;
          expect(c.max - c.min).toBeLessThan(3);
        }
      }
      expect(compared).toBeGreaterThan(4);
    }
  });

  it('lies on the east for rising and on the west for setting', () => {
    const rise = crossingTable(box, 60, 'R');
    const set = crossingTable(box, 60, 'S');
    const pr = passLst(rise)!;
    const ps = passLst(set)!;
    const mid = (p: { start: number; length: number }): number => p.start + p.length / 2;
    const cr = crossingAt(rise, mid(pr))!;
    const cs = crossingAt(set, mid(ps))!;
    expect(cr.max).toBeLessThan(180);
    expect(cs.min).toBeGreaterThan(180);
    // A strip 20 degrees tall spans about 40 degrees of azimuth at elevation 60 here.
    expect(cr.max - cr.min).toBeGreaterThan(20);
    // Outside the pass the patch does not meet the circle on that side.
    expect(crossingAt(rise, pr.start - 5)).toBeNull();
    expect(crossingAt(rise, pr.start + pr.length + 5)).toBeNull();
  });
});

describe('distanceToArc', () => {
  it('matches a brute-force minimum over points of the arc', () => {
    const arcs = [
      { min: 109.7, max: 141.9, el: 50 },
      { min: 201.5, max: 249.6, el: 60 },
      { min: 2, max: 30, el: 40 },
    ];
    const bodies = [
      { az: 120, el: 10 },
      { az: 300, el: -20 },
      { az: 355, el: 45 },
      { az: 230, el: 80 },
      { az: 150, el: 50 },
    ];
    for (const a of arcs) {
      for (const b of bodies) {
        let best = Infinity;
        for (let az = a.min; az <= a.max + 1e-9; az += 0.01) {
          const c = Math.sin(a.el * D2R) * Math.sin(b.el * D2R) + Math.cos(a.el * D2R) * Math.cos(b.el * D2R) * Math.cos((az - b.az) * D2R);
          best = Math.min(best, Math.acos(Math.min(1, c)) / D2R);
        }
        expect(distanceToArc(b.az, b.el, a, a.el)).toBeCloseTo(best, 3);
      }
    }
  });
});
