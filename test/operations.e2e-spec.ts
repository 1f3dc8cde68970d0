/**
 * Operations of the production app: liveness and readiness (and their OpenAPI entries), the
 * request log with `X-Request-Id`, security headers that keep `/docs` working, and the limits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import request from 'supertest';
import { scheduleWarmUpBody, ShutdownState, StartupState } from '../src/server/lifecycle';
import { AppLogger, createRootLogger, ROOT_LOGGER } from '../src/server/logging';
import { INTERNAL_ERROR_MESSAGE, SCHEDULE_EXECUTOR, type ScheduleExecutor } from '../src/scheduler';
import { createTestApp } from './helpers/create-app';

const URL = '/api/v1/schedule/';
const BODY = { t0: '2026-11-29 21:05', t1: '2026-11-29 22:05', policy: '{"policy": "dummy", "config": {}}' };
const dataDir = mkdtempSync(join(tmpdir(), 'ops-data-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const post = (app: NestFastifyApplication, body: unknown) =>
  request(app.getHttpServer()).post(URL).set('Content-Type', 'application/json').send(JSON.stringify(body));

describe('operations (production app)', () => {
  let app: NestFastifyApplication;
  const lines: string[] = [];
  const logger = createRootLogger({ logLevel: 'info', logFormat: 'json' }, { write: (l: string) => void lines.push(l) });
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((r) => r.msg === 'request');

  beforeAll(async () => {
    app = await createTestApp({
      env: { SCHEDULER_DATA_DIR: dataDir, SCHEDULER_MAX_CONFIG_DEPTH: '3', SCHEDULER_MAX_CALIBRATION_TARGETS: '2' },
      overrides: [{ provide: ROOT_LOGGER, useValue: logger }],
    });
  });
  afterAll(() => app.close());
  beforeEach(() => {
    lines.length = 0;
  });

  describe('health', () => {
    it('GET /health answers liveness', async () => {
      const res = await request(app.getHttpServer()).get('/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: 'ok' });
    });

    it('GET /health/ready answers 200 with each check when ready', async () => {
      const res = await request(app.getHttpServer()).get('/health/ready');
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body).toEqual({
        status: 'ok',
        message: 'Ready',
        checks: {
          policies: { ok: true, names: expect.arrayContaining(['dummy']) },
          executor: { ok: true },
          dataDir: { ok: true },
          warmUp: { ok: true },
          shutdown: { ok: true },
        },
      });
    });

    it('both endpoints are in the OpenAPI document, readiness with its 503', async () => {
      const doc = (await request(app.getHttpServer()).get('/docs-json')).body as {
        paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
      };
      expect(Object.keys(doc.paths['/health'].get!.responses)).toEqual(['200']);
      expect(Object.keys(doc.paths['/health/ready'].get!.responses).sort()).toEqual(['200', '503']);
    });
  });

  describe('request log and X-Request-Id', () => {
    it('writes one JSON line per request with id, policy, window, status, duration and queue wait', async () => {
      const res = await post(app, BODY).set('X-Request-Id', 'client-id-1');
      expect(res.status).toBe(200);
      expect(res.headers['x-request-id']).toBe('client-id-1');
      const [r, ...rest] = records();
      expect(rest).toEqual([]);
      expect(r).toEqual({
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        level: 'info',
        msg: 'request',
        requestId: 'client-id-1',
        method: 'POST',
        path: URL,
        policy: 'dummy',
        t0: BODY.t0,
        t1: BODY.t1,
        status: 200,
        durationMs: expect.any(Number),
        queueWaitMs: 0,
      });
    });

    it('generates an id when the client sends none or an unsafe one, and logs client errors too', async () => {
      const a = await post(app, { ...BODY, t0: 'soon' });
      const b = await post(app, BODY).set('X-Request-Id', 'bad id with spaces');
      const uuid = /^[0-9a-f-]{36}$/;
      expect(a.status).toBe(400);
      expect(a.headers['x-request-id']).toMatch(uuid);
      expect(b.headers['x-request-id']).toMatch(uuid);
      const [ra, rb] = records();
      // A client error's record carries the message the client got.
      expect(ra).toMatchObject({ requestId: a.headers['x-request-id'], status: 400, policy: 'dummy', t0: 'soon', error: a.body.message });
      expect(ra.error).toMatch(/^Invalid t0 "soon"/);
      expect(ra.queueWaitMs).toBeUndefined();
      expect(rb).toMatchObject({ requestId: b.headers['x-request-id'], status: 200 });
    });

    it('logs body parser errors (bad JSON) with their status and id', async () => {
      const res = await request(app.getHttpServer()).post(URL).set('Content-Type', 'application/json').send('{"t0":');
      expect(res.status).toBe(400);
      expect(records()).toEqual([
        expect.objectContaining({ status: 400, requestId: res.headers['x-request-id'], path: URL, error: res.body.message }),
      ]);
    });

    it('logs health probes at debug level only', async () => {
      await request(app.getHttpServer()).get('/health');
      expect(records()).toEqual([]);
    });
  });

  describe('security headers', () => {
    it('sends helmet headers on the API and no x-powered-by', async () => {
      const res = await post(app, BODY);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBe('*');
    });

    it('/docs loads: every script, stylesheet and icon it references is served from this origin', async () => {
      const page = await request(app.getHttpServer()).get('/docs');
      expect(page.status).toBe(200);
      const csp = String(page.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toMatch(/style-src [^;]*'unsafe-inline'/);
      const refs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThanOrEqual(5);
      for (const ref of refs) {
        // Relative to the page URL (/docs), as a browser resolves them; none may be off-origin.
        const url = new globalThis.URL(ref, 'http://host/docs');
        expect(url.host).toBe('host');
        const asset = await request(app.getHttpServer()).get(url.pathname);
        expect([ref, asset.status]).toEqual([ref, 200]);
      }
      const init = await request(app.getHttpServer()).get('/docs/swagger-ui-init.js');
      expect(init.text).toContain('"openapi"');
    });
  });

  describe('the HTTP platform', () => {
    it("answers a URL its router cannot decode with the envelope, through Nest's exception layer (400)", async () => {
      for (const url of ['/api/v1/schedule/%zz', '/%E0%A4%A']) {
        const res = await request(app.getHttpServer()).get(url);
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        // Nest makes Fastify's error an HttpException with its status and message; the filter answers it.
        expect(res.body).toEqual({ status: 'error', message: `'${url}' is not a valid url component` });
      }
    });

    it('answers OPTIONS 204 with CORS headers, preflight or not', async () => {
      const plain = await request(app.getHttpServer()).options('/api/v1/schedule/');
      expect(plain.status).toBe(204);
      const preflight = await request(app.getHttpServer())
        .options('/api/v1/schedule/')
        .set('Origin', 'http://example.org')
        .set('Access-Control-Request-Method', 'POST');
      expect(preflight.status).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe('*');
      expect(preflight.headers['access-control-allow-methods']).toContain('POST');
    });

    it('answers bytes that are not HTTP with the envelope and closes the connection', async () => {
      const server = app.getHttpServer() as Server;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        const { port } = server.address() as AddressInfo;
        const answer = await new Promise<string>((resolve, reject) => {
          let text = '';
          const socket = connect(port, '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
          socket.on('data', (d) => (text += d.toString()));
          socket.on('end', () => resolve(text));
          socket.on('error', reject);
        });
        expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
        expect(answer).toMatch(/\r\nConnection: close\r\n/);
        expect(JSON.parse(answer.split('\r\n\r\n')[1])).toEqual({ status: 'error', message: 'The request is not valid HTTP/1.1' });
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    });
  });

  describe('limits', () => {
    it('refuses a config deeper than SCHEDULER_MAX_CONFIG_DEPTH with a 400 naming the path', async () => {
      const res = await post(app, { ...BODY, policy: { policy: 'dummy', config: { a: { b: { c: { d: 1 } } } } } });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        status: 'error',
        message: 'Invalid config: config.a.b.c is nested too deeply: at most 3 levels are accepted (the configured limit).',
      });
    });

    it('refuses more calibration targets than SCHEDULER_MAX_CALIBRATION_TARGETS', async () => {
      const res = await post(app, { ...BODY, policy: { policy: 'dummy', config: { calibration_targets: ['a', 'b', 'c'] } } });
      expect(res.status).toBe(400);
      expect(res.body.message).toBe(
        'Invalid config: config.calibration_targets lists 3 targets; at most 2 are accepted (the configured limit).',
      );
    });
  });
});

describe('an unexpected error', () => {
  it('answers the fixed 500 and logs the error with its stack, in the same format and with the request id', async () => {
    const lines: string[] = [];
    const logger = createRootLogger({ logLevel: 'info', logFormat: 'json' }, { write: (l: string) => void lines.push(l) });
    const broken: ScheduleExecutor = { run: () => Promise.reject(new TypeError('secret detail')) };
    const app = await createTestApp({
      env: { SCHEDULER_DATA_DIR: dataDir },
      overrides: [
        { provide: ROOT_LOGGER, useValue: logger },
        { provide: SCHEDULE_EXECUTOR, useValue: broken },
      ],
    });
    app.useLogger(app.get(AppLogger));
    try {
      const res = await post(app, BODY).set('X-Request-Id', 'req-500');
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ status: 'error', message: INTERNAL_ERROR_MESSAGE });
      const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(records.find((r) => r.level === 'error' && r.context === 'Scheduler')).toMatchObject({
        requestId: 'req-500',
        msg: 'TypeError: secret detail',
        err: { stack: expect.stringContaining('secret detail') },
      });
      const record = records.find((r) => r.msg === 'request');
      expect(record).toMatchObject({ level: 'error', requestId: 'req-500', status: 500, policy: 'dummy' });
      expect(record?.error).toBeUndefined(); // the fixed message adds nothing to the error line above
    } finally {
      await app.close();
    }
  });
});

describe('readiness when not ready', () => {
  it('answers 503 with a JSON body naming the data directory and the executor, without paths', async () => {
    const down: ScheduleExecutor = {
      run: () => Promise.reject(new Error('closed')),
      stats: () => ({ workers: 0, busy: 0, queued: 0, ready: false }),
    };
    const app = await createTestApp({
      env: { SCHEDULER_DATA_DIR: join(dataDir, 'missing') },
      overrides: [{ provide: SCHEDULE_EXECUTOR, useValue: down }],
    });
    try {
      const res = await request(app.getHttpServer()).get('/health/ready');
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body.status).toBe('error');
      expect(res.body.message).toBe(
        'Not ready: the schedule executor cannot take work (no worker is running); the data directory (SCHEDULER_DATA_DIR) is missing or not readable',
      );
      expect(res.body.checks.executor).toEqual({ ok: false, workers: 0, busy: 0, queued: 0 });
      expect(res.text).not.toContain(dataDir);
      // Liveness does not depend on readiness.
      expect((await request(app.getHttpServer()).get('/health')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('while warming up', () => {
  it('fails readiness until the warm-up is over, and serves requests meanwhile', async () => {
    const app = await createTestApp({ env: { SCHEDULER_DATA_DIR: dataDir } });
    try {
      const startup = app.get(StartupState);
      startup.beginWarmUp();
      const warming = await request(app.getHttpServer()).get('/health/ready');
      expect(warming.status).toBe(503);
      expect(warming.body.message).toBe('Not ready: the server is warming up its request path');
      expect(warming.body.checks.warmUp).toEqual({ ok: false });
      expect((await post(app, BODY)).status).toBe(200);
      // The warm-up's own request is a valid one (this data directory has no master schedule).
      const warm = await post(app, JSON.parse(scheduleWarmUpBody(dataDir)) as object);
      expect(warm.status).toBe(200);
      expect(warm.body.commands).toContain('from sorunlib import *');
      startup.endWarmUp();
      const ready = await request(app.getHttpServer()).get('/health/ready');
      expect(ready.status).toBe(200);
      expect(ready.body.checks.warmUp).toEqual({ ok: true });
    } finally {
      await app.close();
    }
  });
});

describe('while shutting down', () => {
  it('fails readiness and asks clients to close their connection', async () => {
    const app = await createTestApp({ env: { SCHEDULER_DATA_DIR: dataDir } });
    try {
      app.get(ShutdownState).beginDraining();
      const ready = await request(app.getHttpServer()).get('/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.message).toBe('Not ready: the server is shutting down');
      expect(ready.headers.connection).toBe('close');
      const res = await post(app, BODY);
      expect(res.status).toBe(200);
      expect(res.headers.connection).toBe('close');
    } finally {
      await app.close();
    }
  });
});
