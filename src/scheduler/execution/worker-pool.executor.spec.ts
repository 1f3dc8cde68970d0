import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { ConfigError, ScheduleInputError, UnsafeScheduleError } from '../../core/errors';
import { validateConfig } from '../../core/config/validate';
import { DEFAULT_SAFETY_FLOORS } from '../../core/safety/floors';
import type { PolicyContext, ScheduleResult } from '../../core/policy';
import { CORE_POLICIES } from '../../core/policies';
import { policies as testPolicies, echoText, testSafetyReport } from '../../testing/worker-pool-test-policies';
import { waitForWorkers } from '../../testing/wait-for-workers';
import { errorToEnvelope, INTERNAL_ERROR_MESSAGE } from '../envelope';
import { SCHEDULER_DEFAULTS } from '../scheduler.constants';
import { ScheduleBusyError, ScheduleTimeoutError, type ScheduleJob, type ScheduleRun } from './schedule-executor';
import { ALL_WARMED_GRACE_MS, poolReady, ScheduleExecutorClosedError, takeReply, warmedFirst, WorkerPoolExecutor, type WorkerPoolOptions } from './worker-pool.executor';
import type { JobReply } from './worker-pool.protocol';
import { HybridExecutor } from './worker-pool.hybrid-executor';

// Under ts-jest every worker registers ts-node and compiles its policies (about a second on a busy
// machine), so the tests share a few pools instead of starting one each.
const TEST_POLICIES = path.resolve(__dirname, '../../testing/worker-pool-test-policies.ts');
const ctx: PolicyContext = { dataDir: '/data', seed: 'seed-1', now: new Date('2026-11-29T21:05:00.123Z'), floors: DEFAULT_SAFETY_FLOORS };
const T0 = 1_677_628_800_000_000; // 2023-03-01T00:00:00Z
const T1 = T0 + 86_400_000_000;
const ECHO = echoText(T0, T1, {}, ctx);

function job(policy: string, config: unknown = {}): ScheduleJob {
  return { policy, t0: T0, t1: T1, config, ctx };
}

/** The result without the pool's `queueWaitMs`, to compare with what a policy returns. */
function bare(run: ScheduleRun): ScheduleResult {
  const { queueWaitMs, ...result } = run;
  expect(queueWaitMs).toBeGreaterThanOrEqual(0);
  return result;
}

/** A pool of the test policies only (workers start faster without the core's ephemeris and rules), logging into `log`. */
function pool(options: Partial<WorkerPoolOptions> & Pick<WorkerPoolOptions, 'size'>, log: string[] = []): WorkerPoolExecutor {
  return new WorkerPoolExecutor({
    queueLimit: SCHEDULER_DEFAULTS.queueLimit,
    timeLimitMs: SCHEDULER_DEFAULTS.timeLimitMs,
    corePolicies: false,
    extraPolicyModules: [TEST_POLICIES],
    logger: { error: (m: unknown) => void log.push(String(m)) },
    ...options,
  });
}

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

jest.setTimeout(20_000);

