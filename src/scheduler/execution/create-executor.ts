/**
 * Chooses the executor from the module's settings: the worker pool for the built-in policies
 * (with cheap ones and host-app policies in-process), or in-process only when `workerThreads` is 0.
 */
import { basicWarmupJobs } from '../../core/policies/basic/warmup';
import type { SchedulerSettings } from '../scheduler-options.interface';
import type { InProcessExecutor } from './in-process.executor';
import type { ScheduleExecutor } from './schedule-executor';
import { HybridExecutor } from './worker-pool.hybrid-executor';
import { WorkerPoolExecutor } from './worker-pool.executor';

/**
 * V8 limits of each worker. Left alone, V8 keeps enlarging a worker's young generation (towards
 * 48 MB) and the server's resident memory climbs for minutes. The core now takes a schedule's
 * working arrays from reused arenas, so a schedule allocates little: at 2 MB the 30-day `basic`
 * takes the same CPU time as at 8 MB (measured 69-74 ms either way) and two busy workers hold
 * about 12 MB less.
 */
export const WORKER_RESOURCE_LIMITS = Object.freeze({ maxYoungGenerationSizeMb: 2 });

/** The executor the module provides under `SCHEDULE_EXECUTOR`. */
export function createScheduleExecutor(settings: SchedulerSettings, inProcess: InProcessExecutor): ScheduleExecutor {
  if (settings.workerThreads === 0) return inProcess;
  const pool = new WorkerPoolExecutor({
    size: settings.workerThreads,
    queueLimit: settings.queueLimit,
    timeLimitMs: settings.timeLimitMs,
    // Compiled code, the data directory's master schedules and today's ephemeris tables (core/policies/basic/warmup.ts).
    warmupJobs: settings.warmup ? basicWarmupJobs(settings.dataDir) : [],
    resourceLimits: WORKER_RESOURCE_LIMITS,
  });
  return new HybridExecutor(pool, inProcess, { inProcess: settings.inProcessPolicies });
}
