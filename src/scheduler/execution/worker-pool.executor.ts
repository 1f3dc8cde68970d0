/**
 * Runs the core policies in a piscina pool of worker threads, so a long schedule never blocks the
 * event loop: a bounded queue (full → `ScheduleBusyError` at once) and a per-request time limit,
 * queue wait included (expired → `ScheduleTimeoutError`; the job's AbortSignal makes piscina
 * terminate the worker computing it and start a replacement).
 */
import * as path from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import { Logger, type LoggerService } from '@nestjs/common';
import { Piscina } from 'piscina';
import { CORE_POLICIES } from '../../core/policies';
import {
  ScheduleBusyError,
  ScheduleTimeoutError,
  type ExecutorStats,
  type ScheduleJob,
  type ScheduleRun,
} from './schedule-executor';
import type { RoutingExecutor } from './worker-pool.hybrid-executor';
import {
  deserializeError,
  epochMs,
  isWorkerEvent,
  policiesOfModule,
  type JobReply,
  type WorkerBootData,
} from './worker-pool.protocol';

/** Options of `WorkerPoolExecutor`; the module's settings give the sizes (defaults in `SCHEDULER_DEFAULTS`). */
export interface WorkerPoolOptions {
  /** Number of worker threads. */
  readonly size: number;
  /** Jobs that may wait for a free worker; one more is refused with `ScheduleBusyError`. */
  readonly queueLimit: number;
  /** Time limit of one job in ms, counted from `run()` (queue wait included, as the client waits it too). */
  readonly timeLimitMs: number;
  /** Whether the workers run `CORE_POLICIES`; false leaves only `extraPolicyModules` (and a faster start). @default true */
  readonly corePolicies?: boolean;
  /** Absolute paths of modules exporting `policies: Policy[]`, loaded in every worker besides `CORE_POLICIES` (tests, plug-ins). @default [] */
  readonly extraPolicyModules?: readonly string[];
  /**
   * Jobs each worker runs once at start, before it takes requests (e.g. a one-hour `basic`), so the
   * first real requests do not pay for module caches and JIT. Their results are discarded and their
   * errors only logged. Must be structured-clone safe. @default []
   */
  readonly warmupJobs?: readonly ScheduleJob[];
  /** V8 heap limits of each worker. @default Node's defaults */
  readonly resourceLimits?: ResourceLimits;
  /** Where worker failures (crash, load or warm-up failure) are reported. @default `new Logger('WorkerPool')` */
  readonly logger?: Pick<LoggerService, 'error'>;
}

/** Figures for a readiness check and for monitoring (`workers`: alive now; `ready`: open, see `poolReady`). */
export interface WorkerPoolStats extends ExecutorStats {
  /** Workers that have loaded their policies and run their warm-up jobs. */
  readonly readyWorkers: number;
  /** Workers replaced since start (time limit, crash). */
  readonly restarts: number;
}

/** The pool was closed (shutdown): HTTP 503 like a full queue, with its own message. */
export class ScheduleExecutorClosedError extends ScheduleBusyError {
  constructor() {
    super(0);
    this.message = 'The server is shutting down; try again shortly.';
    this.name = 'ScheduleExecutorClosedError';
  }
}

// Piscina's own refusals; the pool counts its jobs first, so these only back that count up.
const PISCINA_QUEUE_FULL = new Set(['Task queue is at limit', 'No task queue available and all Workers are busy']);

/**
 * The worker entry beside this file: `worker-pool.worker.js` in the build (`dist/`), or
 * `worker-pool.worker.ts` under ts-jest / ts-node, where each thread must register ts-node itself
 * (a worker does not inherit the parent's require hooks).
 */
function workerEntry(): { readonly filename: string; readonly execArgv?: string[] } {
  const ext = path.extname(__filename);
  const filename = path.join(__dirname, `worker-pool.worker${ext}`);
  if (ext !== '.ts') return { filename };
  let register: string;
  try {
    register = require.resolve('ts-node/register/transpile-only');
  } catch {
    throw new Error('The worker pool runs from TypeScript sources but ts-node is not installed; run the build (dist/) instead');
  }
  return { filename, execArgv: ['--require', register] };
}

/**
 * A copy of a worker's reply, with the one piscina resolved emptied. Piscina's task record (its
 * `TaskInfo`) keeps the promise of each job, and so the reply it resolved, until the HTTP thread's
 * next full collection: the task record holds an arrow function that V8 allocates in the old
 * generation (a function literal assigned to a property is pretenured), which young collections take
 * as a root. A reply left there survived every young collection and was promoted with the schedule
 * in it: the HTTP thread promoted 5.2 MB over 600 one-day requests, 1.8 MB with the reply emptied
 * (`--trace-gc-nvp`; bench/README.md, "Fastify 5.12 and piscina's task record"). Emptied, the
 * record keeps an object with nothing in it.
 */
