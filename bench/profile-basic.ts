/**
 * Where a warm `basic` schedule spends its time: `npx ts-node --transpile-only bench/profile-basic.ts [DAYS] [RUNS]`
 * (defaults 30 and 20, after `npm run build`). Loads the built policy from `dist/`, runs the window
 * of DAYS days from 2023-03-01 three times to warm it up, then records a V8 CPU profile of RUNS more
 * runs only (the inspector's profiler, so module loading and the cold run stay out of it), prints the
 * functions with the most self time and writes the profile to `bench/results/`. With `NEW_DAYS=1`
 * each profiled run is a window on a day not asked before (every other day from 2023-03-03, as the
 * bench's new-day requests), after 60 warm-up runs on days of June 2023 (as a worker's warm-up).
 */
import * as fs from 'node:fs';
import * as inspector from 'node:inspector';
import * as path from 'node:path';
import { masterSource } from './basic-run';
import { summarizeProfile, type CpuProfile } from './profile-summary';

const ROOT = path.resolve(__dirname, '..');
const START_US = Date.parse('2023-03-01T00:00:00Z') * 1000;
const DAY_US = 86_400_000_000;

interface PolicyLike {
  readonly defaults: unknown;
  readonly configClass: unknown;
  generate(t0: number, t1: number, c: unknown, ctx: { dataDir: string; seed: string; now: Date; floors: unknown }): { commands: string };
}

function post<T>(session: inspector.Session, method: string, params?: object): Promise<T> {
  return new Promise((resolve, reject) =>
    session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res as T))),
  );
}

async function main(): Promise<void> {
  const days = Number(process.argv[2] ?? 30);
  const runs = Number(process.argv[3] ?? 20);
  const { CORE_POLICIES } = require(path.join(ROOT, 'dist/core/policies/index.js')) as { CORE_POLICIES: ReadonlyMap<string, PolicyLike> };
  const basic = CORE_POLICIES.get('basic');
  if (!basic) throw new Error('no basic policy in dist/ (run `npm run build`)');
  const src = masterSource(ROOT);
  if (typeof src === 'string') throw new Error(src);
  const { validateConfig } = require(path.join(ROOT, 'dist/core/config/validate.js')) as { validateConfig: (cls: unknown, c: unknown) => unknown };
  const { DEFAULT_SAFETY_FLOORS } = require(path.join(ROOT, 'dist/core/safety/floors.js')) as { DEFAULT_SAFETY_FLOORS: unknown };
  const config = validateConfig(basic.configClass, { ...(basic.defaults as object), master_schedule: src.masterSchedule });
  const t0 = START_US;
  const t1 = START_US + days * DAY_US;
  const ctx = { dataDir: src.dataDir, seed: 'profile', now: new Date(), floors: DEFAULT_SAFETY_FLOORS };
  const newDays = process.env.NEW_DAYS === '1';
  for (let i = 0; i < 3; i++) basic.generate(t0, t1, config, ctx);
  if (newDays) for (let d = 0; d < 60; d++) basic.generate(t0 + (92 + d) * DAY_US, t0 + (92 + d + days) * DAY_US, config, ctx);
  // The window of profiled run `i`: the same one, or one on a day not asked before.
  const windowOf = (i: number): [number, number] => (newDays ? [t0 + (2 + 2 * i) * DAY_US, t1 + (2 + 2 * i) * DAY_US] : [t0, t1]);

  const session = new inspector.Session();
  session.connect();
  await post(session, 'Profiler.enable');
  await post(session, 'Profiler.setSamplingInterval', { interval: 100 });
  await post(session, 'Profiler.start');
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [a, b] = windowOf(i);
    const s = performance.now();
    basic.generate(a, b, config, ctx);
    ms.push(performance.now() - s);
  }
  const { profile } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop');
  session.disconnect();

  ms.sort((a, b) => a - b);
  const out = path.join(__dirname, 'results', `profile-basic-${days}d-${new Date().toISOString().replace(/[:.]/g, '-')}.cpuprofile`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(profile));
  console.log(`basic ${days} d, ${runs} ${newDays ? 'runs on days not asked before' : 'warm runs'}: median ${ms[ms.length >> 1].toFixed(1)} ms (profiled; profile in ${path.relative(ROOT, out)})`);
  for (const l of summarizeProfile(profile, Number(process.env.TOP ?? 25), ROOT)) {
    console.log(`  ${l.percent.toFixed(1).padStart(5)}%  ${l.selfMs.toFixed(0).padStart(6)} ms  ${l.name}  ${l.where}`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
