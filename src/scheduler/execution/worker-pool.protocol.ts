/**
 * What crosses the thread boundary between the pool and its piscina workers: the boot data, the
 * answer to a job, and errors, rebuilt by name. Everything here survives the structured clone.
 */
import { ConfigError, ScheduleInputError, UnsafeScheduleError } from '../../core/errors';
import { copyPlanBlocks } from '../../core/plan/plan-block';
import type { Policy, ScheduleResult } from '../../core/policy';
import type { ScheduleJob } from './schedule-executor';

/** Data handed to each worker thread at start (`workerData`). */
export interface WorkerBootData {
  /** Whether the worker loads `CORE_POLICIES`. */
  readonly corePolicies: boolean;
  /** Absolute paths of extra modules whose `policies` export adds policies (test hooks, plug-ins). */
  readonly extraPolicyModules: readonly string[];
  /** Jobs run once before the worker takes requests, to load caches and compile hot code. */
  readonly warmupJobs: readonly ScheduleJob[];
}

/** Worker → pool, once per worker: its warm-up is over (failures listed), or it could not load its policies. */
export type WorkerEvent =
  | { readonly type: 'warmed'; readonly threadId: number; readonly warmupErrors: readonly string[] }
  | { readonly type: 'broken'; readonly threadId: number; readonly error: string };

/** An error as it crosses: name, message and stack, plus the own fields of a client error (`path`). */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** Set only for an instance of a client error class: it is then rebuilt with that class. */
  readonly clientFields?: Readonly<Record<string, unknown>>;
}

/**
 * The worker's answer to one job. Errors come back as data rather than thrown: a thrown error's
 * class and fields (`path`) would not survive the clone. `startedAt` (epoch ms) gives the queue wait.
 */
export type JobReply =
  | { readonly ok: true; readonly result: ScheduleResult; readonly startedAt: number }
  | { readonly ok: false; readonly error: SerializedError; readonly startedAt: number };

/**
 * Errors rebuilt with their class and fields on the main thread, so they answer as in-process: the
 * client errors 400, and an unsafe schedule its fixed 500 with the checker's report for the log.
 */
const CLIENT_ERRORS: ReadonlyMap<string, abstract new (...args: never[]) => Error> = new Map<string, abstract new (...args: never[]) => Error>([
  ['ScheduleInputError', ScheduleInputError],
  ['ConfigError', ConfigError],
  ['UnsafeScheduleError', UnsafeScheduleError],
]);

/** The documented fields of a `ScheduleResult`: only these are copied across (a result with other members could fail to clone). */
const RESULT_FIELDS = ['commands', 'note', 'blocks', 'safety'] as const;

/** Epoch milliseconds with sub-millisecond precision, comparable between threads. */
export function epochMs(): number {
  return performance.timeOrigin + performance.now();
}

/** The fields of a `ScheduleResult` a script-only job gets back (`ScheduleJob.scriptOnly`). */
const SCRIPT_FIELDS = ['commands', 'note'] as const;

/** `result` as plain data: the documented fields that are set (only `commands` and `note` when `scriptOnly`). */
export function plainResult(result: ScheduleResult, scriptOnly = false): ScheduleResult {
  const source = result as unknown as Readonly<Record<string, unknown>>;
  const plain: Record<string, unknown> = {};
  for (const key of scriptOnly ? SCRIPT_FIELDS : RESULT_FIELDS) if (source[key] !== undefined) plain[key] = source[key];
  // A policy's own block objects may carry members that do not survive the structured clone.
  if (!scriptOnly && result.blocks !== undefined) plain.blocks = copyPlanBlocks(result.blocks);
  return plain as unknown as ScheduleResult;
}

/** Turns whatever a policy threw into cloneable data (worker side). */
export function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const client = CLIENT_ERRORS.get(err.name);
  // Own enumerable fields only (`name`, `path`), and only of a real client error: a bug that merely
  // calls itself "ConfigError" must stay a bug (500), not become a 400.
  const clientFields = client && err instanceof client ? { ...err } : undefined;
  return { name: err.name, message: err.message, stack: err.stack, clientFields };
}

/**
 * Rebuilds the error on the main thread: a client error with its class, message and fields (so the
 * HTTP layer answers 400 exactly as in-process); any other error as an `Error` with the same name,
 * message and stack, which the HTTP layer logs and answers with its generic 500.
 */
export function deserializeError(err: SerializedError): Error {
  const client = err.clientFields && CLIENT_ERRORS.get(err.name);
  const error = client ? (Object.create(client.prototype) as Error) : new Error(err.message);
  Object.assign(error, err.clientFields ?? {});
  error.name = err.name;
  error.message = err.message;
  if (err.stack !== undefined) error.stack = err.stack;
  return error;
}

/** Narrows a message a worker posted outside piscina's protocol. */
export function isWorkerEvent(value: unknown): value is WorkerEvent {
  if (typeof value !== 'object' || value === null) return false;
  const { type, threadId } = value as { type?: unknown; threadId?: unknown };
  return (type === 'warmed' || type === 'broken') && typeof threadId === 'number';
}

/** The policies a module named in `extraPolicyModules` adds: its `policies` export. */
export function policiesOfModule(mod: unknown, file: string): readonly Policy[] {
  const list = (mod as { policies?: unknown } | null)?.policies;
  if (!Array.isArray(list)) throw new Error(`${file} has no "policies" array export`);
  return list as Policy[];
}
