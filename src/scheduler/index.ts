/**
 * The public surface of the scheduler module: what a host app imports to serve schedules, declare
 * its own policies (with their config classes), reuse the request's DTO, pipe and envelopes, and
 * document its policies. Everything else under `src/scheduler/` is internal.
 */

// The module, its options and what it provides.
export { SchedulerModule } from './scheduler.module';
export type { SchedulerModuleExtras, SchedulerModuleForRootOptions, SchedulerModuleOptions, SchedulerSettings } from './scheduler-options.interface';
export { SCHEDULE_EXECUTOR, SCHEDULER_DEFAULTS, SCHEDULER_SETTINGS } from './scheduler.constants';
export { parseByteSize } from './scheduler-settings';
export { ScheduleService } from './schedule.service';
export { PolicyRegistry } from './policy-registry';

// Declaring a policy: the decorator, the provider contract, the config field decorators and the core's types.
export { SchedulePolicy, type SchedulePolicyOptions, type SchedulePolicyProvider } from './policies/schedule-policy.decorator';
export {
  CrossCheck,
  EnumField,
  FieldCheck,
  IsoTimeField,
  NameListField,
  NestedField,
  NestedListField,
  NumberField,
  NumberListField,
  OptionalField,
  RangeField,
  StringField,
  type Check,
  type FieldDoc,
  type ListBounds,
  type NumberBounds,
  type Problem,
  type StringBounds,
} from '../core/config/decorators';
export type { ConfigClass } from '../core/config/validate';
export type { Policy, PolicyContext, ScheduleResult } from '../core/policy';
export type { Micros } from '../core/time/micros';
export { ConfigError, ScheduleInputError } from '../core/errors';
/** Every value a policy puts into a script goes through these: Python literals, finite numbers. */
export { formatFixed2, formatHundredths, pyComment, pyStr } from '../core/script/python-literal';

// The request: DTOs, the pipe and decorators another controller method can reuse.
export { GenerateScheduleRequestDto, PolicySelectionDto } from './dto/generate-schedule.request.dto';
export { ScheduleErrorDto, ScheduleSuccessDto } from './dto/schedule-response.dto';
export { PlanSuccessDto, UnsafePlanDto } from './dto/plan-response.dto';
export { PoliciesResponseDto, PolicyInfoDto } from './dto/policies-response.dto';
export { policyCatalogue, type PoliciesEnvelope, type PolicyInfo } from './policies.controller';
export { ScheduleRequestPipe } from './pipes/schedule-request.pipe';
export { ScheduleRequestBody } from './pipes/schedule-request-body.decorator';
export { JsonRequest, JsonRequestGuard } from './json-request.guard';

// The answers: envelopes and the filter that writes them.
export {
  envelopeBadRequest,
  errorToEnvelope,
  type ErrorEnvelope,
  type SuccessEnvelope,
  INTERNAL_ERROR_MESSAGE,
  INVALID_JSON_MESSAGE,
  JSON_MEDIA_TYPE,
  MethodNotAllowedError,
  SUCCESS_MESSAGE,
  UNDECODABLE_BODY_MESSAGE,
} from './envelope';
export { EnvelopeExceptionFilter } from './envelope.filter';
export type { ComputedSchedule, PlanEnvelope, SunCheck } from './plan/plan-envelope';

// The executor: its token's type, its counters and the errors that become 503.
export {
  type ExecutorStats,
  type ScheduleExecutor,
  type ScheduleJob,
  type ScheduleRun,
  ScheduleBusyError,
  ScheduleTimeoutError,
} from './execution/schedule-executor';

// OpenAPI, and the facts a request log reads from the request object.
export { addPolicySchemas, policyConfigSchema, policyPresets } from './policy-schemas';
export { requestFacts, type RequestFacts } from './request-facts';
