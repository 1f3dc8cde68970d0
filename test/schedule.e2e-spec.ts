/**
 * The wire contract of `POST /api/v1/schedule/` against the production app: success in each
 * request form and URL form, and every row of the contract's error table.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { SCHEDULE_EXECUTOR, ScheduleBusyError, ScheduleTimeoutError } from '../src/scheduler';
import { createTestApp } from './helpers/create-app';
import { pythonCompileError } from './helpers/python';

const URL = '/api/v1/schedule/';
const CLIENT_BODY = {
  t0: '2026-11-29 21:05',
  t1: '2026-11-29 22:05',
  policy: '{"policy": "dummy", "config": {}}',
};

function sleepsOf(commands: string): number {
  return commands
    .split('\n')
    .filter((l) => l.startsWith('time.sleep('))
    .reduce((sum, l) => sum + Math.round(Number(/\(([\d.]+)\)/.exec(l)?.[1]) * 100), 0);
}

function expectError(res: request.Response, status: number, message: string | RegExp): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(Object.keys(res.body).sort()).toEqual(['message', 'status']);
  expect(res.body.status).toBe('error');
  if (typeof message === 'string') expect(res.body.message).toBe(message);
  else expect(res.body.message).toMatch(message);
}

describe('POST /api/v1/schedule/ (production app)', () => {
  let app: NestFastifyApplication;
  const post = (body: unknown, url = URL) =>
    request(app.getHttpServer()).post(url).set('Content-Type', 'application/json').send(JSON.stringify(body));

  beforeAll(async () => {
    app = await createTestApp({ env: { SCHEDULER_BODY_LIMIT: '64kb' } });
  });
  afterAll(() => app.close());

  describe('success', () => {
    it('answers the client form (JSON-string policy, trailing slash) with a runnable script', async () => {
      const res = await post(CLIENT_BODY);
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['commands', 'message', 'status']);
      expect(res.body.status).toBe('ok');
      expect(res.body.message).toBe('Success');
      const commands: string = res.body.commands;
      expect(commands.startsWith('import time\n# generated ')).toBe(true);
      expect(sleepsOf(commands)).toBe(3600 * 100);
      const err = pythonCompileError(commands);
      if (err !== 'skipped') expect(err).toBeUndefined();
    });

    it('answers without the trailing slash, with no redirect', async () => {
      const res = await post(CLIENT_BODY, '/api/v1/schedule');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('ok');
    });

    it('accepts the inline object and the bare name, giving the same sleeps for the same request', async () => {
      const a = await post(CLIENT_BODY);
      const b = await post({ ...CLIENT_BODY, policy: { policy: 'dummy', config: {} } });
      const c = await post({ t0: '2026-11-29T21:05:00Z', t1: '2026-11-29T19:05:00-03:00', policy: 'dummy' });
      for (const r of [a, b, c]) expect(r.status).toBe(200);
      const sleeps = (r: request.Response) => (r.body.commands as string).split('\n').slice(2).join('\n');
      expect(sleeps(b)).toBe(sleeps(a));
      expect(sleeps(c)).toBe(sleeps(a));
    });

    it('gives another split for another window', async () => {
      const a = await post(CLIENT_BODY);
      const b = await post({ ...CLIENT_BODY, t1: '2026-11-29 22:06' });
      expect(sleepsOf(b.body.commands)).toBe(3660 * 100);
      expect(b.body.commands.split('\n').slice(2)).not.toEqual(a.body.commands.split('\n').slice(2));
    });

    it('sends CORS headers to any origin', async () => {
      const res = await post(CLIENT_BODY).set('Origin', 'https://example.org');
      expect(res.headers['access-control-allow-origin']).toBe('*');
    });
  });

  describe('the error table', () => {
    it.each([
      ['t0', { t1: CLIENT_BODY.t1, policy: 'dummy' }],
      ['t1', { t0: CLIENT_BODY.t0, policy: 'dummy' }],
      ['policy', { t0: CLIENT_BODY.t0, t1: CLIENT_BODY.t1 }],
    ])('a missing %s field → 400 naming it', async (field, body) => {
      expectError(await post(body), 400, `Missing ${field} field`);
    });

    it('an unparsable time → 400 naming the field and the formats', async () => {
      expectError(
        await post({ ...CLIENT_BODY, t0: 'abc' }),
        400,
        /^Invalid t0 "abc": expected YYYY-MM-DD HH:MM\[:SS\] \(UTC\) or ISO 8601/,
      );
      expectError(await post({ ...CLIENT_BODY, t1: '2023-02-30 10:00' }), 400, /^Invalid t1 "2023-02-30 10:00": not a valid date/);
    });

    it('a time that is not a string → 400 naming the field', async () => {
      expectError(await post({ ...CLIENT_BODY, t0: 1764450300 }), 400, /^Invalid t0: expected a string .* \(got a number\)$/);
      expectError(await post({ ...CLIENT_BODY, t1: null }), 400, /^Invalid t1: expected a string .* \(got null\)$/);
    });

    it('t1 not after t0 → 400 naming both times', async () => {
      expectError(
        await post({ ...CLIENT_BODY, t1: CLIENT_BODY.t0 }),
        400,
        't1 ("2026-11-29 21:05") must be after t0 ("2026-11-29 21:05")',
      );
    });

    it('a window over the maximum → 400 naming the limit', async () => {
      expectError(
        await post({ ...CLIENT_BODY, t1: '2027-01-29 21:05' }),
        400,
        'The window from t0 to t1 is 61 days long; the maximum is 31 days: ask for a shorter window',
      );
    });

    it.each<[string, unknown, RegExp]>([
      ['not JSON', '{"policy": dummy}', /^Invalid policy: .* is neither valid JSON nor a policy name; expected a JSON object/],
      ['not an object', '[1, 2]', /^Invalid policy: the JSON string holds an array, not an object; expected/],
      ['without a name', '{"config": {}}', /^Invalid policy: the object has no "policy" key naming the policy; expected/],
      ['a number', 7, /^Invalid policy: got a number; expected/],
    ])('a policy field %s → 400 saying what was expected', async (_what, policy, re) => {
      expectError(await post({ ...CLIENT_BODY, policy }), 400, re);
    });

    it('an unknown policy → 400 naming it and the supported ones', async () => {
      expectError(await post({ ...CLIENT_BODY, policy: 'smart' }), 400, 'Unknown policy "smart"; supported policies: basic, dummy');
    });

    it('an invalid config → 400 with the dotted path', async () => {
      expectError(
        await post({ ...CLIENT_BODY, policy: '{"policy": "dummy", "config": {"speed": {"max": 2}}}' }),
        400,
        'Invalid config: config.speed is not a known key (known keys: none).',
      );
      expectError(
        await post({ ...CLIENT_BODY, policy: { policy: 'dummy', config: 'fast' } }),
        400,
        'Invalid config: config must be an object of settings such as {} (got a string)',
      );
    });

    it.each([
      ['a JSON string', '{"policy": "dummy", "config": {"__proto__": {"polluted": true}}}'],
      ['an inline object', { policy: 'dummy', config: JSON.parse('{"a": {"constructor": {"prototype": {"polluted": true}}}}') }],
    ])('a prototype-pollution attempt in %s → 400, nothing polluted', async (_form, policy) => {
      expectError(await post({ ...CLIENT_BODY, policy }), 400, /^Invalid config: config\..*is not an allowed key\.$/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('a body that is not JSON → 400 saying it must be JSON', async () => {
      const res = await request(app.getHttpServer())
        .post(URL)
        .set('Content-Type', 'application/json')
        .send('{"t0": "2026-11-29 21:05",');
      expectError(res, 400, /^The request body must be valid JSON/);
    });

    it.each([['[]', 'an array'], ['"dummy"', 'a string'], ['42', 'a number'], ['null', 'null']])(
      'a JSON body %s that is not an object → 400',
      async (text, kind) => {
        const res = await request(app.getHttpServer()).post(URL).set('Content-Type', 'application/json').send(text);
        expectError(res, 400, new RegExp(`^The request body must be a JSON object .*\\(got ${kind}\\)$`));
      },
    );

    it('an empty JSON body → 400 for the first missing field', async () => {
      const res = await request(app.getHttpServer()).post(URL).set('Content-Type', 'application/json');
      expectError(res, 400, 'Missing t0 field');
    });

    it.each([['text/plain'], ['application/x-www-form-urlencoded'], ['multipart/form-data; boundary=x']])(
      'a wrong content type (%s) → 415 naming application/json',
      async (type) => {
        const res = await request(app.getHttpServer()).post(URL).set('Content-Type', type).send('t0=x');
        expectError(res, 415, /^Content-Type must be application\/json \(got "/);
      },
    );

    it('no content type at all → 415', async () => {
      const res = await request(app.getHttpServer()).post(URL);
      expectError(res, 415, 'Content-Type must be application/json (got none)');
    });

    it('a body over the limit → 413 naming the limit', async () => {
      const res = await post({ ...CLIENT_BODY, padding: 'x'.repeat(70 * 1024) });
      expectError(res, 413, 'The request body is larger than the limit of 64kb');
    });

    it.each([['get'], ['put'], ['delete'], ['patch']] as const)(
      'another method (%s) on the route → 405 with Allow: POST and the envelope',
      async (method) => {
        for (const url of [URL, '/api/v1/schedule']) {
          const res = await request(app.getHttpServer())[method](url);
          expectError(res, 405, `Method ${method.toUpperCase()} is not allowed here; send POST with a JSON body`);
          expect(res.headers.allow).toBe('POST');
        }
      },
    );

    it('a body just under the limit is read', async () => {
      const res = await post({ ...CLIENT_BODY, padding: 'x'.repeat(60 * 1024) });
      expect(res.status).toBe(200);
    });
  });
});

describe('503 and 500 from the executor', () => {
  let app: NestFastifyApplication;
  let failWith: Error;
  const post = () =>
    request(app.getHttpServer()).post(URL).set('Content-Type', 'application/json').send(JSON.stringify(CLIENT_BODY));

  beforeAll(async () => {
    const executor = { run: () => Promise.reject(failWith) };
    app = await createTestApp({ overrides: [{ provide: SCHEDULE_EXECUTOR, useValue: executor }] });
  });
  afterAll(() => app.close());

  it('a schedule not computed in time → 503 naming the time limit', async () => {
    failWith = new ScheduleTimeoutError(30_000);
    expectError(await post(), 503, 'The schedule could not be computed within the time limit of 30 s.');
  });

  it('a full queue → 503', async () => {
    failWith = new ScheduleBusyError(64);
    expectError(await post(), 503, /^The server is busy/);
  });

  it('anything unexpected → 500 with a short message and no stack or path', async () => {
    failWith = new TypeError(`Cannot read properties of undefined (reading 'x') at ${__filename}:1:1`);
    const res = await post();
    expectError(res, 500, 'Internal server error: the schedule could not be generated; please report it');
    expect(res.text).not.toMatch(/TypeError|at |\.ts|\/work\//);
  });
});
