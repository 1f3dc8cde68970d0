/**
 * The schedule route without Express. Profiling showed that a `dummy` request spent most of its
 * time in Express's router, body parser and middleware chain, not in the schedule service. The
 * lane answers the plain case itself, a `POST` to the exact route with a JSON body of declared
 * length within the limit, uncompressed and in UTF-8, and passes every other request to the app
 * unchanged. It gives the same answer the app would give (status, envelope, headers, log record):
 * `test/fast-lane.e2e-spec.ts` sends the same requests to both and compares.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { InFlightRequests } from '../lifecycle/graceful-shutdown';
import type { AppLogger } from '../logging/app-logger';
import { trackRequest } from '../logging/request-logging.middleware';
import { type ErrorEnvelope, errorToEnvelope, INVALID_JSON_MESSAGE, type SuccessEnvelope } from '../../scheduler/envelope';
import type { RequestNote } from '../../scheduler/request-note';

/** What the lane needs from the app. */
export interface ScheduleFastLaneOptions {
  /** Path of the schedule route (`'/api/v1/schedule'`); the lane serves it with and without the trailing slash. */
  readonly routePath: string;
  /** Largest body the lane reads; longer ones go to the app, which answers 413. */
  readonly bodyLimitBytes: number;
  /** The body limit as configured (`'1mb'`), for error messages. */
  readonly bodyLimit: string;
  /** The schedule service's `generate`. */
  readonly generate: (body: unknown, note?: RequestNote) => Promise<SuccessEnvelope>;
  /** Headers the app puts on every answer (security headers, CORS), name → value. */
  readonly headers: Readonly<Record<string, string>>;
  /** The request log; without it the lane writes no record and sets no `X-Request-Id`, like the app. */
  readonly logger?: AppLogger;
  /** Requests in flight, for graceful shutdown; while draining, every request goes to the app. */
  readonly inFlight?: InFlightRequests;
  /** Called with an error that became a 500 (a bug), for the error log. */
  readonly onUnexpected: (error: unknown) => void;
}

/** Counters of an installed lane. */
export interface ScheduleFastLane {
  /** Requests the lane answered. */
  readonly taken: number;
  /** Requests passed to the app. */
  readonly passed: number;
}

/** `Content-Type` values the lane reads itself (lower case); any other goes to the app. */
const PLAIN_JSON_TYPES: ReadonlySet<string> = new Set([
  'application/json',
  'application/json; charset=utf-8',
  'application/json;charset=utf-8',
]);

/** `Content-Type` of every answer, as Express writes it. */
export const ANSWER_CONTENT_TYPE = 'application/json; charset=utf-8';

const DECIMAL = /^\d{1,15}$/;

/**
 * True when the lane answers `req` itself: `POST` to `routePath` (exactly, with or without the
 * trailing slash, no query), plain JSON in UTF-8, no `Content-Encoding` other than `identity`, and
 * a `Content-Length` (not chunked) within `bodyLimitBytes`. Decided from the headers alone.
 */
export function takesFastLane(req: IncomingMessage, routePath: string, bodyLimitBytes: number): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url;
  if (url === undefined || !url.startsWith(routePath)) return false;
  if (url.length !== routePath.length && !(url.length === routePath.length + 1 && url.endsWith('/'))) return false;
  const headers = req.headers;
  const type = headers['content-type'];
  if (type === undefined || !PLAIN_JSON_TYPES.has(type.toLowerCase())) return false;
  const encoding = headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  if (headers['transfer-encoding'] !== undefined) return false;
  const length = headers['content-length'];
  return length !== undefined && DECIMAL.test(length) && Number(length) <= bodyLimitBytes;
}

/**
 * The body as the app's JSON body parser reads it: UTF-8 without a leading byte-order mark, an
 * empty body as `{}`, any JSON value otherwise (a scalar too: the service then names the problem).
 * Throws `SyntaxError` for a body that is not JSON.
 */
export function parseBody(bytes: Buffer): unknown {
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text.length === 0 ? {} : (JSON.parse(text) as unknown);
}

/**
 * Puts the lane in front of the request listeners of `server` (the app's). Call once, before the
 * server handles requests.
 */
export function installScheduleFastLane(server: Server, options: ScheduleFastLaneOptions): ScheduleFastLane {
  const { routePath, bodyLimitBytes, bodyLimit, generate, logger, inFlight, onUnexpected } = options;
  const staticHeaders = Object.entries(options.headers);
  const app = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
  server.removeAllListeners('request');
  const counts = { taken: 0, passed: 0 };

  const send = (res: ServerResponse, status: number, envelope: SuccessEnvelope | ErrorEnvelope): void => {
    const text = JSON.stringify(envelope);
    res.statusCode = status;
    for (const [name, value] of staticHeaders) res.setHeader(name, value);
    res.setHeader('Content-Type', ANSWER_CONTENT_TYPE);
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(text);
  };

  const fail = (res: ServerResponse, error: unknown): void => {
    const { httpStatus, body, unexpected } = errorToEnvelope(error, bodyLimit);
    if (unexpected) onUnexpected(error);
    send(res, httpStatus, body);
  };

  const serve = (req: IncomingMessage, res: ServerResponse): void => {
    let body: unknown;
    const note = logger ? trackRequest(logger, req, res, () => body) : undefined;
    inFlight?.track(res);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A client that goes away mid-body: nothing to answer; the request log records the abort.
    req.on('error', () => undefined);
    req.once('end', () => {
      try {
        body = parseBody(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks));
      } catch {
        send(res, 400, { status: 'error', message: INVALID_JSON_MESSAGE });
        return;
      }
      let answer: Promise<SuccessEnvelope>;
      try {
        answer = generate(body, note);
      } catch (error) {
        // Not the service's way (it rejects), but a throw here must not take the process down.
        fail(res, error);
        return;
      }
      answer.then(
        (envelope) => send(res, 200, envelope),
        (error: unknown) => fail(res, error),
      );
    });
  };

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!inFlight?.draining && takesFastLane(req, routePath, bodyLimitBytes)) {
      counts.taken++;
      serve(req, res);
      return;
    }
    counts.passed++;
    for (const listener of app) listener.call(server, req, res);
  });
  return counts;
}
