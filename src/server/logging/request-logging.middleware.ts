/**
 * One log record per HTTP request, written when the answer is sent (or the client goes away):
 * request id (echoed in `X-Request-Id`), method, path, policy, window, status, duration and queue
 * wait. Health probes log at debug level (whatever their status) so that they do not drown the log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type RequestNote, runWithRequestNote } from '../../scheduler/request-note';
import type { AppLogger, LogRecordLevel } from './app-logger';
import { REQUEST_ID_HEADER, requestIdFor } from './request-id';

const NOTE = Symbol('requestNote');
const REQUEST_ID_HEADER_LOWER = REQUEST_ID_HEADER.toLowerCase();

type NotedResponse = Response & { [NOTE]?: RequestNote };

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

/** The parts of a request the log reads (Express's request). */
type LoggedRequest = IncomingMessage & { originalUrl?: string };

/**
 * Starts the log record of one request: sets `X-Request-Id` on `res` and writes the record when
 * the answer is sent or the client goes away. `bodyOf` gives the parsed body at that moment (for
 * the policy and window fields). Returns the note the schedule service fills in.
 */
export function trackRequest(
  logger: AppLogger,
  req: LoggedRequest,
  res: ServerResponse,
  bodyOf: () => unknown,
): RequestNote {
  const started = process.hrtime.bigint();
  const id = requestIdFor(req.headers[REQUEST_ID_HEADER_LOWER]);
  res.setHeader(REQUEST_ID_HEADER, id);
  const note: RequestNote = {};
  // 'close' follows 'finish' when the answer was sent; without 'finish' the client went away first.
  res.once('close', () => {
    const aborted = !res.writableFinished;
    const path = (req.originalUrl ?? req.url ?? '').split('?', 1)[0];
    const body = bodyOf();
    const status = aborted && !res.headersSent ? undefined : res.statusCode;
    // Probes are frequent and a 503 from readiness is a state (warming up, draining), not a failure.
    const level: LogRecordLevel = path.startsWith('/health')
      ? 'debug'
      : status !== undefined && status >= 500
        ? 'error'
        : 'info';
    if (!logger.enabled(level)) return;
    const isObject = body !== null && typeof body === 'object' && !Array.isArray(body);
    const fields = body as Record<string, unknown>;
    logger.write(level, 'request', {
      requestId: id,
      method: req.method,
      path: cut(path, 200),
      policy: note.policy ?? policyNameOf(body),
      t0: isObject ? cut(fields.t0) : undefined,
      t1: isObject ? cut(fields.t1) : undefined,
      status,
      durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
      queueWaitMs: note.queueWaitMs === undefined ? undefined : Math.round(note.queueWaitMs * 100) / 100,
      ...(aborted ? { aborted: true } : {}),
    });
  });
  return note;
}

/** Express middleware that times every request and writes its record through `logger`. Install first. */
export function createRequestLoggingMiddleware(logger: AppLogger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    (res as NotedResponse)[NOTE] = trackRequest(logger, req, res, () => req.body as unknown);
    next();
  };
}

/**
 * Express middleware that makes the request's note current for the rest of the chain, so the
 * schedule service can add the policy and queue wait. Install after the body parser: its
 * callbacks run outside the request's async context.
 */
export function requestNoteMiddleware(req: Request, res: Response, next: NextFunction): void {
  const note = (res as NotedResponse)[NOTE];
  if (note) runWithRequestNote(note, next);
  else next();
}
