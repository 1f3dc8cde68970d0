import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { InFlightRequests } from '../lifecycle/graceful-shutdown';
import { ShutdownState } from '../lifecycle/shutdown-state';
import { AppLogger } from '../logging/app-logger';
import { ScheduleInputError } from '../../core/errors';
import { INTERNAL_ERROR_MESSAGE, INVALID_JSON_MESSAGE, type SuccessEnvelope } from '../../scheduler/envelope';
import { ScheduleBusyError } from '../../scheduler/execution/schedule-executor';
import type { RequestNote } from '../../scheduler/request-note';
import { installScheduleFastLane, parseBody, type ScheduleFastLane, takesFastLane } from './schedule-fast-lane';

const ROUTE = '/api/v1/schedule';
const LIMIT = 1024;

function fakeRequest(method: string, url: string, headers: Record<string, string>): IncomingMessage {
  return { method, url, headers } as unknown as IncomingMessage;
}

const PLAIN = { 'content-type': 'application/json', 'content-length': '42' };

describe('takesFastLane', () => {
  it.each([
    ['POST', `${ROUTE}/`, PLAIN],
    ['POST', ROUTE, PLAIN],
    ['POST', ROUTE, { ...PLAIN, 'content-type': 'Application/JSON; Charset=UTF-8' }],
    ['POST', ROUTE, { ...PLAIN, 'content-type': 'application/json;charset=utf-8' }],
    ['POST', ROUTE, { ...PLAIN, 'content-encoding': 'identity' }],
    ['POST', ROUTE, { ...PLAIN, 'content-length': '0' }],
    ['POST', ROUTE, { ...PLAIN, 'content-length': String(LIMIT) }],
  ])('takes %s %s %p', (method, url, headers) => {
    expect(takesFastLane(fakeRequest(method, url, headers), ROUTE, LIMIT)).toBe(true);
  });

  it.each([
    ['GET', ROUTE, PLAIN],
    ['PUT', ROUTE, PLAIN],
    ['POST', `${ROUTE}//`, PLAIN],
    ['POST', `${ROUTE}/?a=1`, PLAIN],
    ['POST', `${ROUTE}?a=1`, PLAIN],
    ['POST', '/API/V1/SCHEDULE/', PLAIN],
    ['POST', `${ROUTE}x`, PLAIN],
    ['POST', '/api/v1/schedul', PLAIN],
    ['POST', ROUTE, { 'content-length': '42' }],
    ['POST', ROUTE, { ...PLAIN, 'content-type': 'text/plain' }],
    ['POST', ROUTE, { ...PLAIN, 'content-type': 'application/json; charset=utf-16' }],
    ['POST', ROUTE, { ...PLAIN, 'content-type': 'application/json; charset=latin1' }],
    ['POST', ROUTE, { ...PLAIN, 'content-type': 'application/vnd.api+json' }],
    ['POST', ROUTE, { ...PLAIN, 'content-encoding': 'gzip' }],
    ['POST', ROUTE, { ...PLAIN, 'content-encoding': 'zstd' }],
    ['POST', ROUTE, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }],
    ['POST', ROUTE, { 'content-type': 'application/json' }],
    ['POST', ROUTE, { ...PLAIN, 'content-length': String(LIMIT + 1) }],
    ['POST', ROUTE, { ...PLAIN, 'content-length': '1e3' }],
  ])('passes %s %s %p to the app', (method, url, headers) => {
    expect(takesFastLane(fakeRequest(method, url, headers), ROUTE, LIMIT)).toBe(false);
  });
});

