import { BadRequestException, HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ConfigError, ScheduleInputError, UnsafeScheduleError } from '../core/errors';
import type { SafetyReport } from '../core/safety/report';
import { errorToEnvelope, INTERNAL_ERROR_MESSAGE, UNSAFE_SCHEDULE_MESSAGE } from './envelope';
import { ScheduleBusyError, ScheduleTimeoutError } from './execution/schedule-executor';

function bodyParserError(type: string, status: number, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error('raw parser text'), { type, status, statusCode: status, expose: true, ...extra });
}

describe('errorToEnvelope', () => {
  it('maps client errors of the core to 400 with their message', () => {
    expect(errorToEnvelope(new ScheduleInputError('Missing t0 field'), '1mb')).toEqual({
      httpStatus: 400,
      body: { status: 'error', message: 'Missing t0 field' },
      unexpected: false,
    });
    expect(errorToEnvelope(new ConfigError('config.a', 'must be a number (got "x")'), '1mb').body.message).toBe(
      'Invalid config: config.a must be a number (got "x").',
    );
  });

  it('maps a schedule that failed the safety check to a 500 with a fixed message, flagged for the log', () => {
    const report: SafetyReport = {
      verdict: 'unsafe',
      minSunDistanceDeg: 0.4,
      blocks: [{ index: 0, name: "x');import os;#", minSunDistanceDeg: 0.4, problems: ['comes within 0.400° of the Sun'] }],
      criteria: { sunDistanceDeg: 10, sunBox: null, paddingS: 30, mountElLimits: [20, 90], mountAzLimits: null },
    };
    const err = new UnsafeScheduleError(report);
    expect(err.message).toMatch(/failed its safety check: 1 of 1 scans .*scan 0 \("x'\);import os;#"\): comes within 0\.400° of the Sun/);
    expect(errorToEnvelope(err, '1mb')).toEqual({
      httpStatus: 500,
      body: { status: 'error', message: UNSAFE_SCHEDULE_MESSAGE },
      unexpected: true,
    });
    expect(UNSAFE_SCHEDULE_MESSAGE).toMatch(/failed its safety check/);
  });

  it('maps busy and time-limit errors to 503', () => {
    expect(errorToEnvelope(new ScheduleBusyError(8), '1mb')).toMatchObject({ httpStatus: 503, unexpected: false });
    const t = errorToEnvelope(new ScheduleTimeoutError(2500), '1mb');
    expect(t.httpStatus).toBe(503);
    expect(t.body.message).toBe('The schedule could not be computed within the time limit of 2.5 s.');
  });

  it('maps body-parser errors to 400, 413 and 415 with our own messages', () => {
    const parse = errorToEnvelope(bodyParserError('entity.parse.failed', 400), '1mb');
    expect(parse.httpStatus).toBe(400);
    expect(parse.body.message).toMatch(/^The request body must be valid JSON/);
    expect(errorToEnvelope(bodyParserError('entity.too.large', 413), '512kb').body).toEqual({
      status: 'error',
      message: 'The request body is larger than the limit of 512kb',
    });
    expect(errorToEnvelope(bodyParserError('charset.unsupported', 415, { charset: 'latin1' }), '1mb')).toMatchObject({
      httpStatus: 415,
      body: { message: 'The request body must be application/json in UTF-8 (got charset "latin1")' },
    });
    expect(errorToEnvelope(bodyParserError('encoding.unsupported', 415, { encoding: 'br' }), '1mb').httpStatus).toBe(415);
    expect(errorToEnvelope(bodyParserError('request.aborted', 400), '1mb').body.message).not.toContain('raw parser text');
  });

  it('maps a body that fails to decompress (zlib or brotli error passed on with 400) to a 400', () => {
    for (const code of ['Z_DATA_ERROR', 'Z_BUF_ERROR', 'ERR__ERROR_FORMAT_PADDING_2']) {
      const e = Object.assign(new Error('incorrect header check'), { code, errno: -3, status: 400, statusCode: 400, expose: true });
      expect(errorToEnvelope(e, '1mb')).toEqual({
        httpStatus: 400,
        body: {
          status: 'error',
          message:
            'The request body could not be decompressed as its Content-Encoding says; send it uncompressed, or compressed with gzip, deflate or br',
        },
        unexpected: false,
      });
    }
    // The same shape without a client status stays a bug.
    const odd = Object.assign(new Error('x'), { code: 'Z_DATA_ERROR', status: 500, expose: false });
    expect(errorToEnvelope(odd, '1mb').httpStatus).toBe(500);
  });

  it('keeps the status and message of Nest HTTP exceptions, with our 413 text', () => {
    expect(errorToEnvelope(new NotFoundException('Cannot GET /x'), '1mb')).toMatchObject({
      httpStatus: 404,
      body: { status: 'error', message: 'Cannot GET /x' },
    });
    expect(errorToEnvelope(new BadRequestException(['a is wrong', 'b is wrong']), '1mb').body.message).toBe('a is wrong; b is wrong');
    expect(errorToEnvelope(new PayloadTooLargeException(), '2mb').body.message).toBe('The request body is larger than the limit of 2mb');
    // Nest turns Fastify's own errors (a body over its limit, a URL it cannot decode) into these.
    expect(errorToEnvelope(new HttpException('Request body is too large', 413), '64kb').body.message).toBe('The request body is larger than the limit of 64kb');
  });

  it('hides the detail of anything unexpected behind a 500, flagged for the log', () => {
    for (const e of [new Error('/secret/path.ts:1'), new HttpException('db down at /srv', 502), 'a string', undefined]) {
      const r = errorToEnvelope(e, '1mb');
      expect(r).toEqual({ httpStatus: 500, body: { status: 'error', message: INTERNAL_ERROR_MESSAGE }, unexpected: true });
    }
  });

  it('always answers exactly status and message', () => {
    for (const e of [new ScheduleInputError('x'), new Error('y'), bodyParserError('entity.too.large', 413)]) {
      expect(Object.keys(errorToEnvelope(e, '1mb').body).sort()).toEqual(['message', 'status']);
    }
  });
});
