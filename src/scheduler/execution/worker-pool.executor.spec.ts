import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ConfigError, ScheduleInputError } from '../../schedlib/errors';
import type { PolicyContext, ScheduleResult } from '../../schedlib/policy';
import { policies as testPolicies, echoText } from '../../testing/worker-pool-test-policies';
import { ScheduleBusyError, ScheduleTimeoutError, type ScheduleJob } from './schedule-executor';
import { ScheduleExecutorClosedError, WorkerPoolExecutor, type WorkerPoolOptions } from './worker-pool.executor';
import { HybridExecutor } from './worker-pool.hybrid-executor';
import { INTERNAL_ERROR_MESSAGE } from './worker-pool.protocol';

const TEST_POLICIES = path.resolve(__dirname, '../../testing/worker-pool-test-policies.ts');
const ctx: PolicyContext = { dataDir: '/data', seed: 'seed-1', now: new Date('2026-11-29T21:05:00.123Z') };
const T0 = 1_677_628_800_000_000; // 2023-03-01T00:00:00Z
const T1 = T0 + 86_400_000_000;

function job(policy: string, config: unknown = {}): ScheduleJob {
  return { policy, t0: T0, t1: T1, config, ctx };
}

/** Pools opened by a test are closed after it, even when it fails. */
const open: WorkerPoolExecutor[] = [];
function pool(options: WorkerPoolOptions = {}): WorkerPoolExecutor {
  const p = new WorkerPoolExecutor({ extraPolicyModules: [TEST_POLICIES], onError: () => undefined, ...options });
  open.push(p);
  return p;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
});

/** Settles a promise into a value or its error, for assertions on both outcomes with timing. */
async function outcome<T>(p: Promise<T>): Promise<{ value?: T; error?: unknown; ms: number }> {
  const start = performance.now();
  try {
    const value = await p;
    return { value, ms: performance.now() - start };
  } catch (error) {
    return { error, ms: performance.now() - start };
  }
}