describe('parseBody', () => {
  it('reads JSON as the body parser does', () => {
    expect(parseBody(Buffer.from('{"a": [1, "é"]}'))).toEqual({ a: [1, 'é'] });
    expect(parseBody(Buffer.from('\ufeff{"a": 1}'))).toEqual({ a: 1 });
    expect(parseBody(Buffer.alloc(0))).toEqual({});
    expect(parseBody(Buffer.from('"t0"'))).toBe('t0');
    expect(parseBody(Buffer.from(' null '))).toBeNull();
  });

  it('refuses what is not JSON', () => {
    for (const text of ['{', '{"a": 1,}', "{'a': 1}", ' ', 'NaN', '\ufeff\ufeff{}']) {
      expect(() => parseBody(Buffer.from(text))).toThrow(SyntaxError);
    }
  });
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

describe('installScheduleFastLane', () => {
  let server: Server;
  let port: number;
  let lane: ScheduleFastLane;
  let generate: jest.Mock<Promise<SuccessEnvelope>, [unknown, RequestNote | undefined]>;
  const unexpected: unknown[] = [];
  const lines: string[] = [];
  const state = new ShutdownState();
  const inFlight = new InFlightRequests(state);

  beforeAll(async () => {
    server = createServer((_req, res) => {
      res.statusCode = 299;
      res.end('app');
    });
    generate = jest.fn();
    lane = installScheduleFastLane(server, {
      routePath: ROUTE,
      bodyLimitBytes: LIMIT,
      bodyLimit: '1kb',
      generate: (body, note) => generate(body, note),
      headers: { 'X-Frame-Options': 'SAMEORIGIN', 'Access-Control-Allow-Origin': '*' },
      logger: new AppLogger({ level: 'info', sink: (line) => void lines.push(line) }),
      inFlight,
      onUnexpected: (error) => void unexpected.push(error),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    generate.mockReset();
    unexpected.length = 0;
    lines.length = 0;
  });

  function post(path: string, body: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers: { ...headers, 'Content-Length': Buffer.byteLength(body) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // the app's plain-text answer
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: parsed });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers a plain request with the service, the headers and a log record', async () => {
    generate.mockImplementation(async (_body, note) => {
      Object.assign(note ?? {}, { policy: 'dummy', queueWaitMs: 0.123 });
      return { status: 'ok', commands: 'import time\n', message: 'Success' };
    });
    const before = lane.taken;
    const answer = await post(`${ROUTE}/`, '{"t0": "a", "t1": "b", "policy": "dummy"}', {
      'Content-Type': 'application/json',
      'X-Request-Id': 'abc-1',
    });
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok', commands: 'import time\n', message: 'Success' } });
    expect(answer.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'x-frame-options': 'SAMEORIGIN',
      'access-control-allow-origin': '*',
      'x-request-id': 'abc-1',
    });
    expect(generate).toHaveBeenCalledWith({ t0: 'a', t1: 'b', policy: 'dummy' }, expect.any(Object));
    expect(lane.taken).toBe(before + 1);
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        msg: 'request',
        requestId: 'abc-1',
        method: 'POST',
        path: `${ROUTE}/`,
        policy: 'dummy',
        t0: 'a',
        t1: 'b',
        status: 200,
        queueWaitMs: 0.12,
      }),
    ]);
  });

  it('passes other requests to the app untouched', async () => {
    const before = lane.passed;
    expect(await post(`${ROUTE}/`, '{}', { 'Content-Type': 'text/plain' })).toMatchObject({ status: 299, body: 'app' });
    expect(await post('/elsewhere', '{}')).toMatchObject({ status: 299, body: 'app' });
    expect(lane.passed).toBe(before + 2);
    expect(generate).not.toHaveBeenCalled();
  });

  it('answers each error with its envelope and status', async () => {
    expect(await post(ROUTE, '{"t0": ')).toMatchObject({ status: 400, body: { status: 'error', message: INVALID_JSON_MESSAGE } });
    generate.mockRejectedValueOnce(new ScheduleInputError('Missing t0 field'));
    expect(await post(ROUTE, '')).toMatchObject({ status: 400, body: { status: 'error', message: 'Missing t0 field' } });
    expect(generate).toHaveBeenLastCalledWith({}, expect.any(Object));
    generate.mockRejectedValueOnce(new ScheduleBusyError(64));
    expect(await post(ROUTE, '{}')).toMatchObject({
      status: 503,
      body: { status: 'error', message: 'The server is busy: 64 schedules are already waiting; try again shortly.' },
    });
    expect(unexpected).toEqual([]);
    const bug = new TypeError('x is undefined at /srv/app/src/thing.ts:3');
    generate.mockRejectedValueOnce(bug);
    const answer = await post(ROUTE, '{}');
    expect(answer).toMatchObject({ status: 500, body: { status: 'error', message: INTERNAL_ERROR_MESSAGE } });
    expect(unexpected).toEqual([bug]);
  });

  it('survives a client that goes away mid-body, and logs the abort', async () => {
    const before = lane.taken;
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(`POST ${ROUTE}/ HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"t0":`);
        setTimeout(() => socket.destroy(), 50);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    for (let i = 0; i < 50 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(lane.taken).toBe(before + 1);
    expect(generate).not.toHaveBeenCalled();
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'request', aborted: true });
    expect(inFlight.size).toBe(0);
    generate.mockResolvedValueOnce({ status: 'ok', commands: 'x', message: 'Success' });
    expect((await post(ROUTE, '{}')).status).toBe(200);
  });

  it('survives a client that goes away while its schedule is computed, and a generate that throws', async () => {
    let finish: (e: SuccessEnvelope) => void = () => undefined;
    generate.mockImplementationOnce(() => new Promise<SuccessEnvelope>((resolve) => (finish = resolve)));
    await new Promise<void>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end(`POST ${ROUTE} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`);
      });
      socket.on('close', () => resolve());
      socket.on('error', reject);
    });
    for (let i = 0; i < 50 && generate.mock.calls.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(generate).toHaveBeenCalledTimes(1);
    finish({ status: 'ok', commands: 'late', message: 'Success' });
    for (let i = 0; i < 50 && lines.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(JSON.parse(lines[0])).toMatchObject({ msg: 'request', aborted: true });
    const bug = new Error('thrown, not rejected');
    generate.mockImplementationOnce(() => {
      throw bug;
    });
    expect(await post(ROUTE, '{}')).toMatchObject({ status: 500, body: { message: INTERNAL_ERROR_MESSAGE } });
    expect(unexpected).toEqual([bug]);
    generate.mockResolvedValueOnce({ status: 'ok', commands: 'x', message: 'Success' });
    expect((await post(ROUTE, '{}')).status).toBe(200);
  });

  it('leaves every request to the app while the server drains', async () => {
    state.beginDraining();
    const before = lane.taken;
    expect(await post(ROUTE, '{}')).toMatchObject({ status: 299 });
    expect(lane.taken).toBe(before);
  });
});
