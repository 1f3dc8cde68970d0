/**
 * What the schedule endpoint learns about one HTTP request that a request log wants: the resolved
 * policy, the queue wait, the message of an error answer. The module sets them on the request
 * object; the host's logging reads them when the answer is sent. No logger is involved here.
 */

/** Facts about one request, filled in as the endpoint gets to them. */
export interface RequestFacts {
  /** Name of the policy the request resolved to. */
  policy?: string;
  /** Milliseconds the job waited for a worker (set once the executor answered). */
  queueWaitMs?: number;
  /** The message of an error answer that is the client's or the load's (4xx, 503); never of a 500. */
  errorMessage?: string;
  /**
   * Set by the host: the id its request log gives the request. The module's own error line about
   * the request (a 500) then carries it as `requestId`, logged as an object (`{requestId, err,
   * msg}`, for a JSON logger such as nestjs-pino's), so the line can be matched with the request.
   */
  requestId?: string;
}

const FACTS = Symbol('requestFacts');

/**
 * The facts object of `req`, created on first use. `req` is the request object a platform gives
 * (Express's, which is Node's request; Fastify's, which wraps Node's as `raw`): the facts are kept
 * on Node's request, which middleware, route handlers and filters of either platform share.
 */
export function requestFacts(req: object): RequestFacts {
  const raw = (req as { raw?: unknown }).raw;
  const holder = (raw !== null && typeof raw === 'object' ? raw : req) as { [FACTS]?: RequestFacts };
  return (holder[FACTS] ??= {});
}