describe('WorkerPoolExecutor (TypeScript sources, ts-node inside the workers)', () => {
  jest.setTimeout(20_000);

  it('starts size workers eagerly and gives the same results as running the policy in-process', async () => {
    const p = pool({ size: 2 });
    expect(p.stats()).toMatchObject({ size: 2, workers: 2, busy: 0, queued: 0, closed: false });
    await p.ready();
    expect(p.stats().ready).toBe(2);
    const echo = testPolicies.find((x) => x.name === 'test-echo');
    const config = { note: 'hello', ms: 3 };
    const inProcess = echo?.generate(T0, T1, config, ctx);
    const inWorker = await p.run(job('test-echo', config));
    expect(inWorker).toEqual(inProcess);
    expect(inWorker.commands).toBe(echoText(T0, T1, config, ctx));
    // The Date in ctx survives the structured clone to the exact millisecond.
    expect(inWorker.commands).toContain('2026-11-29T21:05:00.123Z');
    expect(await p.run(job('test-echo'))).toEqual({ commands: echoText(T0, T1, {}, ctx) });
  });

  it('answers a short job at once while a long one occupies the other worker', async () => {
    const p = pool({ size: 2 });
    await p.ready();
    const long = outcome(p.run(job('test-sleep', { ms: 1000 })));
    const short = await outcome(p.run(job('test-echo')));
    expect(short.value?.commands).toBe(echoText(T0, T1, {}, ctx));
    expect(short.ms).toBeLessThan(300);
    expect(p.stats().busy).toBe(1);
    const l = await long;
    expect(l.value?.commands).toBe(echoText(T0, T1, { ms: 1000 }, ctx));
    expect(l.ms).toBeGreaterThanOrEqual(950);
  });

  it('keeps the event loop free while a worker spins', async () => {
    const p = pool({ size: 1 });
    await p.ready();
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const spin = p.run(job('test-spin', { ms: 800 }));
    const ticks: number[] = [];
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await new Promise((r) => setTimeout(r, 20));
      ticks.push(performance.now() - t);
    }
    await spin;
    h.disable();
    expect(Math.max(...ticks)).toBeLessThan(120);
    expect(h.percentile(99) / 1e6).toBeLessThan(120);
  });

  it('refuses a job at once with ScheduleBusyError when the queue is full', async () => {
    const p = pool({ size: 1, queueLimit: 1 });
    await p.ready();
    const running = outcome(p.run(job('test-sleep', { ms: 600 })));
    const queued = outcome(p.run(job('test-echo', { note: 'queued' })));
    expect(p.stats()).toMatchObject({ busy: 1, queued: 1 });
    const refused = await outcome(p.run(job('test-echo')));
    expect(refused.error).toBeInstanceOf(ScheduleBusyError);
    expect((refused.error as ScheduleBusyError).queueLimit).toBe(1);
    expect((refused.error as Error).message).toBe('The server is busy: 1 schedules are already waiting; try again shortly.');
    expect(refused.ms).toBeLessThan(50);
    expect((await running).value?.commands).toContain('"ms":600');
    expect((await queued).value?.note).toBe('queued');
    expect(p.stats()).toMatchObject({ busy: 0, queued: 0 });
  });

  it('with queueLimit 0 runs only as many jobs as there are workers', async () => {
    const p = pool({ size: 1, queueLimit: 0 });
    await p.ready();
    const running = p.run(job('test-sleep', { ms: 200 }));
    await expect(p.run(job('test-echo'))).rejects.toBeInstanceOf(ScheduleBusyError);
    await expect(running).resolves.toHaveProperty('commands');
  });

  it('abandons a job past the time limit: ScheduleTimeoutError, worker terminated and replaced, pool serves on', async () => {
    const p = pool({ size: 1, timeLimitMs: 400 });
    await p.ready();
    const spun = await outcome(p.run(job('test-spin', { ms: 60_000 })));
    expect(spun.error).toBeInstanceOf(ScheduleTimeoutError);
    expect((spun.error as Error).message).toBe('The schedule could not be computed within the time limit of 0.4 s.');
    expect(spun.ms).toBeGreaterThanOrEqual(390);
    expect(spun.ms).toBeLessThan(1500);
    expect(p.stats()).toMatchObject({ restarts: 1, workers: 1, busy: 0 });
    // The replacement answers; a spinning thread left behind would have starved this 1-worker pool.
    const after = await outcome(p.run(job('test-echo')));
    expect(after.value?.commands).toBe(echoText(T0, T1, {}, ctx));
  });

  it('counts the queue wait in the time limit, and also stops a thread blocked in a wait', async () => {
    const p = pool({ size: 1, timeLimitMs: 600 });
    await p.ready();
    const first = outcome(p.run(job('test-sleep', { ms: 450 })));
    // Needs 300 ms of its own, but waits 450 ms for the worker first: 750 ms > 600 ms.
    const second = outcome(p.run(job('test-sleep', { ms: 300 })));
    expect(p.stats().queued).toBe(1);
    expect((await first).value).toBeDefined();
    const s = await second;
    expect(s.error).toBeInstanceOf(ScheduleTimeoutError);
    expect(s.ms).toBeLessThan(1000);
    expect(p.stats()).toMatchObject({ restarts: 1, queued: 0, busy: 0 });
    expect((await p.run(job('test-echo'))).commands).toBe(echoText(T0, T1, {}, ctx));
  });

  it('gives back client errors with the same class, message and path', async () => {
    const p = pool({ size: 1 });
    const input = await outcome(p.run(job('test-input-error')));
    expect(input.error).toBeInstanceOf(ScheduleInputError);
    expect(input.error).not.toBeInstanceOf(ConfigError);
    expect(input.error).toMatchObject({
      name: 'ScheduleInputError',
      message: 'Master schedule "x.txt" was not found in the data directory.',
      path: 'config.master_schedule',
    });
    const config = await outcome(p.run(job('test-config-error')));
    expect(config.error).toBeInstanceOf(ConfigError);
    expect(config.error).toMatchObject({
      name: 'ConfigError',
      message: 'Invalid config: config.rules.sun-avoidance.time_step must be a positive number.',
      path: 'config.rules.sun-avoidance.time_step',
    });
  });

  it('hides other errors behind a generic message and reports the detail to onError', async () => {
    const logged: string[] = [];
    const p = pool({ size: 1, onError: (m) => logged.push(m) });
    const bug = await outcome(p.run(job('test-bug')));
    expect(bug.error).toBeInstanceOf(Error);
    expect(bug.error).not.toBeInstanceOf(ScheduleInputError);
    expect((bug.error as Error).message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(logged.join('\n')).toContain('secret internal detail');
    expect(p.stats().restarts).toBe(0); // a thrown error does not cost the worker
  });

  it('replaces a worker that dies during a job and keeps serving', async () => {
    const logged: string[] = [];
    const p = pool({ size: 1, onError: (m) => logged.push(m) });
    await p.ready();
    const died = await outcome(p.run(job('test-exit')));
    expect((died.error as Error).message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(logged.join('\n')).toMatch(/exited with code 3 while computing policy "test-exit"/);
    expect(p.stats().restarts).toBe(1);
    expect((await p.run(job('test-echo'))).commands).toBe(echoText(T0, T1, {}, ctx));
  });

  it('rejects a policy it does not hold, and a config that cannot be cloned, without harm', async () => {
    const p = pool({ size: 1 });
    expect(p.handles('test-echo')).toBe(true);
    expect(p.handles('nope')).toBe(false);
    await expect(p.run(job('nope'))).rejects.toThrow('Policy "nope" is not available in the worker pool');
    await expect(p.run(job('test-echo', { f: () => 1 }))).rejects.toThrow(INTERNAL_ERROR_MESSAGE);
    expect(p.stats().busy).toBe(0);
    expect((await p.run(job('test-echo'))).commands).toBe(echoText(T0, T1, {}, ctx));
  });

  it('close() rejects running and queued jobs with a 503 error, terminates workers, refuses new jobs', async () => {
    const p = pool({ size: 1 });
    await p.ready();
    const running = outcome(p.run(job('test-sleep', { ms: 5_000 })));
    const queued = outcome(p.run(job('test-echo')));
    const start = performance.now();
    await p.close();
    expect(performance.now() - start).toBeLessThan(2_000);
    for (const o of [await running, await queued]) {
      expect(o.error).toBeInstanceOf(ScheduleExecutorClosedError);
      expect(o.error).toBeInstanceOf(ScheduleBusyError);
      expect((o.error as Error).message).toBe('The server is shutting down; try again shortly.');
    }
    expect(p.stats()).toMatchObject({ workers: 0, busy: 0, queued: 0, closed: true });
    await expect(p.run(job('test-echo'))).rejects.toBeInstanceOf(ScheduleExecutorClosedError);
    await p.close(); // idempotent
  });

  it('validates its options', () => {
    expect(() => new WorkerPoolExecutor({ size: 0 })).toThrow(RangeError);
    expect(() => new WorkerPoolExecutor({ size: 1, queueLimit: -1 })).toThrow(RangeError);
    expect(() => new WorkerPoolExecutor({ size: 1, timeLimitMs: 1.5 })).toThrow(RangeError);
  });
});

describe('HybridExecutor', () => {
  it('sends pool policies to the pool and the rest to the in-process fallback', async () => {
    const p = pool({ size: 1 });
    const seen: string[] = [];
    const fallback = {
      run: async (j: ScheduleJob): Promise<ScheduleResult> => {
        seen.push(j.policy);
        return { commands: `# host ${j.policy}\n` };
      },
    };
    const hybrid = new HybridExecutor(p, fallback);
    expect(await hybrid.run(job('host-policy'))).toEqual({ commands: '# host host-policy\n' });
    expect((await hybrid.run(job('test-echo'))).commands).toBe(echoText(T0, T1, {}, ctx));
    expect(seen).toEqual(['host-policy']);
  });

  it('runs a policy listed inProcess in-process, so it never waits behind long jobs for a worker', async () => {
    const p = pool({ size: 1, queueLimit: 0 });
    await p.ready();
    const echo = testPolicies.find((x) => x.name === 'test-echo');
    const inProcess = {
      run: async (j: ScheduleJob): Promise<ScheduleResult> => echo!.generate(j.t0, j.t1, j.config, j.ctx),
    };
    const hybrid = new HybridExecutor(p, inProcess, { inProcess: ['test-echo'] });
    const long = hybrid.run(job('test-sleep', { ms: 800 }));
    // The only worker is busy and the queue takes nothing: through the pool this would be refused.
    await expect(p.run(job('test-echo'))).rejects.toBeInstanceOf(ScheduleBusyError);
    const short = await outcome(hybrid.run(job('test-echo')));
    expect(short.value?.commands).toBe(echoText(T0, T1, {}, ctx));
    expect(short.ms).toBeLessThan(50);
    await expect(long).resolves.toHaveProperty('commands');
  });
});
