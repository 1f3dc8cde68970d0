/**
 * Where policies run. The service hands every job to a `ScheduleExecutor`: in-process for tests
 * and host-app policies, a pool of worker threads for the built-in core policies.
 */
import type { PolicyContext, ScheduleResult } from '../../schedlib/policy';
import type { Micros } from '../../schedlib/time/micros';

/** Injection token of the executor. */
export const SCHEDULE_EXECUTOR = Symbol('SCHEDULE_EXECUTOR');

/** One schedule to compute; `config` is already merged and validated by the policy. */
export interface ScheduleJob {
  readonly policy: string;
  readonly t0: Micros;
  readonly t1: Micros;
  readonly config: unknown;
  readonly ctx: PolicyContext;
}

/** Runs schedule jobs. Rejects with `ScheduleInputError` (400), `ScheduleBusyError` or `ScheduleTimeoutError` (503). */
export interface ScheduleExecutor {
  run(job: ScheduleJob): Promise<ScheduleResult>;
}

/** The queue of waiting jobs is full (HTTP 503 at once). */
export class ScheduleBusyError extends Error {
  constructor(readonly queueLimit: number) {
    super(`The server is busy: ${queueLimit} schedules are already waiting; try again shortly.`);
    this.name = 'ScheduleBusyError';
  }
}

/** The schedule was not computed within the time limit (HTTP 503); its work was abandoned. */
export class ScheduleTimeoutError extends Error {
  constructor(readonly limitMs: number) {
    super(`The schedule could not be computed within the time limit of ${limitMs / 1000} s.`);
    this.name = 'ScheduleTimeoutError';
  }
}
