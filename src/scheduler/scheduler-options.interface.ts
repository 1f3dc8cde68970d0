/**
 * Options of `SchedulerModule`. `SchedulerModuleOptions` may come from a factory
 * (`forRootAsync`); `SchedulerModuleExtras` shape the module itself, so they are always static.
 * Every default lives in `SCHEDULER_DEFAULTS` (`scheduler.constants.ts`).
 */
import type { Type } from '@nestjs/common';
import type { SchedulePolicyProvider } from './policies/schedule-policy.decorator';
import type { PresetTable } from '../core/config/resolve';
import type { SafetyFloors } from '../core/safety/floors';

/** Settings of the schedule endpoint that may be computed at start-up. */
export interface SchedulerModuleOptions {
  /**
   * Longest window `t1 - t0` accepted, in days; longer windows get a 400 naming the limit.
   * @default `SCHEDULER_DEFAULTS.maxWindowDays`
   */
  maxWindowDays?: number;
  /**
   * Largest request body, in bytes or body-parser syntax (`'1mb'`). `configureApp` gives it to the
   * JSON body parser; the controller also answers 413 when `Content-Length` says more.
   * @default `SCHEDULER_DEFAULTS.bodyLimit`
   */
  bodyLimit?: string | number;
  /**
   * Directory in which policies resolve named master-schedule files (relative to the working
   * directory).
   * @default `SCHEDULER_DEFAULTS.dataDir`
   */
  dataDir?: string;
  /**
   * Named stored configs by policy name then preset name, selected with `"preset": NAME` in the
   * request (between the policy's defaults and the request's `config`). They add to a policy's
   * own `presets`; a name both define takes the one given here (the operator's).
   * @default `SCHEDULER_DEFAULTS.presets`
   */
  presets?: PresetTable;
  /**
   * Deepest nesting accepted in a request's `config` (levels below the config object); at most
   * the core's bound of 16.
   * @default `SCHEDULER_DEFAULTS.maxConfigDepth`
   */
  maxConfigDepth?: number;
  /**
   * Values (objects, arrays and scalars) accepted in a request's `config` in all; at most the
   * core's bound of 10000.
   * @default `SCHEDULER_DEFAULTS.maxConfigValues`
   */
  maxConfigValues?: number;
  /**
   * Longest `calibration_targets` (and `soft_targets`) list accepted in a request's config; each
   * target costs ephemeris work.
   * @default `SCHEDULER_DEFAULTS.maxCalibrationTargets`
   */
  maxCalibrationTargets?: number;
  /**
   * Worker threads that compute the built-in policies, so a long schedule never blocks the event
   * loop. `0` runs every policy on the calling thread (tests, debugging).
   * @default one per core (`defaultWorkerThreads()`)
   */
  workerThreads?: number;
  /**
   * Schedules that may wait for a free worker; one more is answered 503 at once.
   * @default `SCHEDULER_DEFAULTS.queueLimit`
   */
  queueLimit?: number;
  /**
   * Time limit of one schedule in milliseconds (queue wait included); past it the answer is 503
   * and the worker computing it is terminated and replaced.
   * @default `SCHEDULER_DEFAULTS.timeLimitMs`
   */
  timeLimitMs?: number;
  /**
   * Built-in policies cheap enough to run on the calling thread even with workers (they never
   * queue behind long schedules).
   * @default `SCHEDULER_DEFAULTS.inProcessPolicies`
   */
  inProcessPolicies?: string[];
  /**
   * Whether each worker computes its warm-up schedules (`basicWarmupJobs`: one-day `basic`
   * schedules of the data directory's master files) before it takes requests, so the first real
   * request does not pay for caches and JIT compilation. The standalone server (`main.ts`) also
   * warms its HTTP path with its own requests before readiness only when this is on.
   * @default `SCHEDULER_DEFAULTS.warmup`
   */
  warmup?: boolean;
  /**
   * The operator's floor on the Sun distance, degrees (0 to 90): no request may ask for a smaller
   * `sun-guard` distance, and the independent check holds every scan to at least this.
   * @default 10
   */
  sunFloorDeg?: number;
  /**
   * The operator's floor on elevations, `[low, high]` degrees: no request may widen the `mount`
   * `el_limits` beyond it, and the independent check holds every scan to it.
   * @default [20, 90]
   */
  mountElLimits?: readonly [number, number];
  /**
   * The operator's floor on azimuths, `[low, high]` degrees within [−720, 720]: no request may widen
   * the `mount` `az_limits` beyond it, and the independent check holds every sweep and pointing to it.
   * @default [-90, 480]
   */
  mountAzLimits?: readonly [number, number];
}

/** Options that shape the module's controllers and providers (static in `forRootAsync` too). */
export interface SchedulerModuleExtras {
  /**
   * Path before `/schedule` (`POST /<routePrefix>/schedule/`).
   * @default `SCHEDULER_DEFAULTS.routePrefix`
   */
  routePrefix?: string;
  /**
   * Extra policy classes, each decorated with `@SchedulePolicy({ name, config, description })`;
   * registered as providers of the module next to the built-in ones (a class the host app also
   * provides itself is still one policy).
   * @default `SCHEDULER_DEFAULTS.policies`
   */
  policies?: Type<SchedulePolicyProvider>[];
}

/** Everything `forRoot` accepts. */
export type SchedulerModuleForRootOptions = SchedulerModuleOptions & SchedulerModuleExtras;

/** The options with defaults applied and checked: what the service and filter use. */
export interface SchedulerSettings {
  readonly maxWindowDays: number;
  /** Body limit as configured, for messages (`'1mb'`). */
  readonly bodyLimit: string;
  /** Body limit in bytes. */
  readonly bodyLimitBytes: number;
  /** Absolute path of the data directory. */
  readonly dataDir: string;
  readonly presets: PresetTable;
  readonly maxConfigDepth: number;
  readonly maxConfigValues: number;
  readonly maxCalibrationTargets: number;
  readonly workerThreads: number;
  readonly queueLimit: number;
  readonly timeLimitMs: number;
  readonly inProcessPolicies: readonly string[];
  readonly warmup: boolean;
  /** The floors given to every policy as `PolicyContext.floors`. */
  readonly floors: SafetyFloors;
}