export function takeReply(reply: JobReply): JobReply {
  const taken = { ...reply } as JobReply;
  for (const key of Object.keys(reply)) delete (reply as unknown as Record<string, unknown>)[key];
  return taken;
}

function errorText(err: unknown): { readonly name: string; readonly message: string } {
  const e = err as { name?: unknown; message?: unknown } | null;
  return typeof e?.message === 'string' ? { name: String(e.name), message: e.message } : { name: 'Error', message: String(err) };
}

function checkInteger(name: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`WorkerPoolOptions.${name} must be an integer of at least ${min}, got ${value}`);
  return value;
}

/** What `warmedFirst` reads of a piscina worker (piscina's `PiscinaWorker` has these). */
export interface BalancedWorker {
  /** The worker's thread id. */
  readonly id: number;
  /** Jobs it is running. */
  readonly currentUsage: number;
}

/**
 * Piscina's load balancer for a pool of one job per worker: an idle worker that has finished its
 * warm-up (its thread id is in `warmed`) first, else any idle worker (what piscina's least-busy
 * balancer picks when each worker takes one job), else none (the job waits in the queue). Piscina
 * counts its first workers ready as soon as they start, before their module, and so the warm-up,
 * has run: with its own balancer the first job after readiness went to the first worker even while
 * that one was still warming up and the other stood warmed and idle, and waited 50-105 ms for it
 * (2 starts in 10, measured).
 */
export function warmedFirst(warmed: ReadonlySet<number>): <W extends BalancedWorker>(task: unknown, workers: readonly W[]) => W | null {
  return <W extends BalancedWorker>(_task: unknown, workers: readonly W[]): W | null => {
    let idle: W | null = null;
    for (const w of workers) {
      if (w.currentUsage !== 0) continue;
      if (warmed.has(w.id)) return w;
      idle ??= w;
    }
    return idle;
  };
}

/**
 * Longest time readiness waits, after the first worker has finished its warm-up, for the others'
 * (they warm up side by side and finish within about 0.1 s of each other; a worker that fails or
 * hangs in its warm-up holds readiness back no longer than this).
 */
export const ALL_WARMED_GRACE_MS = 3_000;

/**
 * Whether a pool can take work well: a worker has finished its warm-up, and so have all the others
 * or `ALL_WARMED_GRACE_MS` has passed since the first did (`msSinceFirstWarmed`). Ready with one
 * warmed worker, the first request came while the other still warmed up on the second core and
 * took 10-23 ms against 5 (5 starts of 16, measured); ready with all, 1 of 16 (13 ms).
 */
export function poolReady(readyWorkers: number, workers: number, msSinceFirstWarmed: number): boolean {
  return readyWorkers > 0 && (readyWorkers >= workers || msSinceFirstWarmed >= ALL_WARMED_GRACE_MS);
}

/** `ScheduleExecutor` over a piscina pool of `size` worker threads, started eagerly. */
export class WorkerPoolExecutor implements RoutingExecutor {
  private readonly size: number;
  private readonly queueLimit: number;
  private readonly timeLimitMs: number;
  private readonly logger: Pick<LoggerService, 'error'>;
  private readonly policyNames: ReadonlySet<string>;
  private readonly pool: Piscina;
  /** One controller per job accepted and not yet settled (running or queued). */
  private readonly jobs = new Set<AbortController>();
  /** Thread ids of the workers that finished their warm-up. */
  private readonly warmed = new Set<number>();
  /** When (`performance.now()`) the first worker finished its warm-up. */
  private firstWarmedAt = Number.POSITIVE_INFINITY;
  private restarts = 0;
  private closing?: Promise<void>;

  constructor(options: WorkerPoolOptions) {
    this.size = checkInteger('size', options.size, 1);
    this.queueLimit = checkInteger('queueLimit', options.queueLimit, 0);
    this.timeLimitMs = checkInteger('timeLimitMs', options.timeLimitMs, 1);
    this.logger = options.logger ?? new Logger('WorkerPool');
    const corePolicies = options.corePolicies ?? true;
    const extraPolicyModules = [...(options.extraPolicyModules ?? [])];
    this.policyNames = new Set([
      ...(corePolicies ? CORE_POLICIES.keys() : []),
      // The main thread loads the extra modules too, only to learn which names to route here.
      ...extraPolicyModules.flatMap((file) => policiesOfModule(require(file) as unknown, file).map((p) => p.name)),
    ]);
    const workerData: WorkerBootData = { corePolicies, extraPolicyModules, warmupJobs: [...(options.warmupJobs ?? [])] };
    this.pool = new Piscina({
      ...workerEntry(),
      minThreads: this.size,
      maxThreads: this.size,
      // Piscina checks this bound only for jobs without an AbortSignal; every job here has one, so
      // `run()` counts its jobs itself and this is a backstop.
      maxQueue: this.queueLimit,
      concurrentTasksPerWorker: 1,
      loadBalancer: warmedFirst(this.warmed),
      resourceLimits: options.resourceLimits,
      workerData,
      recordTiming: false,
    });
    this.pool.on('message', (event: unknown) => this.onWorkerEvent(event));
    this.pool.on('workerDestroy', (worker: { id: number }) => {
      this.warmed.delete(worker.id);
      if (!this.closing) this.restarts++;
    });
    // A worker that fails with no job running (e.g. it cannot load its module).
    this.pool.on('error', (err: Error) => this.logger.error(`A worker thread failed: ${err.stack ?? err.message}`));
  }

