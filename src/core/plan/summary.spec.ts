import { idlePlanBlock, type PlanBlock } from './plan-block';
import { summarizePlan } from './summary';

const S = 1_000_000;
const T0 = Date.parse('2026-12-01T00:00:00Z') * 1000;
const scan = (kind: string, a: number, b: number, name = kind): PlanBlock => ({
  name,
  kind,
  t0: T0 + a * S,
  t1: T0 + b * S,
  az: 100,
  alt: 50,
  throw: 30,
});

describe('summarizePlan', () => {
  it('adds seconds and fractions per kind, in the standard kind order, and the idle rest', () => {
    const blocks = [scan('filler', 0, 100), scan('cmb', 100, 400), scan('calibration', 400, 450), scan('cmb', 500, 800)];
    const s = summarizePlan(blocks, T0, T0 + 1000 * S);
    expect(s).toEqual({
      windowSeconds: 1000,
      scannedSeconds: 750,
      idleSeconds: 250,
      idleFraction: 0.25,
      scanCount: 4,
      kinds: [
        { kind: 'cmb', blocks: 2, seconds: 600, fraction: 0.6 },
        { kind: 'calibration', blocks: 1, seconds: 50, fraction: 0.05 },
        { kind: 'filler', blocks: 1, seconds: 100, fraction: 0.1 },
      ],
    });
  });

  it('counts idle blocks as idle, not as scans (dummy)', () => {
    const blocks = [idlePlanBlock('sleep', T0, T0 + 30 * S), idlePlanBlock('sleep', T0 + 30 * S, T0 + 90 * S)];
    const s = summarizePlan(blocks, T0, T0 + 90 * S);
    expect(s.scanCount).toBe(0);
    expect(s.scannedSeconds).toBe(0);
    expect(s.idleSeconds).toBe(90);
    expect(s.idleFraction).toBe(1);
    expect(s.kinds).toEqual([{ kind: 'idle', blocks: 2, seconds: 90, fraction: 1 }]);
  });

  it('counts only the part inside the window, and overlapping scans once', () => {
    const blocks = [scan('cmb', -50, 50), scan('cmb', 40, 60), scan('zeta', 90, 150), scan('alpha', 95, 96)];
    const s = summarizePlan(blocks, T0, T0 + 100 * S);
    expect(s.scannedSeconds).toBe(70); // [0, 60] and [90, 100]
    expect(s.idleSeconds).toBe(30);
    expect(s.kinds.map((k) => [k.kind, k.seconds])).toEqual([
      ['cmb', 70],
      ['alpha', 1],
      ['zeta', 10],
    ]);
  });

  it('an empty window gives zeros, never NaN', () => {
    const s = summarizePlan([], T0, T0);
    expect(s).toEqual({ windowSeconds: 0, scannedSeconds: 0, idleSeconds: 0, idleFraction: 0, scanCount: 0, kinds: [] });
  });
});