describe('WorkerPoolExecutor with two workers (TypeScript sources, ts-node inside the workers)', () => {
  const log: string[] = [];
  let p: WorkerPoolExecutor;
  beforeAll(() => {
    p = pool({ size: 2, corePolicies: true }, log);
  });
  afterAll(() => p.close());

  it('starts size workers eagerly and gives the same results as running the policy in-process', async () => {
    expect(p.stats()).toMatchObject({ workers: 2, busy: 0, queued: 0, restarts: 0 });
    expect(p.stats()).toMatchObject({ ready: false, readyWorkers: 0 }); // still loading and warming up
    await waitForWorkers(p, 2);
    expect(p.stats()).toMatchObject({ ready: true, readyWorkers: 2 });
    const echo = testPolicies.find((x) => x.name === 'test-echo');
    const config = { note: 'hello', ms: 3 };
    const inWorker = bare(await p.run(job('test-echo', config)));
    expect(inWorker).toEqual(echo?.generate(T0, T1, config, ctx));
    expect(inWorker).toEqual({ commands: echoText(T0, T1, config, ctx), note: 'hello' });
    // The Date in ctx survives the structured clone to the exact millisecond.
    expect(inWorker.commands).toContain('2026-11-29T21:05:00.123Z');
    expect(bare(await p.run(job('test-echo')))).toEqual({ commands: ECHO });
    // Only the documented result fields cross the thread boundary (blocks and safety included).
    expect(bare(await p.run(job('test-extra')))).toEqual({
      commands: ECHO,
      blocks: [{ name: 'idle', kind: 'idle', t0: T0, t1: T1, az: null, alt: null, throw: null }],
      safety: testSafetyReport(ctx, 'safe'),
    });
    // Every core policy gives in a worker exactly what it gives here.
    expect(CORE_POLICIES.size).toBeGreaterThan(0);
    for (const [name, policy] of CORE_POLICIES) {
      const config = validateConfig(policy.configClass, policy.defaults);
      expect(bare(await p.run(job(name, config)))).toEqual(policy.generate(T0, T1, config, ctx));
    }
  });

  it('leaves piscina the reply it resolved emptied, and answers from a copy', async () => {
    // Piscina's task record keeps the promise of each job until the HTTP thread's next full collection
    // (see takeReply): whatever the reply holds then lives that long.
    const piscina = (p as unknown as { pool: { run: (...args: unknown[]) => Promise<unknown> } }).pool;
    const run = piscina.run.bind(piscina);
    const resolved: unknown[] = [];
    piscina.run = async (...args: unknown[]) => {
      const reply = await run(...args);
      resolved.push(reply);
      return reply;
    };
    try {
      expect(bare(await p.run(job('test-echo', { note: 'kept' })))).toEqual({ commands: echoText(T0, T1, { note: 'kept' }, ctx), note: 'kept' });
      await expect(p.run(job('test-unsafe'))).rejects.toBeInstanceOf(UnsafeScheduleError);
    } finally {
      piscina.run = run;
    }
    expect(resolved).toHaveLength(2);
    for (const reply of resolved) expect(reply).toEqual({});
  });

  it('passes the safety report back, and an unsafe schedule as UnsafeScheduleError with its report', async () => {
    expect(bare(await p.run(job('test-safety')))).toEqual({ commands: ECHO, safety: testSafetyReport(ctx, 'safe') });
    const unsafe = await outcome(p.run(job('test-unsafe')));
    expect(unsafe.error).toBeInstanceOf(UnsafeScheduleError);
    expect((unsafe.error as UnsafeScheduleError).report).toEqual(testSafetyReport(ctx, 'unsafe'));
    expect((unsafe.error as Error).message).toMatch(/failed its safety check: 1 of 1 scans/);
  });

  it('answers a short job at once while a long one occupies the other worker', async () => {
    await waitForWorkers(p, 2);
    const long = outcome(p.run(job('test-sleep', { ms: 1000 })));
    const short = await outcome(p.run(job('test-echo')));
    expect(short.value?.commands).toBe(ECHO);
    expect(short.ms).toBeLessThan(500); // far below the 1000 ms it would wait behind the long one
    expect(p.stats().busy).toBe(1);
    const l = await long;
    expect(l.value?.commands).toBe(echoText(T0, T1, { ms: 1000 }, ctx));
    expect(l.ms).toBeGreaterThanOrEqual(950);
  });

  it('gives back client errors with the same class, message and path', async () => {
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

  it('gives back other errors as they were thrown, which the HTTP layer answers with its generic 500', async () => {
    const restarts = p.stats().restarts;
    const bug = await outcome(p.run(job('test-bug')));
    expect(bug.error).toBeInstanceOf(Error);
    expect(bug.error).not.toBeInstanceOf(ScheduleInputError);
    expect(bug.error).toMatchObject({ name: 'TypeError', message: 'secret internal detail' });
    // The worker's stack, for the server log.
    expect((bug.error as Error).stack).toContain('worker-pool-test-policies');
    const reply = errorToEnvelope(bug.error, '1mb');
    expect(reply).toEqual({ httpStatus: 500, body: { status: 'error', message: INTERNAL_ERROR_MESSAGE }, unexpected: true });
    expect(p.stats().restarts).toBe(restarts); // a thrown error does not cost the worker
  });

  it('rejects a policy it does not hold, and a config that cannot be cloned, without harm', async () => {
    expect(p.handles('test-echo')).toBe(true);
    expect(p.handles('dummy')).toBe(true);
    expect(p.handles('nope')).toBe(false);
    await expect(p.run(job('nope'))).rejects.toThrow('Policy "nope" is not available in the worker pool');
    await expect(p.run(job('test-echo', { f: () => 1 }))).rejects.toThrow('The job for policy "test-echo" cannot be sent to a worker');
    expect(log.join('\n')).toContain('cannot be sent to a worker');
    expect(p.stats().busy).toBe(0);
    expect((await p.run(job('test-echo'))).commands).toBe(ECHO);
  });

  it('HybridExecutor sends pool policies to the pool and the rest to the in-process fallback', async () => {
    const seen: string[] = [];
    const fallback = {
      run: async (j: ScheduleJob): Promise<ScheduleResult> => {
        seen.push(j.policy);
        return { commands: `# host ${j.policy}\n` };
      },
    };
    const hybrid = new HybridExecutor(p, fallback, { inProcess: ['test-sleep'] });
    expect(await hybrid.run(job('host-policy'))).toEqual({ commands: '# host host-policy\n' });
    expect((await hybrid.run(job('test-echo'))).commands).toBe(ECHO);
    expect(await hybrid.run(job('test-sleep'))).toEqual({ commands: '# host test-sleep\n' });
    expect(seen).toEqual(['host-policy', 'test-sleep']);
    expect(hybrid.stats()).toMatchObject({ workers: 2, busy: 0, queued: 0, ready: true });
  });
});

describe('WorkerPoolExecutor with one worker, a queue of one and a time limit of 0.8 s', () => {
  const log: string[] = [];
  let p: WorkerPoolExecutor;
  beforeAll(() => {
    // Warm-up jobs run in every worker (also each replacement) before it says it is ready.
    p = pool({ size: 1, queueLimit: 1, timeLimitMs: 800, warmupJobs: [job('test-sleep', { ms: 50 }), job('test-bug')] }, log);
  });
  afterAll(() => p.close());
  beforeEach(() => waitForWorkers(p, 1));

  it('without corePolicies runs only the extra modules', async () => {
    expect(p.handles('test-echo')).toBe(true);
    expect(p.handles('dummy')).toBe(false);
    await expect(p.run(job('dummy'))).rejects.toThrow('Policy "dummy" is not available in the worker pool');
  });

  it('runs the warm-up jobs before it is ready and reports their failures without failing', async () => {
    expect(p.stats()).toMatchObject({ ready: true, readyWorkers: 1 });
    expect(log.filter((m) => m.includes('warm-up job'))).toEqual([
      expect.stringMatching(/^Worker thread \d+: warm-up job for policy "test-bug" failed: TypeError: secret internal detail$/),
    ]);
    expect((await p.run(job('test-echo'))).commands).toBe(ECHO);
  });

  it('keeps the event loop free while the worker spins', async () => {
    const h = monitorEventLoopDelay({ resolution: 5 });
    h.enable();
    const spin = p.run(job('test-spin', { ms: 500 }));
    const ticks: number[] = [];
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      await new Promise((r) => setTimeout(r, 20));
      ticks.push(performance.now() - t);
    }
    await spin;
    h.disable();
    // Blocked, the loop would stall for the whole 500 ms spin; the margin is for a busy CI machine.
    expect(Math.max(...ticks)).toBeLessThan(250);
    expect(h.percentile(99) / 1e6).toBeLessThan(250);
  });

  it('refuses a job at once with ScheduleBusyError when the queue is full', async () => {
    const running = outcome(p.run(job('test-sleep', { ms: 300 })));
    const queued = outcome(p.run(job('test-echo', { note: 'queued' })));
    expect(p.stats()).toMatchObject({ busy: 1, queued: 1 });
    const refused = await outcome(p.run(job('test-echo')));
    expect(refused.error).toBeInstanceOf(ScheduleBusyError);
    expect((refused.error as ScheduleBusyError).queueLimit).toBe(1);
    expect((refused.error as Error).message).toBe('The server is busy: 1 schedules are already waiting; try again shortly.');
    expect(refused.ms).toBeLessThan(50);
    expect((await running).value?.commands).toContain('"ms":300');
    const q = (await queued).value;
    expect(q?.note).toBe('queued');
    // It waited for the 300 ms job; the running one did not wait at all.
    expect(q?.queueWaitMs).toBeGreaterThanOrEqual(250);
    expect((await running).value?.queueWaitMs).toBeLessThan(50);
    expect(p.stats()).toMatchObject({ busy: 0, queued: 0 });
  });

  it('HybridExecutor keeps a policy listed inProcess off the pool, so it never waits behind long jobs', async () => {
    const echo = testPolicies.find((x) => x.name === 'test-echo');
    const inProcess = {
      run: async (j: ScheduleJob): Promise<ScheduleResult> => echo!.generate(j.t0, j.t1, j.config, j.ctx),
    };
    const hybrid = new HybridExecutor(p, inProcess, { inProcess: ['test-echo'] });
    const long = hybrid.run(job('test-sleep', { ms: 400 }));
    const queued = p.run(job('test-sleep', { ms: 1 }));
    // The only worker is busy and the queue is full: through the pool this would be refused.
    await expect(p.run(job('test-echo'))).rejects.toBeInstanceOf(ScheduleBusyError);
    const short = await outcome(hybrid.run(job('test-echo')));
    expect(short.value?.commands).toBe(ECHO);
    expect(short.ms).toBeLessThan(100);
    await expect(long).resolves.toHaveProperty('commands');
    await expect(queued).resolves.toHaveProperty('commands');
  });

  it('abandons a job past the time limit: ScheduleTimeoutError, worker terminated and replaced, pool serves on', async () => {
    const restarts = p.stats().restarts;
    // The limit counts from the job's arrival, i.e. from inside `run`: time it from before the call
    // (on a loaded machine `run` itself can take tens of milliseconds before it returns).
    const arrival = performance.now();
    const spun = await outcome(p.run(job('test-spin', { ms: 60_000 })));
    const elapsed = performance.now() - arrival;
    expect(spun.error).toBeInstanceOf(ScheduleTimeoutError);
    expect((spun.error as Error).message).toBe('The schedule could not be computed within the time limit of 0.8 s.');
    expect((spun.error as ScheduleTimeoutError).limitMs).toBe(800);
    expect(elapsed).toBeGreaterThanOrEqual(790);
    expect(elapsed).toBeLessThan(2000);
    expect(p.stats()).toMatchObject({ restarts: restarts + 1, workers: 1, busy: 0 });
    await waitForWorkers(p, 1);
    // The replacement answers; a spinning thread left behind would have starved this 1-worker pool.
    expect((await p.run(job('test-echo'))).commands).toBe(ECHO);
  });

  it('counts the queue wait in the time limit, and also stops a thread blocked in a wait', async () => {
    const restarts = p.stats().restarts;
    const first = outcome(p.run(job('test-sleep', { ms: 500 })));
    // Needs 400 ms of its own, but first waits 500 ms for the worker: 900 ms > 800 ms.
    const second = outcome(p.run(job('test-sleep', { ms: 400 })));
    expect(p.stats().queued).toBe(1);
    expect((await first).value).toBeDefined();
    const s = await second;
    expect(s.error).toBeInstanceOf(ScheduleTimeoutError);
    expect(s.ms).toBeLessThan(1500);
    expect(p.stats()).toMatchObject({ restarts: restarts + 1, queued: 0, busy: 0 });
    await waitForWorkers(p, 1);
    expect((await p.run(job('test-echo'))).commands).toBe(ECHO);
  });

  it('replaces a worker that dies during a job and keeps serving', async () => {
    const restarts = p.stats().restarts;
    const died = await outcome(p.run(job('test-exit')));
    expect((died.error as Error).message).toBe('The worker computing policy "test-exit" failed: worker exited with code: 3');
    expect(errorToEnvelope(died.error, '1mb').httpStatus).toBe(500);
    expect(log).toContain('The worker computing policy "test-exit" failed: worker exited with code: 3');
    expect(p.stats().restarts).toBe(restarts + 1);
    await waitForWorkers(p, 1);
    expect((await p.run(job('test-echo'))).commands).toBe(ECHO);
  });
});

describe('takeReply', () => {
  it('returns every field of the reply and leaves the reply itself without any', () => {
    const ok: JobReply = { ok: true, result: { commands: 'run.wait(1)\n', blocks: [] }, startedAt: 17 };
    const okCopy = structuredClone(ok);
    const taken = takeReply(ok);
    expect(taken).toEqual(okCopy);
    expect(taken).not.toBe(ok);
    expect(Object.keys(ok)).toEqual([]);
    const failed: JobReply = { ok: false, error: { name: 'ConfigError', message: 'no such file', clientFields: { path: 'master_schedule' } }, startedAt: 3 };
    const failedCopy = structuredClone(failed);
    expect(takeReply(failed)).toEqual(failedCopy);
    expect(failed).toEqual({});
  });
});

describe('warmedFirst (the pool\'s load balancer)', () => {
  const w = (id: number, currentUsage = 0) => ({ id, currentUsage });

  it('gives a job to an idle warmed worker before an idle one still warming up, whatever their order', () => {
    const warmed = new Set([7]);
    const balance = warmedFirst(warmed);
    const [cold, hot] = [w(6), w(7)];
    expect(balance({}, [cold, hot])).toBe(hot);
    expect(balance({}, [hot, cold])).toBe(hot);
  });

  it('else to the first idle worker, else to none (the job waits in the queue)', () => {
    const warmed = new Set<number>();
    const balance = warmedFirst(warmed);
    const [a, b] = [w(1), w(2)];
    expect(balance({}, [a, b])).toBe(a);
    expect(balance({}, [w(1, 1), b])).toBe(b);
    // A busy warmed worker is not chosen: one job per worker.
    warmed.add(1);
    expect(balance({}, [w(1, 1), b])).toBe(b);
    expect(balance({}, [w(1, 1), w(2, 1)])).toBeNull();
    expect(balance({}, [])).toBeNull();
  });

  it('reads the set as it is at each job: a worker that finishes its warm-up is preferred from then on', () => {
    const warmed = new Set([1]);
    const balance = warmedFirst(warmed);
    const [a, b] = [w(1, 1), w(2)];
    const c = w(3);
    expect(balance({}, [a, b, c])).toBe(b);
    warmed.add(3);
    expect(balance({}, [a, b, c])).toBe(c);
  });
});

describe('poolReady', () => {
  it('is ready once every worker has warmed up', () => {
    expect(poolReady(2, 2, 0)).toBe(true);
    expect(poolReady(1, 1, 0)).toBe(true);
    expect(poolReady(0, 2, Number.NEGATIVE_INFINITY)).toBe(false);
    expect(poolReady(0, 0, 1e9)).toBe(false); // no worker at all
  });

  it(`with only some warmed, waits ${ALL_WARMED_GRACE_MS} ms after the first did, then is ready`, () => {
    expect(poolReady(1, 2, 0)).toBe(false);
    expect(poolReady(1, 2, ALL_WARMED_GRACE_MS - 1)).toBe(false);
    expect(poolReady(1, 2, ALL_WARMED_GRACE_MS)).toBe(true);
    expect(poolReady(3, 4, ALL_WARMED_GRACE_MS + 1)).toBe(true);
    // A replacement warming up long after start leaves the pool ready.
    expect(poolReady(1, 2, 60_000)).toBe(true);
  });
});

describe('WorkerPoolExecutor.close()', () => {
  it('rejects running and queued jobs with a 503 error, terminates workers, refuses new jobs', async () => {
    const p = pool({ size: 1 });
    await waitForWorkers(p, 1);
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
    expect(p.stats()).toMatchObject({ workers: 0, busy: 0, queued: 0, ready: false, readyWorkers: 0 });
    await expect(p.run(job('test-echo'))).rejects.toBeInstanceOf(ScheduleExecutorClosedError);
    await p.close(); // idempotent
  });

  it('validates its options before starting any worker', () => {
    const ok = { size: 1, queueLimit: 0, timeLimitMs: 1 };
    expect(() => new WorkerPoolExecutor({ ...ok, size: 0 })).toThrow(RangeError);
    expect(() => new WorkerPoolExecutor({ ...ok, queueLimit: -1 })).toThrow(RangeError);
    expect(() => new WorkerPoolExecutor({ ...ok, timeLimitMs: 1.5 })).toThrow('WorkerPoolOptions.timeLimitMs must be an integer of at least 1, got 1.5');
  });
});
