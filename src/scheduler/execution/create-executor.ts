/**
 * Chooses the executor from the module's settings: the worker pool for the built-in policies
 * (with cheap ones and host-app policies in-process), or in-process only when `workerThreads` is 0.
 */
import { basicWarmupJobs } from '../../core/policies/basic/warmup';
import type { ResourceLimits } from 'node:worker_threads';
import type { SchedulerSettings } from '../scheduler-options.interface';
import type { InProcessExecutor } from './in-process.executor';
import type { ScheduleExecutor } from './schedule-executor';
import { HybridExecutor } from './worker-pool.hybrid-executor';
import { WorkerPoolExecutor } from './worker-pool.executor';

/**
 * V8 limits of each worker. Left alone, V8 keeps enlarging a worker's young generation (towards
 * 48 MB) and lets promoted garbage pile up in the old one until a limit sized for gigabytes, so the
 * server's resident memory climbs. The core takes a schedule's working arrays from reused arenas,
 * so a schedule allocates little: with a 2 MB young generation the 30-day `basic` takes the same
 * CPU time as with 8 MB (69-74 ms either way), and with an old generation capped at
 * `WORKER_OLD_GENERATION_MB_PER_31_DAYS` V8 collects it before it grows: two workers busy with
 * 30-day schedules peak at 147-154 MB for the whole server instead of 158-163.
 */
export const WORKER_RESOURCE_LIMITS = Object.freeze({ maxYoungGenerationSizeMb: 2 });

/**
 * Old-generation cap of a worker per 31 days of the longest window it may be asked for. The
 * heaviest 31-day `basic` measured (eight calibration targets) peaks at a 29 MB heap: more than
 * three times that fits.
 */
export const WORKER_OLD_GENERATION_MB_PER_31_DAYS = 96;

/** The worker limits for windows of up to `maxWindowDays` days. */
export function workerResourceLimits(maxWindowDays: number): ResourceLimits {
  const scale = Math.max(1, Math.ceil(maxWindowDays / 31));
  return { ...WORKER_RESOURCE_LIMITS, maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB_PER_31_DAYS * scale };
}

/** The executor the module provides under `SCHEDULE_EXECUTOR`. */
export function createScheduleExecutor(settings: SchedulerSettings, inProcess: InProcessExecutor): ScheduleExecutor {
  if (settings.workerThreads === 0) return inProcess;
  const pool = new WorkerPoolExecutor({
    size: settings.workerThreads,
    queueLimit: settings.queueLimit,
    timeLimitMs: settings.timeLimitMs,
    // Compiled code, the data directory's master schedules and today's ephemeris tables (core/policies/basic/warmup.ts).
    warmupJobs: settings.warmup ? basicWarmupJobs(settings.dataDir, settings.floors) : [],
    resourceLimits: workerResourceLimits(settings.maxWindowDays),
  });
  return new HybridExecutor(pool, inProcess, { inProcess: settings.inProcessPolicies });
}
