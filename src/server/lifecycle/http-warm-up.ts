/**
 * Requests through the server's own HTTP stack right after it starts listening, so that the first
 * client request does not pay for compiling the request path (body parser, middleware, validation,
 * a policy's config checks, the executor hand-off): measured 20 ms extra on a first request,
 * against a 5-13 ms warm one. A one-hour `dummy` schedule: it runs in-process, so it occupies no
 * worker of the pool (which warms up on its own). Failures are logged and otherwise ignored, as
 * the server works without them.
 */
import { request } from 'node:http';
import type { AppLogger } from '../logging/app-logger';

/** Request id the warm-up requests carry, so that the request log says what they were. */
export const WARM_UP_REQUEST_ID = 'server-warm-up';

/** Bodies of the warm-up requests, in order. */
export const WARM_UP_BODIES: readonly string[] = ['dummy'].map((policy) =>
  JSON.stringify({ t0: '2023-03-01 00:00', t1: '2023-03-01 01:00', policy: JSON.stringify({ policy, config: {} }) }),
);

/** Longest wait for one warm-up answer, ms. */
const WARM_UP_TIMEOUT_MS = 5_000;

function post(port: number, body: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/schedule/',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': WARM_UP_REQUEST_ID },
        timeout: WARM_UP_TIMEOUT_MS,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Posts the warm-up requests to `http://127.0.0.1:port/api/v1/schedule/` one after the other;
 * never throws. Uses `node:http`, not `fetch`: loading fetch's client (undici) would cost the
 * process 16 MB.
 */
export async function warmUpHttp(port: number, logger?: AppLogger): Promise<void> {
  for (const body of WARM_UP_BODIES) {
    try {
      await post(port, body);
    } catch (err) {
      logger?.write('warn', 'HTTP warm-up request failed', { error: err instanceof Error ? err.message : String(err) });
    }
  }
}
