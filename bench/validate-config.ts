/**
 * Cost of validating the full default `basic` config: against its config class alone (as merged
 * for a request without overrides), and along the whole request path, with the whole default
 * config sent as the request's `config` (`ScheduleRequestPipe`: bound, class-transformer,
 * class-validator; then the service's merge and `validateConfig`). Median and 95th percentile
 * over many runs after a warm-up.
 *   npx ts-node --transpile-only bench/validate-config.ts [RUNS]
 * Target: median below 1 ms for each.
 */
import { deepMerge, resolvePolicyConfig, validateConfig } from '../src/core/config';
import { basicPolicy } from '../src/core/policies/basic';
import { ScheduleRequestPipe } from '../src/scheduler/pipes/schedule-request.pipe';
import { resolveSchedulerSettings } from '../src/scheduler/scheduler-settings';

const runs = Number(process.argv[2] ?? 1000);

async function measure(label: string, fn: () => unknown): Promise<void> {
  for (let i = 0; i < 200; i++) await fn(); // warm-up: JIT and class-validator's caches
  const us: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    await fn();
    us.push(Number(process.hrtime.bigint() - start) / 1e3);
  }
  us.sort((a, b) => a - b);
  const at = (q: number): string => (us[Math.min(us.length - 1, Math.floor(q * us.length))] / 1e3).toFixed(3);
  console.log(`${label}, ${runs} runs: median ${at(0.5)} ms, p95 ${at(0.95)} ms, min ${at(0)} ms`);
}

async function main(): Promise<void> {
  const merged = deepMerge(basicPolicy.defaults, {});
  await measure('validateConfig(basic defaults)', () => validateConfig(basicPolicy.configClass, merged));

  const pipe = new ScheduleRequestPipe(resolveSchedulerSettings({ workerThreads: 0 }));
  // A body as it leaves the JSON parser: fresh objects each time (the pipe must not rely on reuse).
  const text = JSON.stringify({ t0: '2026-12-01 00:00', t1: '2026-12-02 00:00', policy: { policy: 'basic', config: basicPolicy.defaults } });
  await measure('request pipe + merge + validateConfig (whole basic defaults as config)', async () => {
    const dto = await pipe.transform(JSON.parse(text), { type: 'custom', metatype: Object });
    return resolvePolicyConfig(basicPolicy, dto.policy);
  });
}

void main();
