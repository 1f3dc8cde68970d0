/**
 * Chooses the executor from the module's settings: the worker pool for the built-in policies
 * (with cheap ones and host-app policies in-process), or in-process only when `workerThreads` is 0.
 */
import { Logger } from '@nestjs/common';
import { BASIC_DEFAULTS } from '../../core/policies/basic/config';
import type { SafetyFloors } from '../../core/safety/floors';
import type { SchedulerSettings } from '../scheduler-options.interface';
import type { InProcessExecutor } from './in-process.executor';
import type { ScheduleExecutor, ScheduleJob } from './schedule-executor';
import { HybridExecutor } from './worker-pool.hybrid-executor';
import { WorkerPoolExecutor } from './worker-pool.executor';

/** 2023-03-01T00:00Z and one hour later, in microseconds: the warm-up window. */
const WARMUP_T0 = Date.UTC(2023, 2, 1) * 1000;
const WARMUP_T1 = WARMUP_T0 + 3600 * 1_000_000;

/**
 * A one-hour `basic` schedule with its default config (generated master schedule), which loads
 * the ephemeris, planner and rules code paths of a fresh worker.
 */
export function warmupJob(dataDir: string, floors: SafetyFloors): ScheduleJob {
  return {
    policy: 'basic',
    t0: WARMUP_T0,
    t1: WARMUP_T1,
    config: BASIC_DEFAULTS,
    ctx: { dataDir, seed: 'warm-up', now: new Date(WARMUP_T0 / 1000), floors },
  };
}

/**
 * V8 limits of each worker. A schedule allocates fast and briefly, so V8 keeps enlarging a
 * worker's young generation (towards 48 MB); capped at 8 MB, scavenges stay short and the
 * server's resident memory settles within a minute at about 185 MB instead of climbing for many
 * minutes to 240 MB (measured: 200 one-hour `basic` requests/s, 2 workers; same latency).
 */
export const WORKER_RESOURCE_LIMITS = Object.freeze({ maxYoungGenerationSizeMb: 8 });

const workerLogger = new Logger('ScheduleWorkers');

/** The executor the module provides under `SCHEDULE_EXECUTOR`. */
export function createScheduleExecutor(settings: SchedulerSettings, inProcess: InProcessExecutor): ScheduleExecutor {
  if (settings.workerThreads === 0) return inProcess;
  const pool = new WorkerPoolExecutor({
    size: settings.workerThreads,
    queueLimit: settings.queueLimit,
    timeLimitMs: settings.timeLimitMs,
    warmupJobs: settings.warmup ? [warmupJob(settings.dataDir, settings.floors)] : [],
    resourceLimits: WORKER_RESOURCE_LIMITS,
    // Through Nest's Logger, so a host app's logger (app.useLogger) records worker crashes and policy bugs.
    onError: (message) => workerLogger.error(message),
  });
  return new HybridExecutor(pool, inProcess, { inProcess: settings.inProcessPolicies });
}
