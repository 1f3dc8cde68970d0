/**
 * `POST /<routePrefix>/schedule` (with or without the trailing slash). The class is made per
 * module import so that the route prefix is an option; everything else lives in the service.
 */
import {
  Body,
  Controller,
  Headers,
  HttpCode,
  HttpStatus,
  Inject,
  PayloadTooLargeException,
  Post,
  type Type,
  UnsupportedMediaTypeException,
  UseFilters,
} from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { GenerateScheduleRequestDto, PolicySelectionDto, ScheduleErrorDto, ScheduleSuccessDto } from './dto';
import { EnvelopeExceptionFilter } from './envelope.filter';
import { JSON_MEDIA_TYPE, type SuccessEnvelope } from './envelope';
import type { PlanEnvelope } from './plan/plan-envelope';
import { ScheduleService } from './schedule.service';
import { SCHEDULER_SETTINGS } from './scheduler.constants';
import type { SchedulerSettings } from './scheduler-options.interface';

/** Throws 415 unless the media type is `application/json` (parameters such as charset allowed). */
export function checkJsonContentType(contentType: string | undefined): void {
  const media = (contentType ?? '').split(';', 1)[0].trim().toLowerCase();
  if (media !== JSON_MEDIA_TYPE) {
    throw new UnsupportedMediaTypeException(
      `Content-Type must be ${JSON_MEDIA_TYPE} (got ${media ? JSON.stringify(media) : 'none'})`,
    );
  }
}

const example = (summary: string, message: string) => ({ summary, value: { status: 'error', message } });

/** Examples of each request form, shown in the interactive docs. */
export const REQUEST_EXAMPLES = {
  jsonString: {
    summary: 'policy as a JSON string (what clients send)',
    value: { t0: '2026-11-29 21:05', t1: '2026-11-29 22:05', policy: '{"policy": "dummy", "config": {}}' },
  },
  inlineObject: {
    summary: 'policy as an inline object',
    value: { t0: '2026-11-29T21:05:00Z', t1: '2026-11-29T22:05:00Z', policy: { policy: 'dummy', config: {} } },
  },
  bareName: {
    summary: 'policy as a bare name (older clients)',
    value: { t0: '2026-11-29 21:05:00', t1: '2026-11-29T19:05:00-03:00', policy: 'dummy' },
  },
};

/** Makes the controller class for `routePrefix` (`api/v1` by default). */
export function createScheduleController(routePrefix: string): Type<unknown> {
  @ApiTags('schedule')
  @ApiExtraModels(PolicySelectionDto, ScheduleErrorDto)
  @Controller(routePrefix)
  @UseFilters(EnvelopeExceptionFilter)
  class ScheduleController {
    constructor(
      private readonly service: ScheduleService,
      @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
    ) {}

    @Post('schedule')
    @HttpCode(HttpStatus.OK)
    @ApiOperation({
      summary: 'Generate a telescope schedule for a time window',
      description:
        'Answers a Python script (`commands`) for the telescope covering `[t0, t1]`, computed by the named policy with its config. Every error is the JSON error envelope.',
    })
    @ApiBody({ type: GenerateScheduleRequestDto, examples: REQUEST_EXAMPLES })
    @ApiResponse({ status: 200, description: 'The schedule.', type: ScheduleSuccessDto })
    @ApiResponse({
      status: 400,
      description: 'A client mistake: missing or invalid field, bad window, unknown policy, invalid config, body not JSON.',
      type: ScheduleErrorDto,
      examples: {
        missing: example('a missing field', 'Missing t0 field'),
        time: example(
          'an unparsable time',
          'Invalid t0 "abc": expected YYYY-MM-DD HH:MM[:SS] (UTC) or ISO 8601 such as 2026-11-29T21:05:00Z or 2026-11-29T18:05:00-03:00',
        ),
        order: example('t1 not after t0', 't1 ("2026-11-29 20:05") must be after t0 ("2026-11-29 21:05")'),
        window: example(
          'a window too long',
          'The window from t0 to t1 is 40 days long; the maximum is 31 days: ask for a shorter window',
        ),
        policy: example(
          'a policy field that is not usable',
          'Invalid policy: "{policy: dummy}" is neither valid JSON nor a policy name; expected a JSON object such as {"policy": "dummy", "config": {}} (inline or as a JSON string) or a policy name such as "dummy"',
        ),
        unknown: example('an unknown policy', 'Unknown policy "smart"; supported policies: dummy'),
        config: example('an invalid config', 'Invalid config: config.speed is not a known key (known keys: none).'),
        json: example(
          'a body that is not JSON',
          'The request body must be valid JSON, e.g. {"t0": "2026-11-29 21:05", "t1": "2026-11-29 22:05", "policy": "dummy"}',
        ),
      },
    })
    @ApiResponse({
      status: 413,
      description: 'The body is larger than the limit.',
      type: ScheduleErrorDto,
      example: { status: 'error', message: 'The request body is larger than the limit of 1mb' },
    })
    @ApiResponse({
      status: 415,
      description: 'The body is not sent as application/json.',
      type: ScheduleErrorDto,
      example: { status: 'error', message: 'Content-Type must be application/json (got "text/plain")' },
    })
    @ApiResponse({
      status: 500,
      description: 'A failure of the server; no detail leaves it.',
      type: ScheduleErrorDto,
      example: { status: 'error', message: 'Internal server error: the schedule could not be generated; please report it' },
    })
    @ApiResponse({
      status: 503,
      description: 'The schedule could not be computed in time, or too many are waiting.',
      type: ScheduleErrorDto,
      examples: {
        timeout: example('over the time limit', 'The schedule could not be computed within the time limit of 30 s.'),
        busy: example('queue full', 'The server is busy: 64 schedules are already waiting; try again shortly.'),
      },
    })
    schedule(
      @Headers('content-type') contentType: string | undefined,
      @Headers('content-length') contentLength: string | undefined,
      // Typed `unknown` on purpose: a host app's global ValidationPipe then leaves the body alone.
      @Body() body: unknown,
    ): Promise<SuccessEnvelope> {
      this.checkHeaders(contentType, contentLength);
      return this.service.generate(body);
    }

    @Post('schedule/plan')
    @HttpCode(HttpStatus.OK)
    @ApiOperation({
      summary: 'The schedule with its plan as data',
      description:
        'Same request, validation and errors as `POST /schedule/`; the answer adds the blocks (one per scan of `commands`), their summary, the resolved config, the Sun check and the Sun and Moon tracks. The page `/timeline` draws it.',
    })
    @ApiBody({ type: GenerateScheduleRequestDto, examples: REQUEST_EXAMPLES })
    plan(
      @Headers('content-type') contentType: string | undefined,
      @Headers('content-length') contentLength: string | undefined,
      @Body() body: unknown,
    ): Promise<PlanEnvelope> {
      this.checkHeaders(contentType, contentLength);
      return this.service.plan(body);
    }

    private checkHeaders(contentType: string | undefined, contentLength: string | undefined): void {
      checkJsonContentType(contentType);
      // The body parser of a host app may allow more than our limit; the declared length is enough to refuse.
      if (contentLength !== undefined && Number(contentLength) > this.settings.bodyLimitBytes) {
        throw new PayloadTooLargeException();
      }
    }
  }
  return ScheduleController;
}
