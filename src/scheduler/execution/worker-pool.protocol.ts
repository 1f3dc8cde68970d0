/**
 * Messages between the worker pool and its worker threads, and how errors cross the thread
 * boundary. Everything here must survive the structured clone of `postMessage`.
 */
import { ConfigError, ScheduleInputError, UnsafeScheduleError } from '../../core/errors';
import type { SafetyReport } from '../../core/safety/report';
import type { Policy, ScheduleResult } from '../../core/policy';
import type { ScheduleJob } from './schedule-executor';

/** Data handed to each worker thread at start (`workerData`). */
export interface WorkerBootData {
  /** Whether the worker loads `CORE_POLICIES`. */
  readonly corePolicies: boolean;
  /** Absolute paths of extra modules whose `policies` export adds policies (test hooks, plug-ins). */
  readonly extraPolicyModules: readonly string[];
  /** Jobs run once before the worker says it is ready, to load caches and compile hot code. */
  readonly warmupJobs: readonly ScheduleJob[];
}

/** Main thread → worker: compute one job. */
export interface JobRequest {
  readonly id: number;
  readonly job: ScheduleJob;
}

/** An error as it crosses the boundary: client errors keep class, message and path; others are only logged. */
export type SerializedError =
  | { readonly kind: 'config'; readonly message: string; readonly path?: string }
  | { readonly kind: 'input'; readonly message: string; readonly path?: string }
  | { readonly kind: 'unsafe'; readonly report: SafetyReport }
  | { readonly kind: 'internal'; readonly detail: string };

/** Worker → main thread. */
export type WorkerMessage =
  | { readonly type: 'ready'; readonly policies: readonly string[]; readonly warmupErrors: readonly string[] }
  | { readonly type: 'result'; readonly id: number; readonly result: ScheduleResult }
  | { readonly type: 'error'; readonly id: number; readonly error: SerializedError };

/** Text of every unexpected error that reaches a client: details stay in the server log. */
export const INTERNAL_ERROR_MESSAGE = 'The schedule could not be computed because of an internal error.';

/** Turns whatever a policy threw into a cloneable description (worker side). */
export function serializeError(err: unknown): SerializedError {
  if (err instanceof ConfigError) return { kind: 'config', message: err.message, path: err.path };
  if (err instanceof ScheduleInputError) return { kind: 'input', message: err.message, path: err.path };
  if (err instanceof UnsafeScheduleError) return { kind: 'unsafe', report: err.report };
  const detail = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  return { kind: 'internal', detail };
}

/**
 * Rebuilds the error on the main thread: the same client-error class, message and path, so the
 * HTTP layer answers 400 exactly as in-process; anything else becomes a plain generic Error.
 */
export function deserializeError(err: SerializedError): Error {
  switch (err.kind) {
    case 'config': {
      // ConfigError composes its message from (path, why); restore the original text verbatim.
      const e = new ConfigError(err.path ?? '', '');
      e.message = err.message;
      return e;
    }
    case 'input':
      return new ScheduleInputError(err.message, err.path);
    case 'unsafe':
      return new UnsafeScheduleError(err.report);
    case 'internal':
      return new Error(INTERNAL_ERROR_MESSAGE);
  }
}

/** Narrows an incoming worker message (defensive: a worker is code we load, not code we trust blindly). */
export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'ready' || type === 'result' || type === 'error';
}

/** The policies a module named in `extraPolicyModules` adds: its `policies` export. */
export function policiesOfModule(mod: unknown, file: string): readonly Policy[] {
  const list = (mod as { policies?: unknown } | null)?.policies;
  if (!Array.isArray(list)) throw new Error(`${file} has no "policies" array export`);
  return list as Policy[];
}