  /** Whether `policy` runs in this pool (else a `HybridExecutor` sends it to its in-process fallback). */
  handles(policy: string): boolean {
    return this.policyNames.has(policy);
  }

  /** Computes `job` in a worker; rejects with `ScheduleBusyError`, `ScheduleTimeoutError`, the policy's own error, or an Error for a crash. */
  run(job: ScheduleJob): Promise<ScheduleRun> {
    if (this.closing) return Promise.reject(new ScheduleExecutorClosedError());
    if (!this.handles(job.policy)) return Promise.reject(new Error(`Policy "${job.policy}" is not available in the worker pool`));
    if (this.jobs.size >= this.size + this.queueLimit) return Promise.reject(new ScheduleBusyError(this.queueLimit));
    return this.runInWorker(job);
  }

  /** Current figures (workers, busy, queued, …). */
  stats(): WorkerPoolStats {
    const threads = this.closing ? [] : this.pool.threads;
    const readyWorkers = threads.filter((t) => this.warmed.has(t.threadId)).length;
    const queued = this.closing ? 0 : this.pool.queueSize;
    return {
      workers: threads.length,
      ready: !this.closing && poolReady(readyWorkers, threads.length, performance.now() - this.firstWarmedAt),
      readyWorkers,
      busy: Math.max(0, this.jobs.size - queued),
      queued,
      restarts: this.restarts,
    };
  }

  /** Graceful shutdown: refuses new jobs, rejects waiting and running ones (503), terminates the workers. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.pool.destroy();
    return this.closing;
  }

  private async runInWorker(job: ScheduleJob): Promise<ScheduleRun> {
    const acceptedAt = epochMs();
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new ScheduleTimeoutError(this.timeLimitMs)), this.timeLimitMs);
    this.jobs.add(controller);
    let reply: JobReply;
    try {
      reply = takeReply((await this.pool.run(job, { signal: controller.signal })) as JobReply);
    } catch (err) {
      throw this.failure(job, controller, err);
    } finally {
      clearTimeout(timer);
      this.jobs.delete(controller);
    }
    if (!reply.ok) throw deserializeError(reply.error);
    return { ...reply.result, queueWaitMs: Math.max(0, reply.startedAt - acceptedAt) };
  }

  /** The error a job that got no reply rejects with. */
  private failure(job: ScheduleJob, controller: AbortController, err: unknown): Error {
    if (controller.signal.aborted) return controller.signal.reason as Error; // the time limit
    if (this.closing) return new ScheduleExecutorClosedError();
    // Read by shape: a DataCloneError is a DOMException, not an Error of every realm (e.g. under jest).
    const { name, message } = errorText(err);
    if (PISCINA_QUEUE_FULL.has(message)) {
      controller.abort(); // piscina may have queued it before refusing: drop it
      return new ScheduleBusyError(this.queueLimit);
    }
    const failed =
      name === 'DataCloneError'
        ? new Error(`The job for policy "${job.policy}" cannot be sent to a worker: ${message}`)
        : new Error(`The worker computing policy "${job.policy}" failed: ${message}`); // it died under the job
    this.logger.error(failed.message);
    return failed;
  }

  private onWorkerEvent(event: unknown): void {
    if (!isWorkerEvent(event)) return;
    if (event.type === 'broken') {
      this.logger.error(`Worker thread ${event.threadId} could not load its policies: ${event.error}`);
      return;
    }
    for (const e of event.warmupErrors) this.logger.error(`Worker thread ${event.threadId}: ${e}`);
    // A message can arrive after its worker was terminated (time limit during warm-up): ignore it then.
    if (this.pool.threads.some((t) => t.threadId === event.threadId)) {
      this.warmed.add(event.threadId);
      this.firstWarmedAt = Math.min(this.firstWarmedAt, performance.now());
    }
  }
}
