import { isScanBlock, parkPlanBlock, pointsTelescope, type PlanBlock } from './plan-block';
import { summarizePlan } from './summary';

const S = 1_000_000;
const T0 = Date.parse('2027-01-01T00:00:00Z') * 1000;
const cmb = (a: number, b: number): PlanBlock => ({ name: 'p', kind: 'cmb', t0: T0 + a * S, t1: T0 + b * S, az: 100, alt: 50, throw: 30 });

describe('park plan blocks', () => {
  const park = parkPlanBlock('park', T0 + 100 * S, T0 + 400 * S, 0, 20);

  it('point the telescope but do not scan', () => {
    expect(park).toEqual({ name: 'park', kind: 'park', t0: T0 + 100 * S, t1: T0 + 400 * S, az: 0, alt: 20, throw: 0 });
    expect(pointsTelescope(park)).toBe(true);
    expect(isScanBlock(park)).toBe(false);
  });

  it('count as not scanning in the summary, listed as their own kind', () => {
    const s = summarizePlan([cmb(0, 100), park, cmb(500, 800)], T0, T0 + 1000 * S);
    expect(s.scannedSeconds).toBe(400);
    expect(s.idleSeconds).toBe(600);
    expect(s.scanCount).toBe(2);
    expect(s.kinds).toEqual([
      { kind: 'cmb', blocks: 2, seconds: 400, fraction: 0.4 },
      { kind: 'park', blocks: 1, seconds: 300, fraction: 0.3 },
    ]);
  });
});
