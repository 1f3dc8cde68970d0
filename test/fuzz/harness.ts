/**
 * The fuzz target: the production app listening on loopback, a raw HTTP client with a hang
 * timeout, and the checks every answer must pass whatever was sent.
 */
import { Agent, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Policy } from '../../src/core/policy';
import { PolicyRegistry, SCHEDULE_EXECUTOR, SCHEDULER_SETTINGS, type ScheduleExecutor, type SchedulerSettings } from '../../src/scheduler';
import { createTestApp, type TestAppOptions } from '../helpers/create-app';

/** One request as bytes on the wire. */
export interface RawRequest {
  readonly method: 'POST' | 'GET';
  readonly path: string;
  /** `undefined` sends no Content-Type header. */
  readonly contentType?: string;
  readonly body: string | Uint8Array;
  /** Extra headers (e.g. a hostile X-Request-Id). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What came back. */
export interface RawResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
}

/** A running fuzz target. */
export interface FuzzTarget {
  readonly app: NestFastifyApplication;
  /** Registered policies by name (read from the registry, so new policies are fuzzed too). */
  readonly policies: ReadonlyMap<string, Policy>;
  readonly dataDir: string;
  /** The body limit the target runs with, in bytes. */
  readonly bodyLimitBytes: number;
  send(req: RawRequest): Promise<RawResponse>;
  close(): Promise<void>;
}

/** Milliseconds after which an answer counts as a hang. */
export const HANG_MS = 20_000;

/** Body limit of the fuzz target: small, so that "too large" is reachable by generated bodies. */
export const FUZZ_BODY_LIMIT = '64kb';

/**
 * Starts the production app on an ephemeral loopback port with `dataDir` as its data directory,
 * computing schedules in-process, or in `workerThreads` worker threads (ready before it returns).
 * `options` adds environment variables and provider overrides.
 */
export async function startFuzzTarget(dataDir: string, workerThreads = 0, options: TestAppOptions = {}): Promise<FuzzTarget> {
  const app = await createTestApp({
    ...options,
    env: {
      SCHEDULER_DATA_DIR: dataDir,
      SCHEDULER_BODY_LIMIT: FUZZ_BODY_LIMIT,
      SCHEDULER_WORKER_THREADS: String(workerThreads),
      ...options.env,
    },
  });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const executor = app.get<ScheduleExecutor>(SCHEDULE_EXECUTOR);
  // Workers warm up before they take work; fuzzing a pool that is not ready would only test 503s.
  for (let i = 0; i < 600 && executor.stats && !executor.stats().ready; i++) await new Promise((r) => setTimeout(r, 100));
  const send = (req: RawRequest) =>
    new Promise<RawResponse>((resolve, reject) => {
      const body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : Buffer.from(req.body);
      const headers: Record<string, string | number> = { ...req.headers, 'Content-Length': body.length };
      if (req.contentType !== undefined) headers['Content-Type'] = req.contentType;
      const r = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.path, headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.once('error', reject);
      });
      r.setTimeout(HANG_MS, () => r.destroy(new Error(`no answer within ${HANG_MS} ms (hang)`)));
      r.once('error', reject);
      r.end(req.method === 'GET' ? undefined : body);
    });
  return {
    app,
    policies: app.get(PolicyRegistry).all(),
    dataDir,
    bodyLimitBytes: app.get<SchedulerSettings>(SCHEDULER_SETTINGS).bodyLimitBytes,
    send,
    close: async () => {
      agent.destroy();
      await app.close();
    },
  };
}

/** Status codes the contract allows for the schedule endpoint. */
export const CONTRACT_STATUSES: ReadonlySet<number> = new Set([200, 400, 413, 415, 503]);

// What a leaked stack trace or server path looks like.
const LEAKS = [/\n\s+at /, /\bat [\w.<>]+ \(/, /node_modules/, /\.(?:ts|js):\d+/, /\/src\//];

/**
 * Throws (with the request and the answer) unless `res` is a contract answer: an allowed status,
 * JSON, exactly the envelope's keys, a one-line message, no stack trace or server path, a request id.
 */
export function checkAnswer(req: RawRequest, res: RawResponse, dataDir: string, allowed = CONTRACT_STATUSES): void {
  const fail = (why: string): never => {
    const sent = typeof req.body === 'string' ? req.body : `<${req.body.length} bytes>`;
    throw new Error(`${why}\n  sent: ${req.contentType ?? '(no type)'} ${sent.slice(0, 300)}\n  got: ${res.status} ${res.text.slice(0, 300)}`);
  };
  if (!allowed.has(res.status)) fail(`status ${res.status} is not one of ${[...allowed].join(', ')}`);
  if (!/^application\/json\b/.test(String(res.headers['content-type']))) fail('the answer is not JSON');
  if (!res.headers['x-request-id']) fail('no X-Request-Id header');
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    return fail('the answer does not parse as JSON');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) fail('the answer is not a JSON object');
  const b = body as Record<string, unknown>;
  const keys = Object.keys(b).sort().join(',');
  if (res.status === 200) {
    if (keys !== 'commands,message,status' || b.status !== 'ok') fail('not the success envelope');
    if (typeof b.commands !== 'string' || b.commands.length === 0) fail('empty commands');
    if (typeof b.message !== 'string') fail('message is not a string');
  } else {
    if (keys !== 'message,status' || b.status !== 'error') fail('not the error envelope');
    if (typeof b.message !== 'string' || b.message.trim() === '') fail('empty message');
    const message = b.message as string;
    if (message.includes('\n')) fail('the message spans several lines');
    if (LEAKS.some((re) => re.test(message)) || message.includes(dataDir)) fail('the message leaks server details');
    if (res.status >= 500 && res.status !== 503) fail('a 5xx other than 503');
  }
}
