/**
 * The request id of the server's own warm-up requests (`http-warm-up.ts`), which the request log
 * writes at debug level. Its own module, free of the scheduler's, because the cluster's primary
 * draws it too.
 */
import { randomBytes } from 'node:crypto';

/** Environment variable through which a cluster's primary gives its processes one warm-up id. */
export const WARM_UP_ID_ENV = 'SCHEDULER_WARM_UP_ID';

const SANE_WARM_UP_ID = /^server-warm-up-[0-9a-f]{16}$/;

/** A fresh warm-up id: `server-warm-up-` and 16 random hex digits. */
export function newWarmUpId(): string {
  return `server-warm-up-${randomBytes(8).toString('hex')}`;
}

let processWarmUpId: string | undefined;

/**
 * This process's warm-up request id: the one its cluster primary set in `SCHEDULER_WARM_UP_ID` (so
 * that a process logs the warm-up requests of the others at debug level too), else a random one
 * drawn once. A client cannot guess it, so it cannot move its own requests out of the info log.
 */
export function warmUpRequestId(env: NodeJS.ProcessEnv = process.env): string {
  const given = env[WARM_UP_ID_ENV];
  if (given !== undefined && SANE_WARM_UP_ID.test(given)) return given;
  processWarmUpId ??= newWarmUpId();
  return processWarmUpId;
}
