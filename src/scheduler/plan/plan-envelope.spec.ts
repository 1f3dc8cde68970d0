import { idlePlanBlock, type PlanBlock } from '../../core/plan/plan-block';
import type { SafetyReport } from '../../core/safety/report';
import { sunCheckOf, toPlanEnvelope } from './plan-envelope';

const S = 1_000_000;
const T0 = Date.parse('2026-12-01T00:00:00Z') * 1000;
const scan = (name: string, a: number, b: number): PlanBlock => ({ name, kind: 'cmb', t0: T0 + a * S, t1: T0 + b * S, az: 100, alt: 50, throw: 30 });
const criteria = { sunDistanceDeg: 10, sunBox: null, paddingS: 30, mountElLimits: [20, 90] as const, mountAzLimits: null };
const report: SafetyReport = {
  verdict: 'safe',
  minSunDistanceDeg: 40,
  blocks: [
    { index: 0, name: 'a', minSunDistanceDeg: 50, problems: [] },
    { index: 1, name: 'b', minSunDistanceDeg: 40, problems: [] },
  ],
  criteria,
};

describe('sunCheckOf', () => {
  it("points the report's scan positions at the scans among the blocks (idle blocks between them)", () => {
    const blocks = [idlePlanBlock('wait', T0, T0 + 10 * S), scan('a', 10, 20), idlePlanBlock('wait', T0 + 20 * S, T0 + 30 * S), scan('b', 30, 40)];
    const check = sunCheckOf('host', { commands: '', blocks, safety: report });
    expect(check.verdict).toBe('safe');
    expect(check.blocks.map((b) => [b.index, b.name])).toEqual([
      [1, 'a'],
      [3, 'b'],
    ]);
    expect(check.criteria).toEqual(criteria);
    expect(check.minSunDistanceDeg).toBe(40);
  });

  it('says why the check did not run: nothing points, or the policy has no checker', () => {
    expect(sunCheckOf('dummy', { commands: '', blocks: [idlePlanBlock('sleep', T0, T0 + S)] })).toEqual({
      verdict: 'unchecked',
      reason: 'Policy "dummy" points nothing in this schedule (no scans): there is nothing for the Sun check to check.',
      minSunDistanceDeg: null,
      blocks: [],
    });
    expect(sunCheckOf('host', { commands: '' }).reason).toBe('Policy "host" has no independent Sun check: its scans were not checked.');
    expect(sunCheckOf('host', { commands: '', blocks: [scan('a', 0, 1)] }).verdict).toBe('unchecked');
  });
});

describe('toPlanEnvelope', () => {
  it('gives blocks and summary null when the policy describes no blocks, and the note as message', () => {
    const env = toPlanEnvelope({ policy: 'host', t0: T0, t1: T0 + 3600 * S, config: { x: 1 }, result: { commands: 'pass\n', note: 'hello' } });
    expect(env).toMatchObject({ status: 'ok', commands: 'pass\n', message: 'hello', blocks: null, summary: null, config: { x: 1 } });
    expect(env.window).toEqual({ t0: '2026-12-01T00:00:00Z', t1: '2026-12-01T01:00:00Z' });
    expect(env.tracks.sun).toHaveLength(7);
  });

  it('writes the blocks with ISO times and sums them', () => {
    const env = toPlanEnvelope({ policy: 'p', t0: T0, t1: T0 + 100 * S, config: {}, result: { commands: '', blocks: [scan('a', 0, 60)] } });
    expect(env.message).toBe('Success');
    expect(env.blocks).toEqual([{ name: 'a', kind: 'cmb', t0: '2026-12-01T00:00:00Z', t1: '2026-12-01T00:01:00Z', az: 100, alt: 50, throw: 30 }]);
    expect(env.summary).toMatchObject({ scanCount: 1, scannedSeconds: 60, idleSeconds: 40 });
  });
});
