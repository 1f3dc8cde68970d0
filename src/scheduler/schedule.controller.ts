/**
 * `POST /<routePrefix>/schedule` (with or without the trailing slash) and `POST /<routePrefix>/schedule/plan`
 * (the same request, answered with the plan as data); other methods answer 405.
 * The class is made per module import so that the route prefix is an option; the body is
 * validated by `@ScheduleRequestBody()` and everything else lives in the service.
 */
import { applyDecorators, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Put, Req, type Type, UseFilters } from '@nestjs/common';
import { ApiBody, ApiExcludeEndpoint, ApiExtraModels, ApiOperation, ApiResponse, type ApiResponseOptions, ApiTags } from '@nestjs/swagger';
import {
  GenerateScheduleRequestDto,
  PlanSuccessDto,
  PolicySelectionDto,
  ScheduleErrorDto,
  ScheduleSuccessDto,
  UNSAFE_PLAN_EXAMPLE,
  UnsafePlanDto,
} from './dto';
import { PLAN_EXAMPLE, PLAN_EXAMPLE_REQUEST } from './dto/plan-response.example';
import { EnvelopeExceptionFilter } from './envelope.filter';
import { INTERNAL_ERROR_MESSAGE, MethodNotAllowedError, type SuccessEnvelope, UNSAFE_SCHEDULE_MESSAGE } from './envelope';
import { JsonRequest } from './json-request.guard';
import { ScheduleRequestBody } from './pipes/schedule-request-body.decorator';
import { requestFacts } from './request-facts';
import type { PlanEnvelope } from './plan/plan-envelope';
import { UnsafePlanFilter } from './plan/unsafe-plan.filter';
import { ScheduleService } from './schedule.service';

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
  basic: {
    summary: 'basic: one night, Uranus only, wider Sun avoidance in azimuth',
    value: {
      t0: '2026-12-01 00:00',
      t1: '2026-12-02 00:00',
      policy: { policy: 'basic', config: { calibration_targets: ['uranus'], rules: { 'sun-avoidance': { min_angle_az: 10 } } } },
    },
  },
};

/** The 500 of the schedule route: a bug, or a schedule the independent check refused. */
const INTERNAL_ERROR_RESPONSE: ApiResponseOptions = {
  status: 500,
  description: 'A failure of the server, or a schedule that failed the independent safety check; no detail leaves the server.',
  type: ScheduleErrorDto,
  examples: {
    internal: example('a bug', INTERNAL_ERROR_MESSAGE),
    unsafe: example('a schedule the safety check refused', UNSAFE_SCHEDULE_MESSAGE),
  },
};

/**
 * The error answers of both POST routes (the plan route answers the same errors for the same
 * bodies), each status with the envelope and working examples.
 */
export function ApiScheduleErrorResponses(internal: ApiResponseOptions = INTERNAL_ERROR_RESPONSE): ReturnType<typeof applyDecorators> {
  return applyDecorators(
    ApiResponse({
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
        unknown: example('an unknown policy', 'Unknown policy "smart"; supported policies: basic, dummy'),
        config: example(
          'a config key out of range',
          'Invalid config: config.rules.sun-avoidance.min_angle_az must be a number between 0 and 180 (got 200).',
        ),
        configKey: example(
          'an unknown config key',
          'Invalid config: config.speed is not a known key (known keys: master_schedule, master, rules, mount, calibration_targets, soft_targets).',
        ),
        json: example(
          'a body that is not JSON',
          'The request body must be valid JSON, e.g. {"t0": "2026-11-29 21:05", "t1": "2026-11-29 22:05", "policy": "dummy"}',
        ),
      },
    }),
    ApiResponse({
      status: 413,
      description: 'The body is larger than the limit.',
      type: ScheduleErrorDto,
      example: { status: 'error', message: 'The request body is larger than the limit of 1mb' },
    }),
    ApiResponse({
      status: 415,
      description: 'The body is not sent as application/json.',
      type: ScheduleErrorDto,
      example: { status: 'error', message: 'Content-Type must be application/json (got "text/plain")' },
    }),
    ApiResponse(internal),
    ApiResponse({
      status: 503,
      description: 'The schedule could not be computed in time, or too many are waiting.',
      type: ScheduleErrorDto,
      examples: {
        timeout: example('over the time limit', 'The schedule could not be computed within the time limit of 30 s.'),
        busy: example('queue full', 'The server is busy: 64 schedules are already waiting; try again shortly.'),
      },
    }),
  );
}

/** The routes whose other methods answer 405. */
const OTHER_METHOD_PATHS = ['schedule', 'schedule/plan'];

