/**
 * The response envelopes, and the one place that decides which status and message an error
 * becomes. Client mistakes are 4xx with their own message; anything unexpected is a short 500.
 */
import { BadRequestException, HttpException, HttpStatus, MethodNotAllowedException } from '@nestjs/common';
import { ScheduleInputError, UnsafeScheduleError } from '../core/errors';
import { ScheduleBusyError, ScheduleTimeoutError } from './execution/schedule-executor';

/** The success envelope. */
export interface SuccessEnvelope {
  readonly status: 'ok';
  readonly commands: string;
  readonly message: string;
}

/** Message of a success without a note from the policy. */
export const SUCCESS_MESSAGE = 'Success';

/** The error envelope: exactly these two keys. */
export interface ErrorEnvelope {
  readonly status: 'error';
  readonly message: string;
}

/** An error envelope with the HTTP status to send it with. */
export interface ErrorReply {
  readonly httpStatus: number;
  readonly body: ErrorEnvelope;
}

/** Message of every unexpected failure: no detail of the server leaves it. */
export const INTERNAL_ERROR_MESSAGE = 'Internal server error: the schedule could not be generated; please report it';

/** Message of a schedule the independent check refused: the script is never sent, details are logged. */
export const UNSAFE_SCHEDULE_MESSAGE =
  'The schedule failed its safety check (a scan near the Sun or beyond the mount limits) and was not sent; details are in the server log; please report it';

/** The message of a body that is not what its Content-Encoding says. */
export const UNDECODABLE_BODY_MESSAGE =
  'The request body could not be decompressed as its Content-Encoding says; send it uncompressed, or compressed with gzip, deflate or br';

/** Message of a body that does not parse as JSON. */
export const INVALID_JSON_MESSAGE =
  'The request body must be valid JSON, e.g. {"t0": "2026-11-29 21:05", "t1": "2026-11-29 22:05", "policy": "dummy"}';

/** The expected media type of a schedule request. */
export const JSON_MEDIA_TYPE = 'application/json';

/**
 * A 400 whose response body is the error envelope itself, so that any exception filter (ours, or
 * Nest's default one in a host app) answers it as the contract says.
 */
export function envelopeBadRequest(message: string): BadRequestException {
  return new BadRequestException({ status: 'error', message } satisfies ErrorEnvelope);
}

/** A request with a method the route does not serve: 405, with the methods it does in `Allow`. */
export class MethodNotAllowedError extends MethodNotAllowedException {
  constructor(
    method: string,
    /** The methods the route serves, for the `Allow` header. */
    readonly allow: readonly string[],
  ) {
    super({ status: 'error', message: `Method ${method} is not allowed here; send ${allow.join(' or ')} with a JSON body` } satisfies ErrorEnvelope);
  }
}

function reply(httpStatus: number, message: string): ErrorReply {
  return { httpStatus, body: { status: 'error', message } };
}

/** Errors raised by Express's body parser carry a `type` such as `entity.parse.failed`. */
interface BodyParserError {
  readonly type: string;
  readonly status?: number;
  readonly statusCode?: number;
  readonly message?: string;
  readonly charset?: string;
  readonly encoding?: string;
}

function isBodyParserError(e: unknown): e is BodyParserError {
  return (
    e instanceof Error &&
    typeof (e as Partial<BodyParserError>).type === 'string' &&
    typeof ((e as Partial<BodyParserError>).status ?? (e as Partial<BodyParserError>).statusCode) === 'number'
  );
}

/**
 * A body that fails to decompress as its Content-Encoding says: body-parser passes zlib's error on
 * with a 4xx status but without a `type`.
 */
function isDecompressionError(e: unknown): e is Error & { status: number } {
  if (!(e instanceof Error)) return false;
  const x = e as Error & { status?: unknown; code?: unknown; expose?: unknown };
  return (
    x.expose === true &&
    typeof x.status === 'number' &&
    x.status >= 400 &&
    x.status < 500 &&
    typeof x.code === 'string' &&
    /^(Z_|ERR_)/.test(x.code)
  );
}

function fromBodyParser(e: BodyParserError, bodyLimit: string): ErrorReply {
  switch (e.type) {
    case 'entity.parse.failed':
      return reply(HttpStatus.BAD_REQUEST, INVALID_JSON_MESSAGE);
    case 'entity.too.large':
      return reply(HttpStatus.PAYLOAD_TOO_LARGE, `The request body is larger than the limit of ${bodyLimit}`);
    case 'charset.unsupported':
      return reply(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `The request body must be ${JSON_MEDIA_TYPE} in UTF-8 (got charset ${JSON.stringify(e.charset ?? '')})`);
    case 'encoding.unsupported':
      return reply(HttpStatus.UNSUPPORTED_MEDIA_TYPE, `Content-Encoding ${JSON.stringify(e.encoding ?? '')} is not supported; send the JSON body uncompressed, gzip or deflate`);
    default: {
      const status = e.status ?? e.statusCode ?? 400;
      return status >= 400 && status < 500
        ? reply(status, 'The request body could not be read; send it again as application/json')
        : reply(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE);
    }
  }
}

function fromHttpException(e: HttpException, bodyLimit: string): ErrorReply {
  const status = e.getStatus();
  if (status === HttpStatus.PAYLOAD_TOO_LARGE) {
    return reply(status, `The request body is larger than the limit of ${bodyLimit}`);
  }
  if (status >= 500 && status !== HttpStatus.SERVICE_UNAVAILABLE) {
    return reply(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE);
  }
  const res = e.getResponse();
  let message: string = e.message;
  if (typeof res === 'string') message = res;
  else if (res !== null && typeof res === 'object') {
    const m = (res as { message?: unknown }).message;
    if (typeof m === 'string') message = m;
    else if (Array.isArray(m)) message = m.map(String).join('; ');
  }
  return reply(status, message);
}

/**
 * Decides the status and envelope of any thrown value. `unexpected` is true when the error is a
 * bug (the caller logs it); its message never reaches the client.
 */
export function errorToEnvelope(error: unknown, bodyLimit: string): ErrorReply & { unexpected: boolean } {
  if (error instanceof ScheduleInputError) {
    return { ...reply(HttpStatus.BAD_REQUEST, error.message), unexpected: false };
  }
  if (error instanceof UnsafeScheduleError) {
    return { ...reply(HttpStatus.INTERNAL_SERVER_ERROR, UNSAFE_SCHEDULE_MESSAGE), unexpected: true };
  }
  if (error instanceof ScheduleBusyError || error instanceof ScheduleTimeoutError) {
    return { ...reply(HttpStatus.SERVICE_UNAVAILABLE, error.message), unexpected: false };
  }
  if (error instanceof HttpException) {
    const r = fromHttpException(error, bodyLimit);
    return { ...r, unexpected: r.httpStatus >= 500 && r.httpStatus !== HttpStatus.SERVICE_UNAVAILABLE };
  }
  if (isDecompressionError(error)) {
    return {
      ...reply(HttpStatus.BAD_REQUEST, UNDECODABLE_BODY_MESSAGE),
      unexpected: false,
    };
  }
  if (isBodyParserError(error)) {
    const r = fromBodyParser(error, bodyLimit);
    return { ...r, unexpected: r.httpStatus >= 500 };
  }
  return { ...reply(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_ERROR_MESSAGE), unexpected: true };
}
