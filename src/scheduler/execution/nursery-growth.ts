/**
 * A process that holds its main thread's young generation (the standalone server does, see
 * `server/lifecycle/young-generation.ts`) sets V8's `--semi-space-growth-factor` for the whole
 * process. V8 11 (Node 20) puts that flag back to 2 whenever an isolate is made, i.e. as each
 * worker thread starts; the main thread sets it again when the worker's `online` event reaches it,
 * but until then its own scavenges may grow its nursery (seen: 2 × 4-8 MB at readiness instead of
 * 2 × 2 MB). So such a process names the factor in `NURSERY_GROWTH_FACTOR_ENV`, and each worker
 * thread of the pool sets it again as the first thing it does. Without the variable (a host app
 * that holds nothing) the worker leaves V8's flags alone.
 */
import { setFlagsFromString } from 'node:v8';

/** The growth factor the process keeps (an integer from 1 to 9), for the pool's threads to set again. */
export const NURSERY_GROWTH_FACTOR_ENV = 'SCHEDULER_NURSERY_GROWTH_FACTOR';

/** Sets V8's semi-space growth factor to what `env` names, if it names one (1-9); returns whether it did. */
export function restoreNurseryGrowthFactor(env: NodeJS.ProcessEnv = process.env, set: (flags: string) => void = setFlagsFromString): boolean {
  const raw = env[NURSERY_GROWTH_FACTOR_ENV];
  if (raw === undefined || !/^[1-9]$/.test(raw)) return false;
  set(`--semi-space-growth-factor=${raw}`);
  return true;
}
