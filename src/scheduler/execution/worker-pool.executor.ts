/**
 * Runs the core policies in a pool of worker threads, so a long schedule never blocks the event
 * loop: a bounded queue (full → `ScheduleBusyError` at once) and a per-request time limit (expired →
 * `ScheduleTimeoutError`, and the worker running it is terminated and replaced).
 */
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { Policy, ScheduleResult } from '../../core/policy';
import { CORE_POLICIES } from '../../core/policies';
import {
  ScheduleBusyError,
  ScheduleTimeoutError,
  type ExecutorStats,
  type ScheduleExecutor,
  type ScheduleJob,
  type ScheduleRun,
} from './schedule-executor';
import {
  INTERNAL_ERROR_MESSAGE,
  deserializeError,
  isWorkerMessage,
  policiesOfModule,
  type JobRequest,
  type WorkerBootData,
  type WorkerMessage,
} from './worker-pool.protocol';

/** Options of `WorkerPoolExecutor`. */
export interface WorkerPoolOptions {
  /** Number of worker threads. @default os.availableParallelism() */
  readonly size?: number;
  /** Jobs that may wait for a free worker; one more is refused with `ScheduleBusyError`. @default 64 */
  readonly queueLimit?: number;
  /** Time limit of one job in ms, counted from `run()` (queue wait included, as the client waits it too). @default 30000 */
  readonly timeLimitMs?: number;
  /** Whether the workers run `CORE_POLICIES`; false leaves only `extraPolicyModules` (and a faster start). @default true */
  readonly corePolicies?: boolean;
  /** Absolute paths of modules exporting `policies: Policy[]`, loaded in every worker besides `CORE_POLICIES` (tests, plug-ins). @default [] */
  readonly extraPolicyModules?: readonly string[];
  /**
   * Jobs each worker runs once at start, before it takes requests (e.g. a one-hour `basic`), so the
   * first real requests do not pay for module caches and JIT. Their results are discarded and their
   * errors only reported to `onError`. Must be structured-clone safe. @default []
   */
  readonly warmupJobs?: readonly ScheduleJob[];
  /** V8 heap limits of each worker, so one runaway schedule cannot take the process down. @default Node's defaults */
  readonly resourceLimits?: ResourceLimits;
  /** Where unexpected errors (a policy's stack trace, a worker crash) are reported. @default console.error */
  readonly onError?: (message: string) => void;
}

/** Figures for a readiness check and for monitoring (`workers`: alive now; `ready`: open with a loaded worker). */
export interface WorkerPoolStats extends ExecutorStats {
  /** Configured number of workers. */
  readonly size: number;
  /** Workers that have loaded their policies (and run their warm-up jobs). */
  readonly readyWorkers: number;
  readonly queueLimit: number;
  readonly timeLimitMs: number;
  /** Workers replaced since start (time limit, crash). */
  readonly restarts: number;
  readonly closed: boolean;
}

/** The pool was closed (shutdown): HTTP 503 like a full queue, with its own message. */
export class ScheduleExecutorClosedError extends ScheduleBusyError {
  constructor() {
    super(0);
    this.message = 'The server is shutting down; try again shortly.';
    this.name = 'ScheduleExecutorClosedError';
  }
}

interface Task {
  readonly id: number;
  readonly job: ScheduleJob;
  readonly resolve: (r: ScheduleRun) => void;
  readonly reject: (e: Error) => void;
  /** `performance.now()` at `run()`, for `queueWaitMs`. */
  readonly accepted: number;
  queueWaitMs?: number;
  timer?: NodeJS.Timeout;
  settled?: boolean;
  slot?: Slot;
}

interface Slot {
  readonly index: number;
  worker?: Worker;
  ready: boolean;
  task?: Task;
  /** Consecutive deaths before becoming ready: drives the restart back-off. */
  startFailures: number;
  restartTimer?: NodeJS.Timeout;
}

const DEFAULT_QUEUE_LIMIT = 64;
const DEFAULT_TIME_LIMIT_MS = 30_000;
const MAX_RESTART_DELAY_MS = 5_000;

