/**
 * Where policies run. The service hands every job to a `ScheduleExecutor`: in-process for tests
 * and host-app policies, a pool of worker threads for the built-in core policies.
 */
import type { PolicyContext, ScheduleResult } from '../../core/policy';
import type { Micros } from '../../core/time/micros';

/** Injection token of the executor. */
export const SCHEDULE_EXECUTOR = Symbol('SCHEDULE_EXECUTOR');

/** One schedule to compute; `config` is already merged and validated by the policy. */
export interface ScheduleJob {
  readonly policy: string;
  readonly t0: Micros;
  readonly t1: Micros;
  readonly config: unknown;
  readonly ctx: PolicyContext;
  /**
   * True when the caller reads only `commands` and `note` (the schedule route): an executor that
   * copies results between threads then leaves the plan's `blocks` and `safety` behind (a 7-day
   * `basic` result clones in 0.4 ms with them, 0.01 ms without). The policy computes them anyway.
   */
  readonly scriptOnly?: boolean;
}

/** A computed schedule plus how long it waited in a queue, when the executor has one. */
export interface ScheduleRun extends ScheduleResult {
  /** Milliseconds between accepting the job and starting it (0 without a queue). */
  readonly queueWaitMs?: number;
}

/** Counters for readiness checks and logs. */
export interface ExecutorStats {
  /** Threads able to take work (0 when the executor runs in-process: then `ready` decides). */
  readonly workers: number;
  readonly busy: number;
  readonly queued: number;
  /** False once closed or when no worker could be started. */
  readonly ready: boolean;
}

/** Runs schedule jobs. Rejects with `ScheduleInputError` (400), `ScheduleBusyError` or `ScheduleTimeoutError` (503). */
export interface ScheduleExecutor {
  run(job: ScheduleJob): Promise<ScheduleRun>;
  /** Current counters; optional for simple executors. */
  stats?(): ExecutorStats;
  /** Stops taking jobs, rejects queued ones and releases threads (graceful shutdown). */
  close?(): Promise<void>;
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
