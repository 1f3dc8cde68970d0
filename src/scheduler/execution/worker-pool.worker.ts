/**
 * Entry of a worker thread of the pool: finds the job's policy among the core policies (plus any
 * extra modules named at start) and runs it. One job at a time; the pool never sends a second
 * one before the first is answered.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { copyPlanBlocks } from '../../core/plan/plan-block';
import type { Policy, ScheduleResult } from '../../core/policy';
import {
  policiesOfModule,
  serializeError,
  type JobRequest,
  type WorkerBootData,
  type WorkerMessage,
} from './worker-pool.protocol';

/** All policies this worker can run: the core registry (unless left out), then the extra modules (which may not shadow it). */
export function loadPolicies(extraModules: readonly string[], corePolicies = true): ReadonlyMap<string, Policy> {
  // Required only when wanted: the core policies pull in the ephemeris and the whole basic pipeline.
  const core = corePolicies ? (require('../../core/policies') as typeof import('../../core/policies')).CORE_POLICIES : [];
  const all = new Map<string, Policy>(core);
  for (const file of extraModules) {
    for (const p of policiesOfModule(require(file), file)) {
      if (all.has(p.name)) throw new Error(`Policy "${p.name}" from ${file} is already registered`);
      all.set(p.name, p);
    }
  }
  return all;
}

function main(): void {
  const port = parentPort;
  if (!port) return; // imported outside a worker (e.g. by a unit test of the helpers above)
  const boot = (workerData ?? { corePolicies: true, extraPolicyModules: [], warmupJobs: [] }) as WorkerBootData;
  const policies = loadPolicies(boot.extraPolicyModules, boot.corePolicies);
  const send = (m: WorkerMessage): void => port.postMessage(m);

  port.on('message', ({ id, job }: JobRequest) => {
    try {
      const policy = policies.get(job.policy);
      if (!policy) throw new Error(`Policy "${job.policy}" is not available in the worker pool`);
      const result = policy.generate(job.t0, job.t1, job.config, job.ctx);
      // Copy only the documented fields: a result object with extra members could fail to clone.
      const plain: { -readonly [K in keyof ScheduleResult]: ScheduleResult[K] } = { commands: result.commands };
      if (result.note !== undefined) plain.note = result.note;
      if (result.blocks !== undefined) plain.blocks = copyPlanBlocks(result.blocks);
      if (result.safety !== undefined) plain.safety = result.safety;
      send({ type: 'result', id, result: plain });
    } catch (err) {
      send({ type: 'error', id, error: serializeError(err) });
    }
  });
  // Warm-up results are thrown away: only the caches and the compiled code they leave matter, and
  // a cache may never change a result, so a warmed worker answers exactly as a cold one.
  const warmupErrors: string[] = [];
  for (const job of boot.warmupJobs) {
    try {
      const policy = policies.get(job.policy);
      if (!policy) throw new Error(`Policy "${job.policy}" is not available in the worker pool`);
      policy.generate(job.t0, job.t1, job.config, job.ctx);
    } catch (err) {
      warmupErrors.push(`warm-up job for policy "${job.policy}" failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  send({ type: 'ready', policies: [...policies.keys()], warmupErrors });
}

main();
