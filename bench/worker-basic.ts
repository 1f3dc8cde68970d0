/**
 * A warm `basic` schedule as the server's workers compute it: `npx ts-node --transpile-only
 * bench/worker-basic.ts DIST DAYS RUNS` runs the window of DAYS days from 2023-03-01 RUNS times in
 * a worker thread with the build's pool limits for 31-day windows (`WORKER_YOUNG_MB=N` sets the
 * young generation instead), after 30 warm-up runs, and prints one JSON line: the median wall and process CPU
 * time a run (the main thread waits meanwhile, so the CPU is the worker's and V8's helper threads')
 * and the scavenges a run. DIST is a build (`dist/`, or a copy of it from before a change placed
 * inside the repository, where its dependencies resolve).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';

const START_US = Date.parse('2023-03-01T00:00:00Z') * 1000;
const DAY_US = 86_400_000_000;
const WARM_UP_RUNS = 30;

/** The worker's code: plain JavaScript, so it loads only the build it measures. */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { PerformanceObserver, constants } = require('node:perf_hooks');
const path = require('node:path');
const { dist, dataDir, t0, t1, runs, warmUp } = workerData;
const { CORE_POLICIES } = require(path.join(dist, 'core/policies/index.js'));
const { DEFAULT_SAFETY_FLOORS } = require(path.join(dist, 'core/safety/floors.js'));
const { resolvePolicyConfig } = require(path.join(dist, 'core/config/resolve.js'));
const basic = CORE_POLICIES.get('basic');
const config = resolvePolicyConfig(basic, { config: { master_schedule: 'schedule_sat.txt' } }).config;
const ctx = { dataDir, seed: 'bench', now: new Date(), floors: DEFAULT_SAFETY_FLOORS };
for (let i = 0; i < warmUp; i++) basic.generate(t0, t1, config, ctx);
let scavenges = 0;
const obs = new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail && e.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
});
obs.observe({ entryTypes: ['gc'] });
const wall = [], cpu = [];
for (let i = 0; i < runs; i++) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  basic.generate(t0, t1, config, ctx);
  const w1 = performance.now();
  const c1 = process.cpuUsage(c0);
  wall.push(w1 - w0);
  cpu.push((c1.user + c1.system) / 1000);
}
// GC entries arrive asynchronously: let them drain before counting.
setTimeout(() => { obs.disconnect(); parentPort.postMessage({ wall, cpu, scavenges }); }, 200);
`;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * The pool's limits in the build DIST for windows up to 31 days (`workerResourceLimits` in
 * src/scheduler/execution/create-executor.ts; loading it loads the pool's code, not its threads);
 * `WORKER_YOUNG_MB` replaces the young generation's size, to compare sizes.
 */
function poolLimits(dist: string): ResourceLimits {
  const { workerResourceLimits } = require(path.join(dist, 'scheduler/execution/create-executor.js')) as {
    workerResourceLimits: (maxWindowDays: number) => ResourceLimits;
  };
  const limits = workerResourceLimits(31);
  const young = process.env.WORKER_YOUNG_MB;
  return young === undefined ? limits : { ...limits, maxYoungGenerationSizeMb: Number(young) };
}

function main(): void {
  const dist = path.resolve(process.argv[2] ?? 'dist');
  const days = Number(process.argv[3] ?? 1);
  const runs = Number(process.argv[4] ?? 300);
  // The reference master schedule, found as `bench/basic-run.ts` finds it.
  const dataDir = path.resolve(process.env.SCHEDULER_REFERENCE_DIR ?? path.join(__dirname, '..', '..', 'shared', 'reference'));
  if (!fs.existsSync(path.join(dataDir, 'schedule_sat.txt'))) {
    console.error(`no schedule_sat.txt in ${dataDir} (set SCHEDULER_REFERENCE_DIR)`);
    process.exitCode = 1;
    return;
  }
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { dist, dataDir, t0: START_US, t1: START_US + days * DAY_US, runs, warmUp: WARM_UP_RUNS },
    resourceLimits: poolLimits(dist),
  });
  worker.once('message', (r: { wall: number[]; cpu: number[]; scavenges: number }) => {
    console.log(JSON.stringify({
      dist, days, runs,
      wallMs: +median(r.wall).toFixed(3),
      cpuMs: +median(r.cpu).toFixed(3),
      scavengesPerRun: +(r.scavenges / runs).toFixed(2),
    }));
    void worker.terminate();
  });
  worker.once('error', (e) => { console.error(e); process.exitCode = 1; });
}

main();
