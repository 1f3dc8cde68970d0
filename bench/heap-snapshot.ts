/**
 * What a worker holds while it computes: `npx ts-node --transpile-only bench/heap-snapshot.ts [DAYS] [DELAY_MS]`
 * (after `npm run build`; defaults 30 days, 40 ms). Starts one worker thread as the pool does (its
 * V8 limits, its warm-up jobs), sets it computing `basic` for DAYS days from 2023-03-01 over and
 * over, takes a heap snapshot DELAY_MS into one computation (`Worker.getHeapSnapshot`: the worker
 * answers at its next interrupt check, mid-computation), writes it to `bench/results/` and prints
 * what dominates: totals by kind and the largest groups by constructor, and the worker's heap
 * statistics and process RSS. `BENCH_DIST=<copy of dist>` measures another build.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

const ROOT = path.resolve(__dirname, '..');
// `BENCH_DIST` measures another build (a copy of `dist/` from before a change).
const DIST = path.resolve(process.env.BENCH_DIST ?? path.join(ROOT, 'dist'));

/** The parts of a `.heapsnapshot` this reads. */
interface Snapshot {
  readonly snapshot: { readonly meta: { readonly node_fields: string[]; readonly node_types: [string[], ...unknown[]] } };
  readonly nodes: number[];
  readonly strings: string[];
}

/** Self sizes grouped by node kind and by constructor (objects) or kind (everything else), MB. */
export function summarizeSnapshot(s: Snapshot, top = 20): { totalMb: number; byKind: [string, number][]; byGroup: [string, number][] } {
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const nf = fields.length;
  const iType = fields.indexOf('type');
  const iName = fields.indexOf('name');
  const iSize = fields.indexOf('self_size');
  const byKind = new Map<string, number>();
  const byGroup = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < s.nodes.length; i += nf) {
    const kind = types[s.nodes[i + iType]];
    const size = s.nodes[i + iSize];
    total += size;
    byKind.set(kind, (byKind.get(kind) ?? 0) + size);
    const name = s.strings[s.nodes[i + iName]];
    const group = kind === 'object' || kind === 'closure' || kind === 'native' ? `${kind} ${name.slice(0, 50)}` : kind === 'array' || kind === 'hidden' ? `${kind} ${name.slice(0, 40)}` : kind;
    byGroup.set(group, (byGroup.get(group) ?? 0) + size);
  }
  const mb = (m: Map<string, number>): [string, number][] =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => [k, v / 1048576]);
  return { totalMb: total / 1048576, byKind: mb(byKind), byGroup: mb(byGroup) };
}

// The worker: warm up as the pool's workers do (jobs and config made on the main thread and cloned
// in, as the pool does, so the worker loads only what a pool worker loads), then compute until told to stop.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const v8 = require('node:v8');
const { CORE_POLICIES } = require(workerData.dist + '/core/policies/index.js');
const basic = CORE_POLICIES.get('basic');
for (const j of workerData.warmupJobs) basic.generate(j.t0, j.t1, j.config, j.ctx);
const t0 = Date.UTC(2023, 2, 1) * 1000;
let stop = false;
parentPort.on('message', (m) => { if (m === 'stop') stop = true; });
const loop = () => {
  if (stop) {
    const h = v8.getHeapStatistics();
    parentPort.postMessage({ done: true, heapTotalMb: h.total_heap_size / 1048576, heapUsedMb: h.used_heap_size / 1048576, externalMb: h.external_memory / 1048576 });
    return;
  }
  parentPort.postMessage({ started: performance.now() });
  basic.generate(t0, t0 + workerData.days * 86400e6, workerData.config, { dataDir: workerData.dataDir, seed: 'snapshot', now: new Date(), floors: workerData.floors });
  setImmediate(loop);
};
loop();
`;

async function main(): Promise<void> {
  const days = Number(process.argv[2] ?? 30);
  const delayMs = Number(process.argv[3] ?? 40);
  const dataDir = path.resolve(process.env.SCHEDULER_REFERENCE_DIR ?? path.join(ROOT, '..', 'shared', 'reference'));
  const { workerResourceLimits } = require(path.join(DIST, 'scheduler/execution/create-executor.js')) as { workerResourceLimits: (days: number) => object };
  const { basicWarmupJobs } = require(path.join(DIST, 'core/policies/basic/warmup.js')) as typeof import('../src/core/policies/basic/warmup');
  const { DEFAULT_SAFETY_FLOORS: floors } = require(path.join(DIST, 'core/safety/floors.js')) as typeof import('../src/core/safety/floors');
  const { resolvePolicyConfig } = require(path.join(DIST, 'core/config/resolve.js')) as typeof import('../src/core/config/resolve');
  const { basicPolicy } = require(path.join(DIST, 'core/policies/basic/basic-policy.js')) as typeof import('../src/core/policies/basic/basic-policy');
  const config = resolvePolicyConfig(basicPolicy, { config: { master_schedule: 'schedule_sat.txt' } }).config;
  const workerData = { dist: DIST, dataDir, days, floors, config, warmupJobs: basicWarmupJobs(dataDir, floors) };
  const worker = new Worker(WORKER, { eval: true, workerData, resourceLimits: workerResourceLimits(31) });
  let computations = 0;
  const done = new Promise<{ heapTotalMb: number; heapUsedMb: number; externalMb: number }>((resolve, reject) => {
    worker.on('message', (m: { started?: number; done?: boolean; heapTotalMb: number; heapUsedMb: number; externalMb: number }) => {
      if (m.done) resolve(m);
      else computations++;
    });
    worker.on('error', reject);
  });
  // Let the worker warm up and finish a first computation, then snapshot into the next one.
  while (computations < 2) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, delayMs));
  const file = path.join(__dirname, 'results', `worker-${days}d-${new Date().toISOString().replace(/[:.]/g, '-')}.heapsnapshot`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const stream = await worker.getHeapSnapshot();
  await new Promise<void>((resolve, reject) => stream.pipe(fs.createWriteStream(file)).on('finish', resolve).on('error', reject));
  worker.postMessage('stop');
  const stats = await done;
  const rssMb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'))?.[1] ?? NaN) / 1024;
  await worker.terminate();
  const sum = summarizeSnapshot(JSON.parse(fs.readFileSync(file, 'utf8')) as Snapshot);
  console.log(`worker heap snapshot ${delayMs} ms into a ${days}-day basic: ${path.relative(ROOT, file)}`);
  console.log(`live objects ${sum.totalMb.toFixed(1)} MB; worker heap total ${stats.heapTotalMb.toFixed(1)} MB, used ${stats.heapUsedMb.toFixed(1)} MB, external ${stats.externalMb.toFixed(1)} MB; process RSS ${rssMb.toFixed(0)} MB`);
  console.log('by kind:');
  for (const [k, v] of sum.byKind) console.log(`  ${v.toFixed(2).padStart(7)} MB  ${k}`);
  console.log('largest groups:');
  for (const [k, v] of sum.byGroup) console.log(`  ${v.toFixed(2).padStart(7)} MB  ${k}`);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.stack : e);
    process.exit(1);
  });
}
