/**
 * A host application imports `SchedulerModule` with its own policy: the policy is found by its
 * decorator and served, errors keep the envelope without our `configureApp`, the host's global
 * pipes and guards apply to the route without breaking it, the executor outlives the requests in
 * flight when the app closes, and two policies with one name stop the start-up.
 */
import { type INestApplication, Module, ValidationPipe, type ValidationPipeOptions } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { addPolicySchemas, PolicyRegistry, SCHEDULE_EXECUTOR, type ScheduleExecutor, SchedulerModule } from '../src/scheduler';
import {
  AsyncHostAppModule,
  GuardedHostAppModule,
  HostAppModule,
  PipedHostAppModule,
  RecordingPipe,
  WorkerHostAppModule,
} from './host-app/host-app.module';
import { ImpostorDummyPolicy, NightWatchPolicy } from './host-app/night-policy';
import { pythonCompileError } from './helpers/python';

/** What many host apps do: a strict global ValidationPipe. */
const STRICT_PIPE: ValidationPipeOptions = { whitelist: true, forbidNonWhitelisted: true, transform: true };

async function startHost(module: unknown, pipe: ValidationPipeOptions = STRICT_PIPE): Promise<INestApplication> {
  const ref = await Test.createTestingModule({ imports: [module as never] }).compile();
  const app = ref.createNestApplication({ logger: false });
  app.useGlobalPipes(new ValidationPipe(pipe));
  await app.init();
  return app;
}

const window = { t0: '2026-11-29 21:05', t1: '2026-11-29 22:05' };

describe('host app with forRoot', () => {
  let app: INestApplication;
  const post = (body: unknown) =>
    request(app.getHttpServer()).post('/observatory/schedule/').set('Content-Type', 'application/json').send(JSON.stringify(body));

  beforeAll(async () => {
    app = await startHost(HostAppModule);
  });
  afterAll(() => app.close());

  it('serves its own policy with a merged config, under its route prefix', async () => {
    const res = await post({ ...window, policy: '{"policy": "night-watch", "config": {"repeat": 2}}' });
    expect(res.status).toBe(200);
    expect(res.body.commands).toBe("import time\nprint('good evening')\nprint('good evening')\ntime.sleep(3600.00)\n");
    expect(res.body.message).toMatch(/^night-watch seeded by \d+ characters$/);
    const err = pythonCompileError(res.body.commands);
    if (err !== 'skipped') expect(err).toBeUndefined();
  });

  it('still serves the built-in dummy policy, without the trailing slash too', async () => {
    const res = await request(app.getHttpServer())
      .post('/observatory/schedule')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...window, policy: 'dummy' }));
    expect(res.status).toBe(200);
    expect(res.body.commands).toMatch(/^import time\n/);
  });

  it('lists every policy, its own included, in the unknown-policy message', async () => {
    const res = await post({ ...window, policy: 'nope' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status: 'error', message: 'Unknown policy "nope"; supported policies: basic, broken, dummy, my-basic, night-watch' });
    // NightWatchPolicy is both in `policies` and in the host's own providers: one registration.
    expect(app.get(PolicyRegistry).names()).toEqual(['basic', 'broken', 'dummy', 'my-basic', 'night-watch']);
  });

  it('validates its config against its config class, naming the key', async () => {
    const res = await post({ ...window, policy: { policy: 'night-watch', config: { repeat: 9 } } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ status: 'error', message: 'Invalid config: config.repeat must be an integer between 1 and 5 (got 9).' });
    const unknown = await post({ ...window, policy: { policy: 'night-watch', config: { volume: 11 } } });
    expect(unknown.body).toEqual({ status: 'error', message: 'Invalid config: config.volume is not a known key (known keys: greeting, repeat).' });
  });

  it("applies the policy's own preset", async () => {
    const res = await post({ ...window, policy: { policy: 'night-watch', preset: 'twice' } });
    expect(res.body.commands).toBe("import time\nprint('good evening')\nprint('good evening')\ntime.sleep(3600.00)\n");
  });

  it('runs the policy the registry resolved: "my-basic" (a class whose own name says basic) is the host\'s, not the core basic', async () => {
    const res = await post({ ...window, policy: { policy: 'my-basic', config: { greeting: 'hi', repeat: 2 } } });
    expect(res.status).toBe(200);
    expect(res.body.commands).toBe("import time\nprint('hi')\nprint('hi')\ntime.sleep(3600.00)\n");
  });

  it("adds its policies' config schemas to its own OpenAPI document", () => {
    const document = addPolicySchemas(SwaggerModule.createDocument(app, new DocumentBuilder().setTitle('host').build()), app);
    const schemas = document.components?.schemas as Record<string, Record<string, unknown>>;
    expect(schemas.NightWatchPolicyConfig).toMatchObject({
      type: 'object',
      additionalProperties: false,
      properties: {
        greeting: { type: 'string', minLength: 1, maxLength: 40, default: 'good evening', description: 'Text the script prints.' },
        repeat: { type: 'integer', minimum: 1, maximum: 5, default: 1 },
      },
    });
    expect(schemas.NightWatchPolicySelection).toMatchObject({
      required: ['policy'],
      properties: { policy: { enum: ['night-watch'] }, config: { $ref: '#/components/schemas/NightWatchPolicyConfig' }, preset: { enum: ['twice'] } },
    });
    expect(schemas.PolicySelectionDto).toMatchObject({
      discriminator: { propertyName: 'policy', mapping: { 'night-watch': '#/components/schemas/NightWatchPolicySelection' } },
    });
    expect(Object.keys((schemas.PolicySelectionDto.discriminator as { mapping: object }).mapping)).toEqual([
      'basic',
      'broken',
      'dummy',
      'my-basic',
      'night-watch',
    ]);
    expect(Object.keys(document.paths)).toContain('/observatory/schedule');
  });

  it('keeps the envelope for 415 and the window limit of its options', async () => {
    const r415 = await request(app.getHttpServer()).post('/observatory/schedule/').set('Content-Type', 'text/plain').send('x');
    expect(r415.status).toBe(415);
    expect(r415.body).toEqual({ status: 'error', message: 'Content-Type must be application/json (got "text/plain")' });
    const rWin = await post({ t0: '2026-11-29 00:00', t1: '2026-12-02 00:00', policy: 'dummy' });
    expect(rWin.status).toBe(400);
    expect(rWin.body.message).toBe('The window from t0 to t1 is 3 days long; the maximum is 2 days: ask for a shorter window');
  });

  it('answers a failing policy with a 500 that hides the detail', async () => {
    const res = await post({ ...window, policy: 'broken' });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ status: 'error', message: 'Internal server error: the schedule could not be generated; please report it' });
  });

  it('does not serve the default prefix', async () => {
    const res = await request(app.getHttpServer()).post('/api/v1/schedule/').set('Content-Type', 'application/json').send('{}');
    expect(res.status).toBe(404);
  });
});