/** 405 with `Allow: POST` for a request with another method. */
function refuseMethod(req: { method: string }): never {
  throw new MethodNotAllowedError(req.method, ['POST']);
}

/** Makes the controller class for `routePrefix` (`api/v1` by default). */
export function createScheduleController(routePrefix: string): Type<unknown> {
  @ApiTags('schedule')
  @ApiExtraModels(PolicySelectionDto, ScheduleErrorDto)
  @Controller(routePrefix)
  @UseFilters(EnvelopeExceptionFilter)
  class ScheduleController {
    constructor(private readonly service: ScheduleService) {}

    @Post('schedule')
    @HttpCode(HttpStatus.OK)
    @JsonRequest()
    @ApiOperation({
      summary: 'Generate a telescope schedule for a time window',
      description:
        'Answers a Python script (`commands`) for the telescope covering `[t0, t1]`, computed by the named policy with its config (each policy\'s config schema is under `PolicySelectionDto`). Every error is the JSON error envelope; other methods on this path answer 405 with `Allow: POST`.',
    })
    @ApiBody({ type: GenerateScheduleRequestDto, examples: REQUEST_EXAMPLES })
    @ApiResponse({ status: 200, description: 'The schedule.', type: ScheduleSuccessDto })
    @ApiScheduleErrorResponses()
    schedule(@ScheduleRequestBody() request: Readonly<GenerateScheduleRequestDto>, @Req() req: object): Promise<SuccessEnvelope> {
      return this.service.generate(request, requestFacts(req));
    }

    @Post('schedule/plan')
    @HttpCode(HttpStatus.OK)
    @JsonRequest()
    @ApiOperation({
      summary: 'The schedule with its plan as data',
      description:
        'The same request, validation and errors as `POST /schedule/`. The answer adds to `status`, `commands` and `message`: `window`, `blocks` (one per scan or park of `commands`, in order, with its kind; `dummy` sleeps are `idle`), `summary` (seconds and fraction per kind, idle time, scan count), `config` (the resolved config the schedule was made with), `sunCheck` (the independent checker\'s verdict, or `unchecked` with the reason) and `tracks` (the Sun and Moon over the window). A schedule that fails its Sun check is never answered with its `commands`: the route answers 500 with the envelope and the failing `sunCheck`. The page [/timeline](/timeline) draws this answer.',
    })
    @ApiBody({
      type: GenerateScheduleRequestDto,
      examples: { basicHour: { summary: 'basic: one hour (the 200 example answers it)', value: PLAN_EXAMPLE_REQUEST }, ...REQUEST_EXAMPLES },
    })
    @ApiResponse({
      status: 200,
      description: 'The schedule and its plan (the example is the real answer to the `basicHour` request).',
      type: PlanSuccessDto,
      example: PLAN_EXAMPLE,
    })
    @ApiScheduleErrorResponses({
      status: 500,
      description:
        'A failure of the server (the envelope alone), or a schedule that failed the independent safety check: the same message as the schedule route, never `commands`, and the failing report as `sunCheck`.',
      type: UnsafePlanDto,
      examples: {
        internal: example('a bug', INTERNAL_ERROR_MESSAGE),
        unsafe: { summary: 'a schedule the safety check refused', value: UNSAFE_PLAN_EXAMPLE },
      },
    })
    @UseFilters(UnsafePlanFilter)
    plan(@ScheduleRequestBody() request: Readonly<GenerateScheduleRequestDto>, @Req() req: object): Promise<PlanEnvelope> {
      return this.service.plan(request, requestFacts(req));
    }

    /**
     * The other methods on the routes: 405 with `Allow: POST`. One handler per method rather than
     * `@All`, which on Fastify would declare POST a second time; HEAD comes with GET, and OPTIONS
     * is CORS preflight's.
     */
    @Get(OTHER_METHOD_PATHS)
    @ApiExcludeEndpoint()
    getNotAllowed(@Req() req: { method: string }): never {
      return refuseMethod(req);
    }

    @Put(OTHER_METHOD_PATHS)
    @ApiExcludeEndpoint()
    putNotAllowed(@Req() req: { method: string }): never {
      return refuseMethod(req);
    }

    @Delete(OTHER_METHOD_PATHS)
    @ApiExcludeEndpoint()
    deleteNotAllowed(@Req() req: { method: string }): never {
      return refuseMethod(req);
    }

    @Patch(OTHER_METHOD_PATHS)
    @ApiExcludeEndpoint()
    patchNotAllowed(@Req() req: { method: string }): never {
      return refuseMethod(req);
    }
  }
  return ScheduleController;
}
