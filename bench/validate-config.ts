/**
 * Cost of validating the full default `basic` config (as merged for a request without overrides)
 * against its config class: median and 95th percentile over many runs after a warm-up.
 *   npx ts-node --transpile-only bench/validate-config.ts [RUNS]
 * Target: median below 1 ms.
 */
import { deepMerge, validateConfig } from '../src/core/config';
import { basicPolicy } from '../src/core/policies/basic';

const runs = Number(process.argv[2] ?? 1000);
const merged = deepMerge(basicPolicy.defaults, {});
const validate = (): unknown => validateConfig(basicPolicy.configClass, merged);

for (let i = 0; i < 200; i++) validate(); // warm-up: JIT and class-validator's caches
const us: number[] = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  validate();
  us.push(Number(process.hrtime.bigint() - start) / 1e3);
}
us.sort((a, b) => a - b);
const at = (q: number): string => (us[Math.min(us.length - 1, Math.floor(q * us.length))] / 1e3).toFixed(3);
console.log(`validateConfig(basic defaults), ${runs} runs: median ${at(0.5)} ms, p95 ${at(0.95)} ms, min ${at(0)} ms`);