describe.each([
  ['a strict global ValidationPipe', STRICT_PIPE],
  ['a global ValidationPipe that validates custom decorators', { ...STRICT_PIPE, validateCustomDecorators: true }],
])('host app with %s', (_what, pipe) => {
  let app: INestApplication;
  const post = (body: unknown) =>
    request(app.getHttpServer()).post('/observatory/schedule/').set('Content-Type', 'application/json').send(JSON.stringify(body));

  beforeAll(async () => {
    app = await startHost(HostAppModule, pipe);
  });
  afterAll(() => app.close());

  it('answers each request form, extra keys included, as without the pipe', async () => {
    for (const policy of ['{"policy": "dummy", "config": {}}', { policy: 'dummy', config: {} }, 'dummy']) {
      const res = await post({ ...window, policy, extra: 'ignored' });
      expect([policy, res.status, res.body.status]).toEqual([policy, 200, 'ok']);
    }
  });

  it('keeps the contract messages', async () => {
    expect((await post({ t1: window.t1, policy: 'dummy' })).body).toEqual({ status: 'error', message: 'Missing t0 field' });
    expect((await post({ ...window, policy: { policy: 'dummy', config: [] } })).body).toEqual({
      status: 'error',
      message: 'Invalid config: config must be an object of settings such as {} (got an array)',
    });
    expect((await post({ ...window, policy: '[1]' })).body.message).toMatch(/^Invalid policy: the JSON string holds an array/);
  });
});

describe('host app with a global pipe of its own', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startHost(PipedHostAppModule);
  });
  afterAll(() => app.close());

  it('runs that pipe on the schedule request too, which still validates as ours', async () => {
    RecordingPipe.seen.length = 0;
    const ok = await request(app.getHttpServer())
      .post('/api/v1/schedule/')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...window, policy: 'dummy' }));
    expect(ok.status).toBe(200);
    expect(RecordingPipe.seen).toEqual([expect.objectContaining({ type: 'custom', metatype: Object })]);
    const bad = await request(app.getHttpServer())
      .post('/api/v1/schedule/')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ ...window, t0: 'soon', policy: 'dummy' }));
    expect(bad.body.message).toMatch(/^Invalid t0 "soon": expected/);
  });
});

