/**
 * Routes each job: core policies to the worker pool, any other (a host application's own policies,
 * which the worker threads cannot load) to an in-process executor.
 */
import type { ExecutorStats, ScheduleExecutor, ScheduleJob, ScheduleRun } from './schedule-executor';

/** An executor that can tell which policies it runs. */
export interface RoutingExecutor extends ScheduleExecutor {
  handles(policy: string): boolean;
}

/** Options of `HybridExecutor`. */
export interface HybridExecutorOptions {
  /**
   * Policies the pool could run but that are cheap enough to run in-process (e.g. `dummy`): they
   * then never wait behind long schedules for a free worker, and skip the thread round trip.
   * @default []
   */
  readonly inProcess?: Iterable<string>;
}

/** Sends a job to `pool` when it handles the policy (and it is not listed `inProcess`), else to `fallback`. */
export class HybridExecutor implements ScheduleExecutor {
  private readonly inProcess: ReadonlySet<string>;

  constructor(
    private readonly pool: RoutingExecutor,
    private readonly fallback: ScheduleExecutor,
    options: HybridExecutorOptions = {},
  ) {
    this.inProcess = new Set(options.inProcess ?? []);
  }

  /** Runs `job` where its policy lives. */
  run(job: ScheduleJob): Promise<ScheduleRun> {
    const usePool = this.pool.handles(job.policy) && !this.inProcess.has(job.policy);
    return usePool ? this.pool.run(job) : this.fallback.run(job);
  }

  /** The pool's counters: the in-process side has no queue and is always ready. */
  stats(): ExecutorStats {
    return this.pool.stats?.() ?? { workers: 0, busy: 0, queued: 0, ready: true };
  }

  /** Closes the pool and the fallback (graceful shutdown). */
  async close(): Promise<void> {
    await Promise.all([this.pool.close?.(), this.fallback.close?.()]);
  }
}