/**
 * Where the worker entry is and how to start it. Beside this file there is `worker-pool.worker.js`
 * when running the build (`dist/`), or `worker-pool.worker.ts` under ts-jest / ts-node, where the
 * thread must register ts-node itself (a worker does not inherit the parent's require hooks).
 */
function workerLaunch(): { readonly entry: string; readonly evalCode?: string } {
  const ext = path.extname(__filename);
  const entry = path.join(__dirname, `worker-pool.worker${ext}`);
  if (ext !== '.ts') return { entry };
  let tsNode: string;
  try {
    tsNode = require.resolve('ts-node');
  } catch {
    throw new Error('The worker pool runs from TypeScript sources but ts-node is not installed; run the build (dist/) instead');
  }
  const options = { transpileOnly: true, projectSearchDir: __dirname, compilerOptions: { module: 'commonjs' } };
  const evalCode = `require(${JSON.stringify(tsNode)}).register(${JSON.stringify(options)});\nrequire(${JSON.stringify(entry)});`;
  return { entry, evalCode };
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`WorkerPoolOptions.${name} must be a positive integer, got ${value}`);
  return value;
}

/** `ScheduleExecutor` over a pool of worker threads sized to the cores; started eagerly. */
export class WorkerPoolExecutor implements ScheduleExecutor {
  private readonly size: number;
  private readonly queueLimit: number;
  private readonly timeLimitMs: number;
  private readonly corePolicies: boolean;
  private readonly extraPolicyModules: readonly string[];
  private readonly warmupJobs: readonly ScheduleJob[];
  private readonly resourceLimits?: ResourceLimits;
  private readonly onError: (message: string) => void;
  private readonly policyNames: ReadonlySet<string>;
  private readonly launch: { readonly entry: string; readonly evalCode?: string };
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private readonly readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  private nextId = 1;
  private restarts = 0;
  private closed = false;

  constructor(options: WorkerPoolOptions = {}) {
    this.size = positiveInt('size', options.size ?? availableParallelism());
    this.queueLimit = options.queueLimit ?? DEFAULT_QUEUE_LIMIT;
    if (!Number.isInteger(this.queueLimit) || this.queueLimit < 0) {
      throw new RangeError(`WorkerPoolOptions.queueLimit must be a non-negative integer, got ${this.queueLimit}`);
    }
    this.timeLimitMs = positiveInt('timeLimitMs', options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS);
    this.corePolicies = options.corePolicies ?? true;
    this.extraPolicyModules = [...(options.extraPolicyModules ?? [])];
    this.warmupJobs = [...(options.warmupJobs ?? [])];
    this.resourceLimits = options.resourceLimits;
    this.onError = options.onError ?? ((m) => console.error(m));
    this.policyNames = new Set([...(this.corePolicies ? CORE_POLICIES.keys() : []), ...this.extraNames()]);
    this.launch = workerLaunch();
    for (let index = 0; index < this.size; index++) {
      const slot: Slot = { index, ready: false, startFailures: 0 };
      this.slots.push(slot);
      this.spawn(slot);
    }
  }

  /** Whether `policy` runs in this pool (else a `HybridExecutor` sends it to its in-process fallback). */
  handles(policy: string): boolean {
    return this.policyNames.has(policy);
  }

  /** Computes `job` in a worker; rejects with `ScheduleBusyError`, `ScheduleTimeoutError`, the policy's client errors, or a generic Error. */
  run(job: ScheduleJob): Promise<ScheduleRun> {
    if (this.closed) return Promise.reject(new ScheduleExecutorClosedError());
    if (!this.handles(job.policy)) {
      return Promise.reject(new Error(`Policy "${job.policy}" is not available in the worker pool`));
    }
    const slot = this.idleSlot();
    if (!slot && this.queue.length >= this.queueLimit) return Promise.reject(new ScheduleBusyError(this.queueLimit));
    return new Promise<ScheduleRun>((resolve, reject) => {
      const task: Task = { id: this.nextId++, job, resolve, reject, accepted: performance.now() };
      task.timer = setTimeout(() => this.expire(task), this.timeLimitMs);
      if (slot) this.dispatch(slot, task);
      else this.queue.push(task);
    });
  }

