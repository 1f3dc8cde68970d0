/**
 * The `dummy` policy: a script that only sleeps, 1 to 10 `time.sleep(S)` lines adding up to the
 * window. How many lines and how the window is split come from the request's seed, so the same
 * request always gives the same sleeps.
 */
import { deepFreeze } from '../config/merge';
import { idlePlanBlock, type PlanBlock } from '../plan/plan-block';
import type { Policy, PolicyContext, ScheduleResult } from '../policy';
import { Mt19937, seedFromText } from '../random';
import { formatHundredths, pyComment } from '../script/python-literal';
import { isoformat } from '../time/format';
import type { Micros } from '../time/micros';

/** The dummy policy takes no settings: its config class declares no key, so any key is refused. */
export class DummyConfig {}

/** Most sleep lines in one script. */
export const DUMMY_MAX_SLEEPS = 10;

/**
 * Splits `total` centiseconds into `count` non-negative integer parts that add up to `total`
 * exactly, cutting at points drawn from `rng`.
 */
export function splitCentiseconds(total: number, count: number, rng: Mt19937): number[] {
  const cuts: number[] = [];
  for (let i = 1; i < count; i++) cuts.push(Math.floor(rng.random() * (total + 1)));
  cuts.sort((a, b) => a - b);
  const parts: number[] = [];
  let previous = 0;
  for (const cut of cuts) {
    parts.push(cut - previous);
    previous = cut;
  }
  parts.push(total - previous);
  return parts;
}

/** One `idle` block per sleep, back to back from `t0` (the sleeps run one after the other). */
export function sleepBlocks(t0: Micros, sleepsCs: readonly number[]): PlanBlock[] {
  let t = t0;
  return sleepsCs.map((cs) => {
    const start = t;
    t += cs * 10_000;
    return idlePlanBlock('sleep', start, t);
  });
}

function generate(t0: Micros, t1: Micros, _config: DummyConfig, ctx: PolicyContext): ScheduleResult {
  const rng = new Mt19937(seedFromText(ctx.seed));
  const count = 1 + Math.floor(rng.random() * DUMMY_MAX_SLEEPS);
  // Whole centiseconds: the printed sleeps then add up to the window rounded to 0.01 s, exactly.
  const total = Math.max(0, Math.round((t1 - t0) / 10_000));
  const sleeps = splitCentiseconds(total, count, rng);
  const lines = [
    'import time',
    pyComment(`generated ${ctx.now.toISOString()} by the dummy policy for ${isoformat(t0)} to ${isoformat(t1)}`),
    ...sleeps.map((cs) => `time.sleep(${formatHundredths(cs)})`),
  ];
  return { commands: `${lines.join('\n')}\n`, blocks: sleepBlocks(t0, sleeps) };
}

/** The core `dummy` policy (no config; any key is a 400 naming it). */
export const dummyPolicy: Policy<DummyConfig> = Object.freeze({
  name: 'dummy',
  description: 'Sleeps only: 1 to 10 time.sleep(S) lines that fill the window, the same for the same request.',
  defaults: deepFreeze({}) as DummyConfig,
  configClass: DummyConfig,
  generate,
});
