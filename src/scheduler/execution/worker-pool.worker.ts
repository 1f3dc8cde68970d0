/**
 * The task module piscina loads in each worker thread: it loads the policies and runs the warm-up
 * jobs once (the worker reads no job before this module has loaded), then answers each job with a
 * `JobReply`. One job at a time per worker.
 */
// First: before this thread allocates much (see nursery-growth.ts).
import './restore-nursery-growth';
import { isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import type { Policy } from '../../core/policy';
import type { ScheduleJob } from './schedule-executor';
import {
  epochMs,
  plainResult,
  policiesOfModule,
  serializeError,
  type JobReply,
  type WorkerBootData,
  type WorkerEvent,
} from './worker-pool.protocol';

/** All policies a worker can run: the core registry (unless left out), then the extra modules (which may not shadow it). */
function loadPolicies(extraModules: readonly string[], corePolicies: boolean): ReadonlyMap<string, Policy> {
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

/** Runs `job` with `policies`; never throws. */
function runJob(policies: ReadonlyMap<string, Policy>, job: ScheduleJob): JobReply {
  const startedAt = epochMs();
  try {
    const policy = policies.get(job.policy);
    if (!policy) throw new Error(`Policy "${job.policy}" is not available in the worker pool`);
    return { ok: true, result: plainResult(policy.generate(job.t0, job.t1, job.config, job.ctx), job.scriptOnly === true), startedAt };
  } catch (err) {
    return { ok: false, error: serializeError(err), startedAt };
  }
}

/** Loads the policies and warms up; returns the job handler. Tells the pool how it went. */
function startWorker(boot: WorkerBootData): (job: ScheduleJob) => JobReply {
  const tell = (event: WorkerEvent): void => parentPort?.postMessage(event);
  let policies: ReadonlyMap<string, Policy>;
  try {
    policies = loadPolicies(boot.extraPolicyModules, boot.corePolicies);
  } catch (err) {
    tell({ type: 'broken', threadId, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    throw err;
  }
  // Warm-up results are thrown away: only the caches and the compiled code they leave matter, and
  // a cache may never change a result, so a warmed worker answers exactly as a cold one.
  const warmupErrors: string[] = [];
  for (const job of boot.warmupJobs) {
    const reply = runJob(policies, job);
    if (!reply.ok) warmupErrors.push(`warm-up job for policy "${job.policy}" failed: ${reply.error.name}: ${reply.error.message}`);
  }
  tell({ type: 'warmed', threadId, warmupErrors });
  return (job) => runJob(policies, job);
}

/** The handler piscina calls with each job (`undefined` when this file is imported outside a worker). */
export default isMainThread ? undefined : startWorker(workerData as WorkerBootData);
