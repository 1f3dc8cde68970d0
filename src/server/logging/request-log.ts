/**
 * One log record per HTTP request, written when the answer is sent (or the client goes away):
 * request id (echoed in `X-Request-Id`), method, path, policy, window, status, duration, queue
 * wait, and the message of an error answer. What the schedule endpoint learned (policy, queue
 * wait, error message) comes from its `requestFacts` on the request object, where this middleware
 * also leaves the request id (the schedule module's own error line about the request carries it).
 *
 * The record is the one pino-http wrote here before (`quietReqLogger`, custom objects), without its
 * per-request work that the record never shows: two child loggers (one bound to the serialized
 * request), the `allLogs` arrays, three listeners, and nestjs-pino's AsyncLocalStorage binding,
 * which turned on async hooks for every promise of the request (CPU profiles of the `dummy` load:
 * pino-http's own code 4.5 % of a request, the async hooks 2 %).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Level, Logger } from 'pino';
import { requestFacts } from '../../scheduler';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';

const STARTED = Symbol('requestStarted');
const REQUEST_ID_HEADER_LOWER = REQUEST_ID_HEADER.toLowerCase();

const PARSED_BODY = Symbol('parsedBody');

/** The parts of a request the log reads: Node's request, with what the middleware layer and the body parser add. */
type LoggedRequest = IncomingMessage & { originalUrl?: string; [PARSED_BODY]?: unknown };

/** Called by the body parser: the parsed body of `req` (Node's request), which the record reads (policy, t0, t1). */
export function noteParsedBody(req: IncomingMessage, body: unknown): void {
  (req as LoggedRequest)[PARSED_BODY] = body;
}
type TimedResponse = ServerResponse & { [STARTED]?: number };

/** A client value cut short for the log (JSON escaping keeps it on one line). */
function cut(value: unknown, max = 64): string | undefined {
  if (typeof value !== 'string') return undefined;
  return value.length > max ? `${value.slice(0, max)}...` : value;
}

/** The policy name a body asks for, read leniently (the request may be invalid). */
export function policyNameOf(body: unknown): string | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  const field = (body as Record<string, unknown>).policy;
  let obj: unknown = field;
  if (typeof field === 'string') {
    const s = field.trim();
    if (!s.startsWith('{')) return cut(s);
    // A JSON-string policy is small; a huge one is not worth parsing twice just for the log.
    if (s.length > 65_536) return undefined;
    try {
      obj = JSON.parse(s);
    } catch {
      return undefined;
    }
  }
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return undefined;
  return cut((obj as Record<string, unknown>).policy);
}

function pathOf(req: LoggedRequest): string {
  return (req.originalUrl ?? req.url ?? '').split('?', 1)[0];
}

/**
 * Probes are frequent and a 503 from readiness is a state (warming up, draining), not a failure.
 * The server's own warm-up requests (`warmUpId`, which clients cannot guess) are not the clients'.
 */
export function requestLogLevel(path: string, status: number | undefined, requestId?: string, warmUpId?: string): Level {
  if (path.startsWith('/health')) return 'debug';
  if (status !== undefined && status >= 500) return 'error';
  return warmUpId !== undefined && requestId === warmUpId ? 'debug' : 'info';
}

/** The status sent, or `undefined` when the client went away before any answer. */
function statusOf(res: ServerResponse): number | undefined {
  return !res.writableFinished && !res.headersSent ? undefined : res.statusCode;
}

/** The fields of one request's record (besides `msg`). */
export function requestRecord(req: LoggedRequest, res: ServerResponse): Record<string, unknown> {
  const started = (res as TimedResponse)[STARTED];
  const body = req[PARSED_BODY];
  const fields = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const facts = requestFacts(req);
  return {
    requestId: facts.requestId,
    method: req.method,
    path: cut(pathOf(req), 200),
    policy: facts.policy ?? policyNameOf(body),
    t0: cut(fields.t0),
    t1: cut(fields.t1),
    status: statusOf(res),
    durationMs: started === undefined ? undefined : Math.round((performance.now() - started) * 100) / 100,
    queueWaitMs: facts.queueWaitMs === undefined ? undefined : Math.round(facts.queueWaitMs * 100) / 100,
    error: facts.errorMessage,
    ...(res.writableFinished ? {} : { aborted: true }),
  };
}

/**
 * Middleware (Node's request and response, as Nest's `app.use` gives them) that gives every
 * request its id (`X-Request-Id`, `requestFacts(req).requestId`), times it and writes its record
 * through `logger` when the answer is sent (the requests of `warmUpId`, the server's own warm-up,
 * at debug level). Install first.
 */
export function createRequestLogMiddleware(
  logger: Logger,
  warmUpId?: string,
): (req: LoggedRequest, res: ServerResponse, next: () => void) => void {
  return (req, res, next) => {
    (res as TimedResponse)[STARTED] = performance.now();
    const id = requestIdFor(req.headers[REQUEST_ID_HEADER_LOWER]);
    res.setHeader(REQUEST_ID_HEADER, id);
    requestFacts(req).requestId = id;
    let written = false;
    const write = (): void => {
      if (written) return;
      written = true;
      res.removeListener('finish', write);
      res.removeListener('close', write);
      const level = requestLogLevel(pathOf(req), statusOf(res), id, warmUpId);
      // The record is built only when its level is written.
      if (logger.isLevelEnabled(level)) logger[level](requestRecord(req, res), 'request');
    };
    res.on('finish', write);
    res.on('close', write);
    next();
  };
}
