/**
 * Policies used only by the worker-pool specs, loaded through `extraPolicyModules`; never part of
 * the production registry. Each one exercises one behaviour of a worker: a result, a wait, a
 * runaway loop, a client error, a bug, a crash.
 */
import { NumberField, OptionalField, StringField } from '../core/config/decorators';
import { ConfigError, ScheduleInputError, UnsafeScheduleError } from '../core/errors';
import type { Policy, PolicyContext, ScheduleResult } from '../core/policy';
import type { SafetyReport } from '../core/safety/report';
import type { Micros } from '../core/time/micros';

/** Config of the test policies: optional wait and note. */
export class TestPolicyConfig {
  @OptionalField()
  @NumberField({ integer: true, min: 0 })
  readonly ms?: number;

  @OptionalField()
  @StringField()
  readonly note?: string;
}

function policy(name: string, generate: (t0: Micros, t1: Micros, c: TestPolicyConfig, ctx: PolicyContext) => ScheduleResult): Policy<TestPolicyConfig> {
  return { name, description: `worker-pool test policy ${name}`, defaults: {}, configClass: TestPolicyConfig, generate };
}

/** A deterministic text from the whole input, so results can be compared across threads. */
export function echoText(t0: Micros, t1: Micros, config: TestPolicyConfig, ctx: PolicyContext): string {
  return `# echo ${t0} ${t1} ${JSON.stringify(config)} ${ctx.seed} ${ctx.dataDir} ${ctx.now.toISOString()}\nimport time\n`;
}

/** A safety report as the checker makes them, with the floors of the job's context. */
export function testSafetyReport(ctx: PolicyContext, verdict: SafetyReport['verdict']): SafetyReport {
  const problems = verdict === 'safe' ? [] : ['comes within 0.400° of the Sun'];
  return {
    verdict,
    minSunDistanceDeg: 12.5,
    blocks: [{ index: 0, name: 'field', minSunDistanceDeg: 12.5, problems }],
    criteria: {
      sunDistanceDeg: ctx.floors.sunDistanceDeg,
      sunBox: { minAzDeg: 6, minAltDeg: 6 },
      paddingS: 30,
      mountElLimits: [ctx.floors.mountElLimits[0], ctx.floors.mountElLimits[1]],
      mountAzLimits: [-90, 480],
    },
  };
}

/** Blocks the thread without burning CPU (the machine is shared), like a long schedule would. */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** The test policies, by the `policies` export that `extraPolicyModules` reads. */
export const policies: readonly Policy[] = [
  policy('test-echo', (t0, t1, c, ctx) => ({ commands: echoText(t0, t1, c, ctx), note: c.note })),
  policy('test-sleep', (t0, t1, c, ctx) => {
    sleepSync(c.ms ?? 0);
    return { commands: echoText(t0, t1, c, ctx) };
  }),
  policy('test-spin', (t0, t1, c, ctx) => {
    // A runaway computation: only terminating the thread stops it.
    const end = Date.now() + (c.ms ?? 0);
    let n = 0;
    while (Date.now() < end) n++;
    return { commands: `${echoText(t0, t1, c, ctx)}# ${n > 0}\n` };
  }),
  policy('test-safety', (t0, t1, c, ctx) => ({ commands: echoText(t0, t1, c, ctx), safety: testSafetyReport(ctx, 'safe') })),
  policy('test-unsafe', (_t0, _t1, _c, ctx) => {
    throw new UnsafeScheduleError(testSafetyReport(ctx, 'unsafe'));
  }),
  policy('test-input-error', () => {
    throw new ScheduleInputError('Master schedule "x.txt" was not found in the data directory.', 'config.master_schedule');
  }),
  policy('test-config-error', () => {
    throw new ConfigError('config.rules.sun-avoidance.time_step', 'must be a positive number');
  }),
  policy('test-bug', () => {
    throw new TypeError('secret internal detail');
  }),
  policy('test-exit', () => {
    // Ends the worker thread only (process.exit in a worker does not end the process).
    process.exit(3);
  }),
];
