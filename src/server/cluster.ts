/**
 * One HTTP process per core with Node's cluster module: `node dist/server/cluster.js` instead of
 * `node dist/server/main.js`. The primary forks `WEB_CONCURRENCY` processes (default: one per core), which
 * share the listening port; each runs `main.js` with a worker-thread pool of
 * `SCHEDULER_WORKER_THREADS` threads (default: the cores divided among the processes, at least 1).
 * A process that dies is replaced; SIGTERM/SIGINT stop them all gracefully.
 *
 * In a container orchestrator, prefer one process per container and scale with replicas: run
 * `node dist/server/main.js` and set the replica count instead.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { newWarmUpId, WARM_UP_ID_ENV } from './lifecycle/warm-up-id';

/** How many processes to fork and how many pool threads each one gets. */
export interface ClusterPlan {
  readonly processes: number;
  readonly threadsPerProcess: number;
}

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return n;
}

/** Reads `WEB_CONCURRENCY` and `SCHEDULER_WORKER_THREADS` (both optional) for a machine with `cores` cores. */
export function clusterPlan(env: NodeJS.ProcessEnv, cores: number): ClusterPlan {
  const processes = positive('WEB_CONCURRENCY', env.WEB_CONCURRENCY) ?? cores;
  const threadsPerProcess =
    positive('SCHEDULER_WORKER_THREADS', env.SCHEDULER_WORKER_THREADS) ?? Math.max(1, Math.floor(cores / processes));
  return { processes, threadsPerProcess };
}

/** Delay before re-forking a process that died `uptimeMs` after it started: a crash loop backs off. */
export function restartDelayMs(uptimeMs: number, recentCrashes: number): number {
  if (uptimeMs > 10_000) return 0;
  return Math.min(10_000, 250 * 2 ** Math.min(recentCrashes, 6));
}

/** Runs the primary: forks, replaces dead processes, forwards shutdown. */
export function runPrimary(plan: ClusterPlan, log: (m: string) => void = (m) => console.log(m)): void {
  // One warm-up id for every process: a process's warm-up requests may be answered by another,
  // which then logs them at debug level as its own (lifecycle/http-warm-up.ts).
  const env = { SCHEDULER_WORKER_THREADS: String(plan.threadsPerProcess), [WARM_UP_ID_ENV]: newWarmUpId() };
  const started = new Map<number, number>();
  let crashes = 0;
  let stopping = false;

  const fork = (): void => {
    const w = cluster.fork(env);
    started.set(w.id, Date.now());
  };
  cluster.on('exit', (w, code, signal) => {
    const uptime = Date.now() - (started.get(w.id) ?? Date.now());
    started.delete(w.id);
    if (stopping) {
      if (started.size === 0) process.exit(0);
      return;
    }
    crashes = uptime > 10_000 ? 0 : crashes + 1;
    const delay = restartDelayMs(uptime, crashes);
    log(`[cluster] process ${w.process.pid} exited (${signal ?? code}) after ${uptime} ms; starting another in ${delay} ms`);
    setTimeout(fork, delay);
  });
  const stop = (sig: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    log(`[cluster] ${sig}: stopping ${started.size} processes`);
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    // A process that ignores SIGTERM must not keep the container from stopping.
    setTimeout(() => process.exit(1), 10_000).unref();
    if (started.size === 0) process.exit(0);
  };
  // Connections go only to processes already listening: a load that starts before every process
  // listens is served by fewer processes. This line says when each one joins.
  cluster.on('listening', (w) => {
    log(`[cluster] process ${w.process.pid} listening (${Object.keys(cluster.workers ?? {}).length} of ${plan.processes} started)`);
  });
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  log(`[cluster] ${plan.processes} processes, ${plan.threadsPerProcess} schedule thread(s) each`);
  for (let i = 0; i < plan.processes; i++) fork();
}

if (require.main === module) {
  if (cluster.isPrimary) runPrimary(clusterPlan(process.env, availableParallelism()));
  // The same entry that `node dist/server/main.js` runs; resolved at run time (main.js or, under ts-node, main.ts).
  else require(path.join(__dirname, 'main'));
}
