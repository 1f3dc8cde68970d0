import { clusterPlan, restartDelayMs } from './cluster';

describe('clusterPlan', () => {
  it('forks one process per core with one pool thread each by default', () => {
    expect(clusterPlan({}, 2)).toEqual({ processes: 2, threadsPerProcess: 1 });
    expect(clusterPlan({}, 8)).toEqual({ processes: 8, threadsPerProcess: 1 });
  });

  it('divides the cores among fewer processes', () => {
    expect(clusterPlan({ WEB_CONCURRENCY: '2' }, 8)).toEqual({ processes: 2, threadsPerProcess: 4 });
    expect(clusterPlan({ WEB_CONCURRENCY: '3' }, 2)).toEqual({ processes: 3, threadsPerProcess: 1 });
  });

  it('takes an explicit thread count, and ignores empty values', () => {
    expect(clusterPlan({ WEB_CONCURRENCY: '', SCHEDULER_WORKER_THREADS: '3' }, 2)).toEqual({ processes: 2, threadsPerProcess: 3 });
  });

  it('refuses values that are not positive integers', () => {
    expect(() => clusterPlan({ WEB_CONCURRENCY: '0' }, 2)).toThrow('WEB_CONCURRENCY must be a positive integer, got "0"');
    expect(() => clusterPlan({ SCHEDULER_WORKER_THREADS: '1.5' }, 2)).toThrow('SCHEDULER_WORKER_THREADS');
    expect(() => clusterPlan({ WEB_CONCURRENCY: 'many' }, 2)).toThrow('WEB_CONCURRENCY');
  });
});

describe('restartDelayMs', () => {
  it('restarts a long-lived process at once and backs off a crash loop up to 10 s', () => {
    expect(restartDelayMs(60_000, 0)).toBe(0);
    expect(restartDelayMs(500, 1)).toBe(500);
    expect(restartDelayMs(500, 2)).toBe(1000);
    expect(restartDelayMs(500, 20)).toBe(10_000);
  });
});
