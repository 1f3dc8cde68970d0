/**
 * Routes each job: core policies to the worker pool, any other (a host application's own policies,
 * which the worker threads cannot load) to an in-process executor.
 */
import type { ScheduleResult } from '../../schedlib/policy';
import type { ScheduleExecutor, ScheduleJob } from './schedule-executor';

/** An executor that can tell which policies it runs. */
export interface RoutingExecutor extends ScheduleExecutor {
  handles(policy: string): boolean;
}

/** Sends a job to `pool` when it handles the policy, else to `fallback`. */
export class HybridExecutor implements ScheduleExecutor {
  constructor(
    private readonly pool: RoutingExecutor,
    private readonly fallback: ScheduleExecutor,
  ) {}

  /** Runs `job` where its policy lives. */
  run(job: ScheduleJob): Promise<ScheduleResult> {
    return this.pool.handles(job.policy) ? this.pool.run(job) : this.fallback.run(job);
  }
}