  /** Resolves once every worker has loaded its policies (start-up, or a readiness probe). */
  ready(): Promise<void> {
    if (this.closed) return Promise.reject(new ScheduleExecutorClosedError());
    if (this.slots.every((s) => s.ready)) return Promise.resolve();
    return new Promise((resolve, reject) => this.readyWaiters.push({ resolve, reject }));
  }

  /** Current figures (workers, busy, queued, …). */
  stats(): WorkerPoolStats {
    return {
      size: this.size,
      workers: this.slots.filter((s) => s.worker).length,
      ready: !this.closed && this.slots.some((s) => s.ready),
      readyWorkers: this.slots.filter((s) => s.ready).length,
      busy: this.slots.filter((s) => s.task).length,
      queued: this.queue.length,
      queueLimit: this.queueLimit,
      timeLimitMs: this.timeLimitMs,
      restarts: this.restarts,
      closed: this.closed,
    };
  }

  /** Graceful shutdown: refuses new jobs, rejects waiting and running ones (503), terminates the workers. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closedError = new ScheduleExecutorClosedError();
    for (const task of this.queue.splice(0)) this.settle(task, closedError);
    for (const w of this.readyWaiters.splice(0)) w.reject(closedError);
    const exits: Promise<number>[] = [];
    for (const slot of this.slots) {
      if (slot.restartTimer) clearTimeout(slot.restartTimer);
      if (slot.task) this.settle(slot.task, closedError);
      slot.task = undefined;
      const worker = slot.worker;
      slot.worker = undefined;
      slot.ready = false;
      if (worker) {
        worker.removeAllListeners();
        worker.on('error', () => undefined); // an error racing the termination has no one left to tell
        exits.push(worker.terminate());
      }
    }
    await Promise.all(exits);
  }

  private extraNames(): string[] {
    return this.extraPolicyModules.flatMap((file) =>
      // The main thread loads the module too, only to learn which names to route here.
      policiesOfModule(require(file) as unknown, file).map((p: Policy) => p.name),
    );
  }

  private spawn(slot: Slot): void {
    const workerData: WorkerBootData = {
      corePolicies: this.corePolicies,
      extraPolicyModules: this.extraPolicyModules,
      warmupJobs: this.warmupJobs,
    };
    const { entry, evalCode } = this.launch;
    const worker = evalCode
      ? new Worker(evalCode, { eval: true, workerData, resourceLimits: this.resourceLimits })
      : new Worker(entry, { workerData, resourceLimits: this.resourceLimits });
    slot.worker = worker;
    slot.ready = false;
    // An idle pool must not keep a CLI or a test process alive; a busy worker does (see dispatch).
    worker.unref();
    worker.on('message', (msg: unknown) => this.onMessage(slot, worker, msg));
    worker.on('messageerror', (err: Error) => this.onCrash(slot, worker, `could not read a message: ${err.message}`));
    worker.on('error', (err: Error) => this.onCrash(slot, worker, err.stack ?? err.message));
    worker.on('exit', (code: number) => this.onCrash(slot, worker, `exited with code ${code}`));
  }

  private onMessage(slot: Slot, worker: Worker, msg: unknown): void {
    if (slot.worker !== worker || !isWorkerMessage(msg)) return;
    const m: WorkerMessage = msg;
    if (m.type === 'ready') {
      for (const e of m.warmupErrors) this.onError(`[worker-pool] worker ${slot.index}: ${e}`);
      slot.ready = true;
      slot.startFailures = 0;
      if (this.slots.every((s) => s.ready)) for (const w of this.readyWaiters.splice(0)) w.resolve();
      return;
    }
    const task = slot.task;
    if (!task || task.id !== m.id) return; // an answer to a job that already timed out
    slot.task = undefined;
    worker.unref();
    if (m.type === 'result') this.settle(task, undefined, m.result);
    else {
      if (m.error.kind === 'internal') this.onError(`[worker-pool] policy "${task.job.policy}" failed: ${m.error.detail}`);
      this.settle(task, deserializeError(m.error));
    }
    this.pump();
  }

  /** A worker died or failed: fail its job with a generic error and start a replacement. */
  private onCrash(slot: Slot, worker: Worker, why: string): void {
    if (slot.worker !== worker) return; // already replaced, or closed
    worker.removeAllListeners();
    worker.on('error', () => undefined);
    void worker.terminate();
    slot.worker = undefined;
    const task = slot.task;
    slot.task = undefined;
    const wasReady = slot.ready;
    slot.ready = false;
    this.onError(`[worker-pool] worker ${slot.index} ${why}${task ? ` while computing policy "${task.job.policy}"` : ''}`);
    if (task) this.settle(task, new Error(INTERNAL_ERROR_MESSAGE));
    if (this.closed) return;
    this.restarts++;
    // A worker that cannot even start (a broken build) must not spin: back off up to 5 s.
    if (!wasReady) slot.startFailures++;
    const delay = slot.startFailures === 0 ? 0 : Math.min(MAX_RESTART_DELAY_MS, 100 * 2 ** (slot.startFailures - 1));
    if (delay === 0) {
      this.spawn(slot);
      this.pump();
    } else {
      slot.restartTimer = setTimeout(() => {
        slot.restartTimer = undefined;
        if (this.closed) return;
        this.spawn(slot);
        this.pump();
      }, delay);
      slot.restartTimer.unref();
    }
  }

