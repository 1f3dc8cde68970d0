/**
 * How the server process is started so that it stays smaller in operation, and what was measured
 * about the memory of a server that has been answering requests for a while.
 *
 * A fresh server measures well (Node 20, 2 cores: about 140 MB at readiness, 148-157 MB with both
 * workers computing 30 days), but V8 sizes the HTTP thread's heap by what it has seen. The same busy
 * test after 600 one-day requests peaked at 185 MB (two runs), and a few seconds of `dummy` load
 * (wrk, 16 connections) left one process at 209-238 MB resident (peaks 258-260 MB): the nursery grows
 * from 2 × 1 MB to 2 × 16 MB (the start-up hold of `startup-young-generation.ts` does not stop that
 * in operation: kept on, it grew to 25 MB), and the old generation may grow to about 2.5 times its
 * size after the last full collection before the next one.
 *
 * What the server is started with: `MALLOC_ARENA_MAX=2` (read by glibc when the process starts): at
 * most two malloc arenas instead of one per thread that ever allocated (V8's compiler and GC threads
 * and the schedule workers; memory freed in an arena stays resident). After 600 one-day requests the
 * busy peak is 175-176 MB instead of 185 (two runs each), and `dummy` throughput is the same (two
 * clusters up at once, eight alternating 3-s wrk bursts: 1.009 times the plain one, median of pairs).
 *
 * Measured and not used, because each costs `dummy` throughput that the cluster's lead over the
 * original (1.05-1.16x in the bench) cannot spare (same pairing, 1.0 = no change):
 *
 * | on top of two arenas | busy peak after 600 one-day requests | after `dummy` load: resident / peak | cluster `dummy` |
 * | --- | --- | --- | --- |
 * | none | 175-176 MB | 210-218 / 253-254 MB | 1.009 |
 * | `--heap-growing-percent=50` (old generation grows by half) | 170-173 MB | 180-184 / 183-188 MB | 0.926 |
 * | `--max-semi-space-size=1` (nursery 2 × 1 MB) | 154-156 MB | | 0.94 |
 * | both | 151-153 MB | 151-153 / 152-154 MB | 0.932 |
 *
 * The small nursery costs under concurrency: with sixteen requests in flight each scavenge copies
 * what they hold (one request at a time, the CPU a `dummy` request takes is the same with and
 * without). Allocating less per request on the HTTP path is what would let both targets hold.
 */

/** Environment the server is started with (`npm run start:prod`, the Docker image, the bench, the e2e helper). */
export const SERVER_ENV: Readonly<Record<string, string>> = Object.freeze({ MALLOC_ARENA_MAX: '2' });

/** The shell command that starts `script` with the settings (the `start` scripts of package.json are these). */
export function startCommand(script: string): string {
  const env = Object.entries(SERVER_ENV).map(([name, value]) => `${name}=${value}`);
  return [...env, 'node', script].join(' ');
}

/** The start of the log line of a server started without the settings. */
export const MISSING_SETTINGS_MESSAGE = 'Started without the memory settings of lifecycle/memory-settings.ts, so the process keeps more memory in operation';

/**
 * The start settings this process lacks, in words for the log: each variable of `SERVER_ENV` that
 * is not set (an operator's own value counts as set).
 */
export function missingStartSettings(env: NodeJS.ProcessEnv): string[] {
  const missing: string[] = [];
  for (const [name, value] of Object.entries(SERVER_ENV)) {
    if (env[name] === undefined) missing.push(`environment ${name}=${value}`);
  }
  return missing;
}
