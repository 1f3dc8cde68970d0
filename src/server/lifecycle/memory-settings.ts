/**
 * How the server process is started so that it stays small in operation, not only at readiness.
 *
 * A fresh server measures well (Node 20, 2 cores: 140 MB at readiness, 157 MB with both workers
 * computing 30 days), but V8 sizes the HTTP thread's heap by what it has seen: after 600 one-day
 * requests the same busy test peaked at 178-186 MB, and a few seconds of `dummy` load left the
 * process at 206-231 MB resident (peaks 250-262 MB), because the nursery grows from 2 × 1 MB to
 * 2 × 16 MB (the start-up hold of `startup-young-generation.ts` does not stop that in operation:
 * measured, it grew to 25 MB held) and the old generation may grow to about 2.5 times its size
 * after the last full collection before the next one. Three settings bound it:
 *
 * - `--max-semi-space-size=1` (a Node flag: V8 reads it when it creates the heap, so it must be on
 *   the command line or in `NODE_OPTIONS`): the nursery stays 2 × 1 MB. The workers set their own
 *   young generation (`WORKER_RESOURCE_LIMITS`), so the flag bounds the HTTP thread.
 * - `--heap-growing-percent=50`, set by the server itself at start (`applyHeapGrowing`): the old
 *   generation grows by half before the next full collection instead of up to 2.5 times.
 * - `MALLOC_ARENA_MAX=2` (environment, read by glibc when the process starts): at most two malloc
 *   arenas, instead of one per thread that ever allocated (V8's compiler threads hold freed zones).
 *
 * Measured with all three (five alternating pairs, 2 cores): after 600 one-day requests the busy
 * peak 151-164 MB against 178-186; after `dummy` load 146-160 MB resident (peaks 148-161) against
 * 206-231 (250-262); `dummy` throughput 3-7 % lower (3,758-3,912 against 3,911-4,189 req/s with
 * wrk); one-day and 30-day times the same within the machine's noise. `npm run start:prod`, the
 * cluster script, the Docker image and the bench all start the server with them; a server started
 * without them says so in its log (`missingStartSettings`).
 */
import { setFlagsFromString } from 'node:v8';

/** Node flags the server is started with (`node <flags> dist/server/main.js`). */
export const SERVER_NODE_FLAGS: readonly string[] = Object.freeze(['--max-semi-space-size=1']);

/** Environment the server is started with. */
export const SERVER_ENV: Readonly<Record<string, string>> = Object.freeze({ MALLOC_ARENA_MAX: '2' });

/** The shell command that starts `script` with the settings (the `start` scripts of package.json are these). */
export function startCommand(script: string): string {
  const env = Object.entries(SERVER_ENV).map(([name, value]) => `${name}=${value}`);
  return [...env, 'node', ...SERVER_NODE_FLAGS, script].join(' ');
}

/** The V8 flag `applyHeapGrowing` sets, and its value. */
export const HEAP_GROWING_FLAG = '--heap-growing-percent';
export const HEAP_GROWING_PERCENT = 50;

/** The flag's name, `_` and `-` alike (V8 takes both inside a name), without its value. */
function flagName(arg: string): string {
  return arg.split('=', 1)[0].replace(/_/g, '-');
}

/** The flags of `NODE_OPTIONS` (space-separated; quoting is not needed for these flags). */
function nodeOptionFlags(nodeOptions: string | undefined): string[] {
  return (nodeOptions ?? '').split(/\s+/).filter((s) => s.startsWith('--'));
}

/** Whether `flag` (a name such as `--max-semi-space-size`) is set on the command line or in `NODE_OPTIONS`, to any value. */
export function flagGiven(flag: string, execArgv: readonly string[], nodeOptions: string | undefined): boolean {
  const name = flagName(flag);
  return [...execArgv, ...nodeOptionFlags(nodeOptions)].some((a) => flagName(a) === name);
}

/**
 * Sets the old generation's growth (`HEAP_GROWING_FLAG`) for this process, unless the operator
 * gave the flag a value of their own. V8 reads it after each full collection, so setting it while
 * running takes effect. Returns whether it was set.
 */
export function applyHeapGrowing(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
  setFlags: (flags: string) => void = setFlagsFromString,
): boolean {
  if (flagGiven(HEAP_GROWING_FLAG, execArgv, nodeOptions)) return false;
  setFlags(`${HEAP_GROWING_FLAG}=${HEAP_GROWING_PERCENT}`);
  return true;
}

/** The start of the log line of a server started without the settings. */
export const MISSING_SETTINGS_MESSAGE = 'Started without the memory settings of lifecycle/memory-settings.ts, so the process grows in operation';

/**
 * The start settings this process lacks, in words for the log: a flag of `SERVER_NODE_FLAGS` not
 * given at all (an operator's own value counts as given), a variable of `SERVER_ENV` not set.
 */
export function missingStartSettings(execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  for (const flag of SERVER_NODE_FLAGS) {
    if (!flagGiven(flag, execArgv, env.NODE_OPTIONS)) missing.push(`node flag ${flag}`);
  }
  for (const [name, value] of Object.entries(SERVER_ENV)) {
    if (env[name] === undefined) missing.push(`environment ${name}=${value}`);
  }
  return missing;
}
