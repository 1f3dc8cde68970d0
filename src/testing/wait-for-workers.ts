/**
 * Waits until an executor's pool has `n` warmed workers: specs measure a pool only once its
 * workers have loaded (under ts-jest each one compiles the core with ts-node, seconds each).
 */
import type { ScheduleExecutor } from '../scheduler/execution/schedule-executor';

/** Resolves once `executor.stats().readyWorkers >= n`; rejects after `timeoutMs`. */
export async function waitForWorkers(executor: ScheduleExecutor, n: number, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  for (;;) {
    const stats = executor.stats?.() as { readyWorkers?: number } | undefined;
    if ((stats?.readyWorkers ?? 0) >= n) return;
    if (Date.now() - start > timeoutMs) throw new Error(`${n} worker(s) not ready after ${timeoutMs} ms: ${JSON.stringify(stats)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