  private dispatch(slot: Slot, task: Task): void {
    const worker = slot.worker;
    if (!worker) throw new Error('dispatch to a slot without a worker');
    const request: JobRequest = { id: task.id, job: task.job };
    try {
      worker.postMessage(request);
    } catch (err) {
      // A config that structured clone cannot copy (functions, class instances with private state).
      this.onError(`[worker-pool] job for policy "${task.job.policy}" cannot be sent to a worker: ${(err as Error).message}`);
      this.settle(task, new Error(INTERNAL_ERROR_MESSAGE));
      return;
    }
    task.slot = slot;
    task.queueWaitMs = performance.now() - task.accepted;
    slot.task = task;
    worker.ref();
  }

  /** A worker without a job, preferring one that has finished loading (a replacement may still be starting). */
  private idleSlot(): Slot | undefined {
    let starting: Slot | undefined;
    for (const s of this.slots) {
      if (!s.worker || s.task) continue;
      if (s.ready) return s;
      starting ??= s;
    }
    return starting;
  }

  private pump(): void {
    for (let slot = this.idleSlot(); slot && this.queue.length > 0; slot = this.idleSlot()) {
      this.dispatch(slot, this.queue.shift() as Task);
    }
  }

  /** The time limit of `task` expired: drop it from the queue, or abandon its worker. */
  private expire(task: Task): void {
    task.timer = undefined;
    const queued = this.queue.indexOf(task);
    if (queued >= 0) this.queue.splice(queued, 1);
    const slot = task.slot;
    if (slot && slot.task === task && slot.worker) {
      // terminate() stops even a tight loop; the replacement starts at once and takes the next job.
      const worker = slot.worker;
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      void worker.terminate();
      slot.worker = undefined;
      slot.task = undefined;
      slot.ready = false;
      this.restarts++;
      this.spawn(slot);
    }
    this.settle(task, new ScheduleTimeoutError(this.timeLimitMs));
    this.pump();
  }

  private settle(task: Task, error: Error | undefined, result?: ScheduleResult): void {
    if (task.settled) return;
    task.settled = true;
    if (task.timer) clearTimeout(task.timer);
    task.timer = undefined;
    if (error) task.reject(error);
    else task.resolve({ ...(result as ScheduleResult), queueWaitMs: task.queueWaitMs ?? 0 });
  }
}
