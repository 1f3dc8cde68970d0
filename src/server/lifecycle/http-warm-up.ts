/**
 * Requests through the server's own HTTP stack before readiness says yes, so that client requests
 * do not pay for compiling the request path (body parser, middleware, guard, the pipe's DTO
 * validation, the service, the executor hand-off and the answer).
 *
 * First one `dummy` request right after the server listens (in-process, while the workers warm up:
 * a first request used to cost 20 ms more than a 5-13 ms warm one). Then, once the executor is
 * ready, `SCHEDULE_WARM_UP_REQUESTS` one-hour `basic` requests one after another: V8 optimises the
 * HTTP thread's code only after it has run many times, and one request was not enough (measured
 * before: a single `basic` warm-up left the first client requests as slow as without).
 *
 * Measured (2 cores; a first one-day request right after readiness, then fifteen more; alternating
 * server starts, six each): with 30 requests the first took 10.1-12.2 ms against 13.2-16.0 without,
 * the median of the fifteen after it 4.4-6.2 against 4.6-6.8 ms; 60 requests did no better
 * (10.2-13.2 ms). More cost memory: the HTTP thread's nursery and old space grow with them (V8 grows
 * the nursery despite the start-up hold), and with both workers busy the server peaked at 153-158
 * MB with 30 requests (four runs; 151-160 without), 153-163 with 60, 161-165 with 150, against the
 * 160 MB target. 150 requests also lowered the bench's one-day median (4.4-4.8 against 4.7-5.3 ms,
 * five pairs), 60 did not measurably. They take under 0.1 s.
 *
 * Measured again once the HTTP thread stopped promoting each request's objects (Fastify 5.12, the
 * worker's reply taken out of piscina's task record: bench/README.md, fourteenth stop), one-day
 * requests right after readiness, median by position over six fresh servers, two runs each (the
 * steady median of requests 60-100 was 6.6-7.5 ms in all): with 30 warm-up requests the first took
 * 9.4 and 11.4 ms and the second 13.8 and 15.9; with 100, 11.5 and 10.4 (the second 7.4-8.0); with
 * 200, 7.6 and 8.3 (the second 6.8 and 8.3); with 400, 8.2 and 7.3. With both workers busy after
 * 600 one-day requests the server peaked 1-3 MB higher with 200 than with 30 (154.3 and 154.4
 * against 151.6 and 153.1 MB), and the 200 take about 0.65 s.
 *
 * The requests carry `warmUpRequestId()` as their `X-Request-Id`, which the request log writes at
 * debug level. Nothing here throws: a failed warm-up is logged and the server works without it.
 */
import { Agent, request } from 'node:http';
import type { Logger } from 'pino';
import { masterFilesIn, WARMUP_T0 } from '../../core/policies/basic/warmup';
import { pad, utcDateParts } from '../../core/time/format';
import type { Micros } from '../../core/time/micros';
import { warmUpRequestId } from './warm-up-id';

/** One-hour `basic` requests sent once the executor is ready. */
export const SCHEDULE_WARM_UP_REQUESTS = 200;

/** The schedule warm-up stops after this long, whatever it has sent (a slow machine still gets ready). */
export const SCHEDULE_WARM_UP_BUDGET_MS = 5_000;

/** How long the warm-up waits for the executor to be ready before giving up on the `basic` requests. */
export const EXECUTOR_READY_WAIT_MS = 60_000;

/** Each warm-up request is abandoned after this long. */
const REQUEST_TIMEOUT_MS = 5_000;

const HOUR_US = 3_600_000_000;

/** `YYYY-MM-DD HH:MM` (UTC) of `t`, the API's own time format. */
function apiTime(t: Micros): string {
  const p = utcDateParts(t);
  return `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)} ${pad(p.hour, 2)}:${pad(p.minute, 2)}`;
}

/**
 * The body of the `basic` warm-up requests: the first hour of the data directory's first master
 * schedule (the file a client most likely names), or the workers' planner hour (`WARMUP_T0`) with
 * the generated master schedule when there is none.
 */
