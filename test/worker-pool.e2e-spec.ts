/**
 * The worker pool behind HTTP: a long `basic` schedule computed in a worker does not delay
 * `dummy` requests, a full queue answers 503 at once, and the time limit answers 503 and
 * replaces the worker. Workers here run the TypeScript sources through ts-node (slow to start),
 * so each app waits for its workers before measuring.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { startTestApp } from './helpers/create-app';
import { SCHEDULE_EXECUTOR, SchedulerModule, type ScheduleExecutor } from '../src/scheduler';
import type { SchedulerModuleForRootOptions } from '../src/scheduler/scheduler-options.interface';
import { waitForWorkers } from '../src/testing/wait-for-workers';

const URL = '/api/v1/schedule/';
const LONG = { t0: '2026-03-01 00:00', t1: '2026-03-31 00:00', policy: { policy: 'basic' } };
const DUMMY = { t0: '2026-03-01 00:00', t1: '2026-03-01 01:00', policy: 'dummy' };

async function createPoolApp(options: SchedulerModuleForRootOptions): Promise<NestFastifyApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [SchedulerModule.forRoot({ warmup: false, ...options })],
  }).compile();
  const app = await startTestApp(moduleRef);
  await waitForWorkers(app.get<ScheduleExecutor>(SCHEDULE_EXECUTOR), options.workerThreads ?? 1);
  return app;
}

describe('worker pool through HTTP', () => {
  jest.setTimeout(120_000);

  describe('one worker, no queue', () => {
    let app: NestFastifyApplication;
    const post = (body: object) => request(app.getHttpServer()).post(URL).set('Content-Type', 'application/json').send(body);

    beforeAll(async () => {
      app = await createPoolApp({ workerThreads: 1, queueLimit: 0, timeLimitMs: 60_000 });
    });
    afterAll(() => app.close());

    it('keeps dummy fast while a 30-day basic computes, and refuses a second basic with 503 at once', async () => {
      let longDone = 0;
      const long = post(LONG).then((res) => {
        longDone = Date.now();
        return res;
      });
      await new Promise((r) => setTimeout(r, 100)); // let the long job reach the worker
      const busyStart = Date.now();
      const busy = await post(LONG);
      const busyMs = Date.now() - busyStart;
      const latencies: number[] = [];
      for (let i = 0; i < 20; i++) {
        const t = Date.now();
        const res = await post(DUMMY);
        latencies.push(Date.now() - t);
        expect(res.status).toBe(200);
      }
      const dummiesDone = Date.now();
      const longRes = await long;

      expect(busy.status).toBe(503);
      expect(busy.body).toEqual({ status: 'error', message: expect.stringMatching(/busy/) });
      expect(busyMs).toBeLessThan(1000);
      expect(longRes.status).toBe(200);
      expect(longRes.body.commands).toContain('seq.scan(');
      // The dummies were answered while the long schedule was still being computed, each quickly.
      expect(dummiesDone).toBeLessThan(longDone);
      expect(Math.max(...latencies)).toBeLessThan(250);
    });

    it('answers the plan route with its blocks and Sun check through the pool, and the schedule route with the same script', async () => {
      const day = { t0: '2026-03-01 00:00', t1: '2026-03-02 00:00', policy: { policy: 'basic' } };
      const plan = await request(app.getHttpServer()).post(`${URL}plan`).set('Content-Type', 'application/json').send(day);
      const schedule = await post(day);
      expect(plan.status).toBe(200);
      expect(schedule.status).toBe(200);
      expect(plan.body.blocks.length).toBeGreaterThan(0);
      expect(plan.body.sunCheck.verdict).toBe('safe');
      expect(Object.keys(schedule.body).sort()).toEqual(['commands', 'message', 'status']);
      expect(schedule.body.commands).toBe(plan.body.commands);
      expect(schedule.body.message).toBe(plan.body.message);
    });
  });

  describe('time limit', () => {
    let app: NestFastifyApplication;
    const post = (body: object) => request(app.getHttpServer()).post(URL).set('Content-Type', 'application/json').send(body);

    beforeAll(async () => {
      app = await createPoolApp({ workerThreads: 1, timeLimitMs: 150 });
    });
    afterAll(() => app.close());

    it('answers 503 naming the limit, replaces the worker and keeps serving', async () => {
      const start = Date.now();
      const res = await post(LONG);
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'error', message: expect.stringMatching(/time limit of 0\.15 s/) });
      expect(Date.now() - start).toBeLessThan(2000);
      expect((await post(DUMMY)).status).toBe(200);
      const executor = app.get<ScheduleExecutor>(SCHEDULE_EXECUTOR);
      await waitForWorkers(executor, 1);
      expect(executor.stats?.()).toMatchObject({ workers: 1, busy: 0, queued: 0, ready: true });
    });
  });
});
