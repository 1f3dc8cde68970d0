/**
 * Injection tokens of the scheduler module, as symbols so a host app's tokens cannot collide.
 */
export { SCHEDULE_EXECUTOR } from './execution/schedule-executor';

/** The options given to `SchedulerModule.forRoot`/`forRootAsync` (as given, without defaults). */
export const SCHEDULER_MODULE_OPTIONS = Symbol('SCHEDULER_MODULE_OPTIONS');

/** The options with every default applied and checked (`SchedulerSettings`). */
export const SCHEDULER_SETTINGS = Symbol('SCHEDULER_SETTINGS');

/** Default route prefix of the schedule endpoint. */
export const DEFAULT_ROUTE_PREFIX = 'api/v1';

/** Default longest window, in days. */
export const DEFAULT_MAX_WINDOW_DAYS = 31;

/** Default request body limit (body-parser syntax). */
export const DEFAULT_BODY_LIMIT = '1mb';

/** Default directory of named master-schedule files. */
export const DEFAULT_DATA_DIR = './data';

/** Default number of schedules waiting for a worker before 503s. */
export const DEFAULT_QUEUE_LIMIT = 64;

/** Default time limit of one schedule, in milliseconds. */
export const DEFAULT_TIME_LIMIT_MS = 30_000;

/** Built-in policies run on the calling thread by default (cheap, never worth a queue). */
export const DEFAULT_IN_PROCESS_POLICIES: readonly string[] = ['dummy'];