export function scheduleWarmUpBody(dataDir: string): string {
  const first = masterFilesIn(dataDir)[0];
  const t0 = first === undefined ? WARMUP_T0 : Math.floor(first.start / HOUR_US) * HOUR_US;
  const config = first === undefined ? {} : { master_schedule: first.name };
  return JSON.stringify({ t0: apiTime(t0), t1: apiTime(t0 + HOUR_US), policy: JSON.stringify({ policy: 'basic', config }) });
}

/** Body of the first warm-up request: a one-hour `dummy` schedule. */
export const WARM_UP_BODY = JSON.stringify({
  t0: '2023-03-01 00:00',
  t1: '2023-03-01 01:00',
  policy: JSON.stringify({ policy: 'dummy', config: {} }),
});

/** Posts `body` to `/api/v1/schedule/` on loopback; resolves with the status, or the error's message. */
function post(port: number, body: string, agent?: Agent): Promise<number | string> {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        agent,
        path: '/api/v1/schedule/',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': warmUpRequestId() },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', (err) => resolve(err.message));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (err) => resolve(err.message));
    req.end(body);
  });
}

/**
 * Posts the `dummy` warm-up request to `http://127.0.0.1:port/api/v1/schedule/`; never throws.
 * Uses `node:http`, not `fetch`: loading fetch's client (undici) would cost the process 16 MB.
 */
export async function warmUpHttp(port: number, logger?: Pick<Logger, 'warn'>): Promise<void> {
  const outcome = await post(port, WARM_UP_BODY);
  if (outcome !== 200) logger?.warn({ error: typeof outcome === 'string' ? outcome : `status ${outcome}` }, 'HTTP warm-up request failed');
}

/** What `warmUpSchedules` needs from the running server. */
export interface ScheduleWarmUpOptions {
  readonly port: number;
  /** The request body (`scheduleWarmUpBody`). */
  readonly body: string;
  /** True once the executor can take work (`stats().ready`). */
  readonly executorReady: () => boolean;
  /** True when the warm-up must stop at once (a shutdown has begun). */
  readonly stopped: () => boolean;
  readonly requests?: number;
  readonly budgetMs?: number;
  readonly readyWaitMs?: number;
  /** Milliseconds between two looks at `executorReady`. */
  readonly pollMs?: number;
}

/** What the schedule warm-up did (logged once). */
export interface ScheduleWarmUpReport {
  /** Requests answered 200. */
  readonly answered: number;
  /** Why it stopped early, if it did. */
  readonly stoppedBecause?: string;
  readonly ms: number;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits for the executor, then posts `requests` warm-up requests one after another on one kept-alive
 * connection (as a client does). Stops at the first answer other than 200, on shutdown, or when the
 * budget is spent; never throws.
 */
export async function warmUpSchedules(options: ScheduleWarmUpOptions): Promise<ScheduleWarmUpReport> {
  const { port, body, executorReady, stopped } = options;
  const requests = options.requests ?? SCHEDULE_WARM_UP_REQUESTS;
  const budgetMs = options.budgetMs ?? SCHEDULE_WARM_UP_BUDGET_MS;
  const readyWaitMs = options.readyWaitMs ?? EXECUTOR_READY_WAIT_MS;
  const pollMs = options.pollMs ?? 20;
  const waitStart = performance.now();
  while (!executorReady()) {
    if (stopped()) return { answered: 0, stoppedBecause: 'shutdown', ms: 0 };
    if (performance.now() - waitStart >= readyWaitMs) return { answered: 0, stoppedBecause: 'the executor did not become ready', ms: 0 };
    await sleep(pollMs);
  }
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const start = performance.now();
  let answered = 0;
  let stoppedBecause: string | undefined;
  try {
    while (answered < requests) {
      if (stopped()) {
        stoppedBecause = 'shutdown';
        break;
      }
      if (performance.now() - start >= budgetMs) {
        stoppedBecause = `time budget of ${budgetMs} ms spent`;
        break;
      }
      const outcome = await post(port, body, agent);
      if (outcome !== 200) {
        stoppedBecause = typeof outcome === 'string' ? outcome : `status ${outcome}`;
        break;
      }
      answered++;
    }
  } finally {
    agent.destroy();
  }
  return { answered, ...(stoppedBecause === undefined ? {} : { stoppedBecause }), ms: Math.round(performance.now() - start) };
}