describe('host app with a deny-all global guard', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await startHost(GuardedHostAppModule);
  });
  afterAll(() => app.close());

  it('answers 403 on the schedule route, in the envelope, before reading the body', async () => {
    for (const [type, body] of [['application/json', JSON.stringify({ ...window, policy: 'dummy' })], ['text/plain', 'x']]) {
      const res = await request(app.getHttpServer()).post('/api/v1/schedule/').set('Content-Type', type).send(body);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ status: 'error', message: 'Forbidden resource' });
    }
  });
});

describe('host app closing with a basic schedule in flight', () => {
  jest.setTimeout(120_000);

  it('answers the schedule (200), then closes the worker pool', async () => {
    const app = await startHost(WorkerHostAppModule);
    const executor = app.get<ScheduleExecutor>(SCHEDULE_EXECUTOR);
    for (let i = 0; i < 1200 && !executor.stats?.().ready; i++) await new Promise((r) => setTimeout(r, 50));
    expect(executor.stats?.().ready).toBe(true);
    const inFlight = request(app.getHttpServer())
      .post('/api/v1/schedule/')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ t0: '2026-03-10 00:00', t1: '2026-03-12 00:00', policy: 'basic' }))
      .then((res) => res);
    for (let i = 0; i < 200 && executor.stats?.().busy !== 1; i++) await new Promise((r) => setTimeout(r, 10));
    expect(executor.stats?.().busy).toBe(1);
    await app.close();
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.commands).toContain('seq.scan(');
    expect(executor.stats?.().ready).toBe(false);
  });
});

describe('host app with forRootAsync', () => {
  let app: INestApplication;
  const post = (body: unknown) =>
    request(app.getHttpServer()).post('/api/v1/schedule/').set('Content-Type', 'application/json').send(JSON.stringify(body));

  beforeAll(async () => {
    app = await startHost(AsyncHostAppModule);
  });
  afterAll(() => app.close());

  it('takes options from the factory: presets and the window limit', async () => {
    const res = await post({ ...window, policy: { policy: 'night-watch', preset: 'loud', config: { repeat: 1 } } });
    expect(res.status).toBe(200);
    expect(res.body.commands).toBe("import time\nprint('HELLO')\ntime.sleep(3600.00)\n");
    const bad = await post({ ...window, policy: { policy: 'night-watch', preset: 'quiet' } });
    expect(bad.body).toEqual({ status: 'error', message: 'Unknown preset "quiet" for policy "night-watch"; available presets: loud, twice' });
    const long = await post({ t0: '2026-11-29 00:00', t1: '2026-11-30 00:01', policy: 'dummy' });
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/the maximum is 1 day:/);
  });
});

describe('start-up checks', () => {
  it('fails with a clear error when two policies share a name', async () => {
    @Module({ imports: [SchedulerModule.forRoot({ policies: [ImpostorDummyPolicy] })] })
    class ClashModule {}
    const ref = await Test.createTestingModule({ imports: [ClashModule] }).compile();
    const app = ref.createNestApplication({ logger: false });
    await expect(app.init()).rejects.toThrow(
      'Two schedule policies are named "dummy": DummyPolicyProvider and ImpostorDummyPolicy; give each @SchedulePolicy a unique name',
    );
    await app.close();
  });

  it('fails when a class in `policies` is not decorated with @SchedulePolicy', () => {
    class Undecorated {
      readonly defaults = {};
      generate() {
        return { commands: '' };
      }
    }
    expect(() => SchedulerModule.forRoot({ policies: [Undecorated] })).toThrow(
      'SchedulerModule option policies: Undecorated is not decorated with @SchedulePolicy({ name, config, description })',
    );
  });

  it('fails on a bad module option', async () => {
    @Module({ imports: [SchedulerModule.forRoot({ policies: [NightWatchPolicy], maxWindowDays: -1 })] })
    class BadOptionModule {}
    await expect(Test.createTestingModule({ imports: [BadOptionModule] }).compile()).rejects.toThrow(
      'SchedulerModule option maxWindowDays must be a positive number (got -1)',
    );
  });
});
