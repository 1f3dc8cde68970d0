/**
 * The readiness verdict from its inputs (pure, so it is tested without a server): policies
 * registered, executor able to take work, data directory readable, warm-up over, not shutting down.
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { ExecutorStats } from '../../scheduler';

/** What readiness looks at. */
export interface ReadinessInput {
  /** Names of the registered policies. */
  readonly policies: readonly string[];
  /** The executor's counters, when it has any (an in-process executor has none and is always ready). */
  readonly executor?: ExecutorStats;
  readonly dataDirReadable: boolean;
  /** True while the server sends its own warm-up requests (`main.ts`); absent means false. */
  readonly warmingUp?: boolean;
  readonly draining: boolean;
}

/** The body of `GET /health/ready`. No file path appears in it. */
export interface ReadinessReport {
  readonly status: 'ok' | 'error';
  readonly message: string;
  readonly checks: {
    readonly policies: { readonly ok: boolean; readonly names: readonly string[] };
    readonly executor: { readonly ok: boolean; readonly workers?: number; readonly busy?: number; readonly queued?: number };
    readonly dataDir: { readonly ok: boolean };
    readonly warmUp: { readonly ok: boolean };
    readonly shutdown: { readonly ok: boolean };
  };
}

/** Decides readiness; `message` lists every failing check in words an operator can act on. */
export function assessReadiness(input: ReadinessInput): ReadinessReport {
  const policiesOk = input.policies.length > 0;
  const executorOk = input.executor?.ready ?? true;
  const problems: string[] = [];
  if (!policiesOk) problems.push('no schedule policy is registered');
  if (!executorOk) problems.push('the schedule executor cannot take work (no worker is running)');
  if (!input.dataDirReadable) problems.push('the data directory (SCHEDULER_DATA_DIR) is missing or not readable');
  if (input.warmingUp === true) problems.push('the server is warming up its request path');
  if (input.draining) problems.push('the server is shutting down');
  const ex = input.executor;
  return {
    status: problems.length === 0 ? 'ok' : 'error',
    message: problems.length === 0 ? 'Ready' : `Not ready: ${problems.join('; ')}`,
    checks: {
      policies: { ok: policiesOk, names: [...input.policies] },
      executor: ex ? { ok: executorOk, workers: ex.workers, busy: ex.busy, queued: ex.queued } : { ok: executorOk },
      dataDir: { ok: input.dataDirReadable },
      warmUp: { ok: input.warmingUp !== true },
      shutdown: { ok: !input.draining },
    },
  };
}

/** True when `dir` is a directory this process may list and read. */
export async function isReadableDirectory(dir: string): Promise<boolean> {
  try {
    if (!(await stat(dir)).isDirectory()) return false;
    await access(dir, constants.R_OK | constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
