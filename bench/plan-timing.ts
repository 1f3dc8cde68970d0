/**
 * Timing and figures of the master-schedule planner (run with ts-node or after `npm run build`):
 *   npx ts-node --transpile-only bench/plan-timing.ts [--year] [--reference]
 * Prints the CPU and wall time to plan one day and a whole year (each day uncached), and, with
 * `--reference`, the week and year figures of the issue beside those of the real 2023 plan.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanBlock } from '../src/core/blocks/types';
import { deepMerge, validateConfig } from '../src/core/config';
import { DEFAULT_PLANNER_CONFIG, PlannerConfig, type SkyPatch } from '../src/core/planner/config';
import { planDay, planMasterSchedule, planningDay, toScanBlocks } from '../src/core/planner/plan';
import { dutyCycle, minSunDistance, scanCoverage } from '../src/core/planner/plan-checks';

const args = new Set(process.argv.slice(2));
const DAY_US = 86400e6;

function timeIt<T>(fn: () => T): { value: T; cpuMs: number; wallMs: number } {
  const c = process.cpuUsage();
  const w = process.hrtime.bigint();
  const value = fn();
  const u = process.cpuUsage(c);
  return { value, cpuMs: (u.user + u.system) / 1e3, wallMs: Number(process.hrtime.bigint() - w) / 1e6 };
}

// Fresh configs (different gap values) so that no day comes from the planner's cache.
const fresh = (gap: number) => validateConfig(PlannerConfig, deepMerge(DEFAULT_PLANNER_CONFIG, { gap }));

const d2026 = planningDay(Date.parse('2026-12-01T00:00:00Z') / 1000);
planDay(d2026 - 100, fresh(61)); // warm-up
const days = 20;
const one = timeIt(() => {
  for (let i = 0; i < days; i++) planDay(d2026 + i, fresh(62));
});
console.log(`one day, uncached: ${(one.cpuMs / days).toFixed(1)} ms CPU, ${(one.wallMs / days).toFixed(1)} ms wall (mean of ${days})`);
const dayWindow = (): unknown =>
  planMasterSchedule(Date.parse('2026-12-05T00:00:00Z') * 1000, Date.parse('2026-12-06T00:00:00Z') * 1000, DEFAULT_PLANNER_CONFIG);
dayWindow();
const warm = timeIt(() => {
  for (let i = 0; i < 100; i++) dayWindow();
});
console.log(`one day, cached: ${(warm.wallMs / 100).toFixed(3)} ms wall (mean of 100)`);

if (args.has('--year')) {
  const t0 = Date.parse('2027-01-01T00:00:00Z') * 1000;
  const year = timeIt(() => planMasterSchedule(t0, t0 + 365 * DAY_US, fresh(63)));
  const plan = year.value;
  console.log(
    `year 2027, uncached: ${(year.cpuMs / 1000).toFixed(2)} s CPU, ${(year.wallMs / 1000).toFixed(2)} s wall; ` +
      `${plan.length} scans, duty ${(100 * dutyCycle(plan, t0, t0 + 365 * DAY_US)).toFixed(1)} %`,
  );
}

const refPath = join(__dirname, '..', '..', 'shared', 'reference', 'schedule_sat.txt');
const refPath2 = '/work/shared/reference/schedule_sat.txt';
if (args.has('--reference')) {
  const path = existsSync(refPath) ? refPath : refPath2;
  const patches = new Map<string, SkyPatch>(DEFAULT_PLANNER_CONFIG.patches.map((p) => [p.name, p]));
  const ref = readFileSync(path, 'utf8')
    .split('\n')
    .slice(3)
    .filter((l) => l.trim() !== '')
    .map((l) => {
      const time = (a: number, b: number): number => Date.parse(`${l.slice(a, b).trim().replace(' ', 'T')}Z`) * 1000;
      const az = parseFloat(l.slice(116, 126));
      const block: ScanBlock = {
        kind: 'scan',
        name: l.slice(81, 116).trim(),
        t0: time(0, 20),
        t1: time(20, 41),
        az,
        alt: parseFloat(l.slice(135, 144)),
        throw: parseFloat(l.slice(126, 135)) - az,
      };
      return { block, side: l.slice(144, 146).trim() as 'R' | 'S' };
    });
  const figures = (items: { block: ScanBlock; side: 'R' | 'S' }[], t0: number, t1: number) => {
    const inside = items.filter((x) => x.block.t1 > t0 && x.block.t0 < t1);
    const sky = inside.filter((x) => patches.has(x.block.name));
    const out = sky.map((x) => scanCoverage(x.block, patches.get(x.block.name)!, x.side));
    const covered = out.filter((o) => o === 'covered').length;
    const absent = out.filter((o) => o === 'absent').length;
    const minSun = Math.min(...inside.map((x) => minSunDistance(x.block, 60)));
    let overlaps = 0;
    for (let i = 1; i < inside.length; i++) if (inside[i].block.t0 < inside[i - 1].block.t1) overlaps++;
    return (
      `${inside.length} scans (${sky.length} sky): covered ${((100 * covered) / sky.length).toFixed(1)} %, ` +
      `covered-or-absent ${((100 * (covered + absent)) / sky.length).toFixed(1)} %, min Sun ${minSun.toFixed(2)} deg, ` +
      `overlaps ${overlaps}, elevations {${[...new Set(inside.map((x) => x.block.alt))].sort().join(', ')}}, ` +
      `duty ${(100 * dutyCycle(inside.map((x) => x.block), t0, t1)).toFixed(1)} %`
    );
  };
  for (const start of ['2023-01-01', '2023-04-01', '2023-07-01', '2023-10-01', '2026-11-30']) {
    const t0 = Date.parse(`${start}T00:00:00Z`) * 1000;
    const t1 = t0 + 7 * DAY_US;
    const plan = planMasterSchedule(t0, t1, DEFAULT_PLANNER_CONFIG);
    console.log(`week from ${start}`);
    console.log(`  planner:   ${figures(plan.map((p) => ({ block: toScanBlocks([p])[0], side: p.side })), t0, t1)}`);
    console.log(`  2023 plan: ${figures(ref, t0, t1)}`);
  }
  if (args.has('--year')) {
    const t0 = Date.parse('2023-01-01T00:00:00Z') * 1000;
    const t1 = Date.parse('2023-12-31T00:00:00Z') * 1000;
    const plan = planMasterSchedule(t0, t1, DEFAULT_PLANNER_CONFIG);
    console.log(`year 2023 duty: planner ${(100 * dutyCycle(plan, t0, t1)).toFixed(1)} %, 2023 plan ${(100 * dutyCycle(ref.map((x) => x.block), t0, t1)).toFixed(1)} %`);
  }
}
