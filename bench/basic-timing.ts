/**
 * Warm timing of the `basic` policy with the real master schedule (reference data), for 1 and 30
 * days from 2023-03-01. Run: `npx ts-node bench/basic-timing.ts`. Targets: 1 day < 13 ms, 30 days < 290 ms.
 */
import { deepMerge, validateConfig } from '../src/core/config';
import { basicPolicy } from '../src/core/policies/basic';
import { REFERENCE_DIR, hasReference } from '../src/testing/reference';
import { DEFAULT_SAFETY_FLOORS } from '../src/core/safety/floors';

function timeIt(days: number, repeats: number): { minMs: number; medianMs: number; chars: number } {
  const t0 = Date.UTC(2023, 2, 1) * 1000;
  const t1 = t0 + days * 86400e6;
  const cfg = validateConfig(basicPolicy.configClass, deepMerge(basicPolicy.defaults, { master_schedule: 'schedule_sat.txt' }));
  const ctx = { dataDir: REFERENCE_DIR, seed: 'bench', now: new Date(), floors: DEFAULT_SAFETY_FLOORS };
  let chars = basicPolicy.generate(t0, t1, cfg, ctx).commands.length; // warm-up
  const ms: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const a = process.hrtime.bigint();
    chars = basicPolicy.generate(t0, t1, cfg, ctx).commands.length;
    ms.push(Number(process.hrtime.bigint() - a) / 1e6);
  }
  ms.sort((x, y) => x - y);
  return { minMs: ms[0], medianMs: ms[ms.length >> 1], chars };
}

if (!hasReference) {
  process.stdout.write(`reference data not found at ${REFERENCE_DIR}; nothing to time\n`);
} else {
  for (const [days, repeats] of [
    [1, 30],
    [30, 5],
  ] as const) {
    const r = timeIt(days, repeats);
    process.stdout.write(
      `basic ${days} day(s) from 2023-03-01: median ${r.medianMs.toFixed(1)} ms, min ${r.minMs.toFixed(1)} ms (${r.chars} chars)\n`,
    );
  }
}
