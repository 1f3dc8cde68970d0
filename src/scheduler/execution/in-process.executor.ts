/**
 * The simplest `ScheduleExecutor`: looks the policy up in the registry and runs it on the calling
 * thread. Used by tests and for host-app policies; the worker pool is the production path.
 */
import { Injectable } from '@nestjs/common';
import type { ScheduleResult } from '../../core/policy';
import { PolicyRegistry } from '../policy-registry';
import type { ScheduleExecutor, ScheduleJob } from './schedule-executor';

/** Runs each job at once in this thread; errors thrown by the policy reject the promise as they are. */
@Injectable()
export class InProcessExecutor implements ScheduleExecutor {
  constructor(private readonly registry: PolicyRegistry) {}

  async run(job: ScheduleJob): Promise<ScheduleResult> {
    const policy = this.registry.require(job.policy);
    return policy.generate(job.t0, job.t1, job.config, job.ctx);
  }
}
