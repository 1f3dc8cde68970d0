import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scheduleWarmUpBody, warmUpHttp, warmUpSchedules, WARM_UP_BODY } from './http-warm-up';
import { newWarmUpId, warmUpRequestId, WARM_UP_ID_ENV } from './warm-up-id';
import { oneRowMaster } from '../../testing/toast-master';

describe('warm-up request id', () => {
  it('is server-warm-up and 16 random hex digits, drawn once per process', () => {
    const id = warmUpRequestId({});
    expect(id).toMatch(/^server-warm-up-[0-9a-f]{16}$/);
    expect(warmUpRequestId({})).toBe(id);
    expect(newWarmUpId()).not.toBe(newWarmUpId());
  });

  it("takes the cluster primary's id from the environment only when it has that exact form", () => {
    const given = 'server-warm-up-00112233445566ff';
    expect(warmUpRequestId({ [WARM_UP_ID_ENV]: given })).toBe(given);
    const own = warmUpRequestId({});
    for (const bad of ['', 'server-warm-up', 'server-warm-up-0011223344556677x', 'abc', 'server-warm-up-00112233445566FF']) {
      expect(warmUpRequestId({ [WARM_UP_ID_ENV]: bad })).toBe(own);
    }
  });
});

describe('scheduleWarmUpBody', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'http-warm-up-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('asks for the first hour of the first master schedule of the data directory', () => {
    writeFileSync(join(dir, 'b.txt'), oneRowMaster('2024-02-29 23:45:10'));
    writeFileSync(join(dir, 'a.txt'), oneRowMaster('2023-01-05 00:22:00'));
    writeFileSync(join(dir, 'notes.txt'), 'not a schedule\n');
    const body = JSON.parse(scheduleWarmUpBody(dir)) as { t0: string; t1: string; policy: string };
    expect(body).toEqual({ t0: '2023-01-05 00:00', t1: '2023-01-05 01:00', policy: expect.any(String) });
    expect(JSON.parse(body.policy)).toEqual({ policy: 'basic', config: { master_schedule: 'a.txt' } });
    rmSync(join(dir, 'a.txt'));
    expect(JSON.parse(scheduleWarmUpBody(dir))).toMatchObject({ t0: '2024-02-29 23:00', t1: '2024-03-01 00:00' });
  });

  it("without a master schedule: the planner's hour with the generated one", () => {
    for (const d of [dir, join(dir, 'missing')]) {
      const body = JSON.parse(scheduleWarmUpBody(d)) as { t0: string; t1: string; policy: string };
      expect(body).toMatchObject({ t0: '2023-03-01 00:00', t1: '2023-03-01 01:00' });
      expect(JSON.parse(body.policy)).toEqual({ policy: 'basic', config: {} });
    }
  });
});

describe('warmUpSchedules and warmUpHttp', () => {
  let server: Server;
  let port: number;
  let seen: { id: unknown; body: string; socket: number }[];
  let statusOf: (n: number) => number;
  const sockets = new Map<unknown, number>();

  beforeEach(async () => {
    seen = [];
    statusOf = () => 200;
    sockets.clear();
    server = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        if (!sockets.has(req.socket)) sockets.set(req.socket, sockets.size);
        seen.push({ id: req.headers['x-request-id'], body, socket: sockets.get(req.socket)! });
        res.statusCode = req.method === 'POST' && req.url === '/api/v1/schedule/' ? statusOf(seen.length) : 404;
        res.end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('waits for the executor, then posts the body the given number of times on one kept-alive connection', async () => {
    let looks = 0;
    const report = await warmUpSchedules({ port, body: '{"x":1}', executorReady: () => ++looks > 3, stopped: () => false, requests: 7, pollMs: 1 });
    expect(looks).toBe(4);
    expect(report).toEqual({ answered: 7, ms: expect.any(Number) });
    expect(seen).toHaveLength(7);
    for (const s of seen) expect(s).toEqual({ id: warmUpRequestId(), body: '{"x":1}', socket: 0 });
  });

  it('stops at the first answer other than 200, and on shutdown', async () => {
    statusOf = (n) => (n === 3 ? 400 : 200);
    expect(await warmUpSchedules({ port, body: '{}', executorReady: () => true, stopped: () => false, requests: 10 })).toEqual({
      answered: 2,
      stoppedBecause: 'status 400',
      ms: expect.any(Number),
    });
    expect(seen).toHaveLength(3);
    let calls = 0;
    const report = await warmUpSchedules({ port, body: '{}', executorReady: () => true, stopped: () => ++calls > 2, requests: 10 });
    expect(report).toMatchObject({ answered: 2, stoppedBecause: 'shutdown' });
    expect(await warmUpSchedules({ port, body: '{}', executorReady: () => false, stopped: () => true, requests: 1 })).toEqual({
      answered: 0,
      stoppedBecause: 'shutdown',
      ms: 0,
    });
  });

  it('gives up on an executor that does not become ready, and keeps to its time budget', async () => {
    const never = await warmUpSchedules({ port, body: '{}', executorReady: () => false, stopped: () => false, readyWaitMs: 30, pollMs: 5 });
    expect(never).toEqual({ answered: 0, stoppedBecause: 'the executor did not become ready', ms: 0 });
    const spent = await warmUpSchedules({ port, body: '{}', executorReady: () => true, stopped: () => false, budgetMs: 0 });
    expect(spent).toMatchObject({ answered: 0, stoppedBecause: 'time budget of 0 ms spent' });
    expect(seen).toHaveLength(0);
  });

  it('never throws when nothing listens: the error is the reason, and warmUpHttp logs it', async () => {
    await new Promise((resolve) => server.close(resolve));
    const report = await warmUpSchedules({ port, body: '{}', executorReady: () => true, stopped: () => false });
    expect(report.answered).toBe(0);
    expect(report.stoppedBecause).toMatch(/ECONNREFUSED/);
    const warn = jest.fn();
    await warmUpHttp(port, { warn } as never);
    expect(warn).toHaveBeenCalledWith({ error: expect.stringMatching(/ECONNREFUSED/) }, 'HTTP warm-up request failed');
    server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  it('warmUpHttp posts the dummy body once and logs a status other than 200', async () => {
    const warn = jest.fn();
    await warmUpHttp(port, { warn } as never);
    expect(seen).toEqual([{ id: warmUpRequestId(), body: WARM_UP_BODY, socket: 0 }]);
    expect(warn).not.toHaveBeenCalled();
    statusOf = () => 503;
    await warmUpHttp(port, { warn } as never);
    expect(warn).toHaveBeenCalledWith({ error: 'status 503' }, 'HTTP warm-up request failed');
  });
});
