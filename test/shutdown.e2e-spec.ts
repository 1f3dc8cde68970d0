/**
 * Graceful shutdown of the real server process: on SIGTERM it stops accepting connections, lets a
 * request in flight finish, then exits 0; a request that outlives SHUTDOWN_GRACE_MS is cut and the
 * process still exits 0.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SCHEDULE_WARM_UP_REQUESTS } from '../src/server/lifecycle/http-warm-up';
import { startServer, type ServerProcess } from './helpers/server-process';

jest.setTimeout(60_000);

const BODY = JSON.stringify({ t0: '2026-11-29 21:05', t1: '2026-11-29 22:05', policy: '{"policy": "dummy", "config": {}}' });
const dataDir = mkdtempSync(join(tmpdir(), 'shutdown-data-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Starts a POST whose body is only half sent: the request is in flight until `finish()`. */
function halfSentRequest(port: number): { req: ClientRequest; response: Promise<{ res: IncomingMessage; body: string }>; finish(): void } {
  const req = httpRequest({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/v1/schedule/',
    headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(BODY), 'X-Request-Id': 'slow-1' },
  });
  const response = new Promise<{ res: IncomingMessage; body: string }>((resolve, reject) => {
    req.once('error', reject);
    req.once('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.once('end', () => resolve({ res, body }));
      res.once('error', reject);
    });
  });
  const half = Math.floor(BODY.length / 2);
  req.write(BODY.slice(0, half));
  req.flushHeaders();
  return { req, response, finish: () => req.end(BODY.slice(half)) };
}

function canConnect(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Loopback (IPv4, and IPv6 where the machine has it) and the machine's other addresses. */
function listeningHosts(): string[] {
  const addresses = Object.values(networkInterfaces()).flatMap((list) => list ?? []);
  return ['127.0.0.1', ...addresses.filter((a) => a.address !== '127.0.0.1' && !a.address.startsWith('fe80:')).map((a) => a.address)];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('graceful shutdown (server process)', () => {
  let server: ServerProcess | undefined;
  afterEach(() => {
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    server = undefined;
  });

  it('on SIGTERM stops accepting, finishes the request in flight, and exits 0', async () => {
    server = await startServer('source', { SCHEDULER_DATA_DIR: dataDir, SHUTDOWN_GRACE_MS: '10000', SCHEDULER_WORKER_THREADS: '0' });
    // It listens on every interface, as Node's listen(port) does (Fastify's default would be loopback only).
    for (const host of listeningHosts()) expect([host, await canConnect(server.port, host)]).toEqual([host, true]);
    const slow = halfSentRequest(server.port);
    // Let the server read the headers: from then on the request is in flight (the log below checks it).
    await sleep(300);
    server.child.kill('SIGTERM');
    const started = await server.waitFor((r) => r.msg === 'shutdown started');
    expect(started).toMatchObject({ reason: 'SIGTERM', inFlight: 1, graceMs: 10000 });
    // The listening socket is released on the next turn of the child's event loop.
    await sleep(200);
    expect(await canConnect(server.port)).toBe(false);
    expect(server.child.exitCode).toBeNull();
    slow.finish();
    const { res, body } = await slow.response;
    expect(res.statusCode).toBe(200);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(body)).toMatchObject({ status: 'ok', message: 'Success' });
    expect(await server.exited).toBe(0);
    expect(server.records).toContainEqual(expect.objectContaining({ msg: 'request', requestId: 'slow-1', status: 200 }));
    expect(server.records).toContainEqual(expect.objectContaining({ msg: 'shutdown complete', drained: true }));
  });

  it('cuts a request that outlives SHUTDOWN_GRACE_MS and still exits 0', async () => {
    server = await startServer('source', { SCHEDULER_DATA_DIR: dataDir, SHUTDOWN_GRACE_MS: '400', SCHEDULER_WORKER_THREADS: '0' });
    const stuck = halfSentRequest(server.port);
    const failed = stuck.response.then(
      () => 'answered',
      () => 'cut',
    );
    await sleep(300);
    const t0 = Date.now();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const took = Date.now() - t0;
    expect(took).toBeGreaterThanOrEqual(350);
    expect(took).toBeLessThan(8000);
    expect(await failed).toBe('cut');
    expect(server.records).toContainEqual(expect.objectContaining({ msg: 'shutdown grace period over: closing the remaining connections', inFlight: 1 }));
    expect(server.records).toContainEqual(expect.objectContaining({ msg: 'shutdown complete', drained: false }));
  });

  it('with a worker pool: ready once the worker is up, then exits 0 on SIGINT, closing the pool', async () => {
    server = await startServer('source', { SCHEDULER_DATA_DIR: dataDir, SCHEDULER_WORKER_THREADS: '1' });
    // The worker warms up (a one-hour basic schedule) before readiness says yes.
    let ready: { status: number; body: { checks: { executor: Record<string, unknown> } } } | undefined;
    for (let i = 0; i < 200 && ready?.status !== 200; i++) {
      if (i > 0) await sleep(250);
      const res = await fetch(`${server.baseUrl}/health/ready`);
      ready = { status: res.status, body: (await res.json()) as { checks: { executor: Record<string, unknown> } } };
    }
    expect(ready?.status).toBe(200);
    expect(ready?.body.checks.executor).toMatchObject({ ok: true, workers: 1 });
    // Readiness waited for the HTTP warm-up, whose requests the info log leaves out (its own line
    // may still be in the log's buffer when readiness answers).
    expect(await server.waitFor((r) => r.msg === 'HTTP warm-up done', 5_000)).toMatchObject({ answered: SCHEDULE_WARM_UP_REQUESTS });
    expect(server.records.filter((r) => r.msg === 'request' && String(r.requestId).startsWith('server-warm-up'))).toEqual([]);
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(server.records).toContainEqual(expect.objectContaining({ msg: 'shutdown complete', reason: 'SIGINT', drained: true }));
  });
});
