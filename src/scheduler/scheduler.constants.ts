/**
 * Injection tokens of the scheduler module (symbols, so a host app's tokens cannot collide) and
 * the one home of every option default: the env class, the README and the pool refer to these.
 */
import { DEFAULT_CONFIG_LIMITS } from '../core/config/limits';
import { DEFAULT_SAFETY_FLOORS } from '../core/safety/floors';
import type { SchedulerModuleForRootOptions } from './scheduler-options.interface';

export { SCHEDULE_EXECUTOR } from './execution/schedule-executor';

/** The options given to `SchedulerModule.forRoot`/`forRootAsync` (as given, without defaults). */
export const SCHEDULER_MODULE_OPTIONS = Symbol('SCHEDULER_MODULE_OPTIONS');

/** The options with every default applied and checked (`SchedulerSettings`). */
export const SCHEDULER_SETTINGS = Symbol('SCHEDULER_SETTINGS');

/** Options whose default is computed on the machine that runs the module (see `resolveSchedulerSettings`). */
export type ComputedDefaultOption = 'workerThreads';

/**
 * The default of every `SchedulerModule` option but `workerThreads` (one per core, from
 * `os.availableParallelism()`). Typed so that a new option cannot be added without its default.
 */
export const SCHEDULER_DEFAULTS: Readonly<Required<Omit<SchedulerModuleForRootOptions, ComputedDefaultOption>>> = Object.freeze({
  routePrefix: 'api/v1',
  // Frozen too: a default must not change because a caller pushed onto it.
  policies: Object.freeze([]) as unknown as [],
  maxWindowDays: 31,
  bodyLimit: '1mb',
  dataDir: './data',
  presets: {},
  maxConfigDepth: DEFAULT_CONFIG_LIMITS.maxDepth,
  maxConfigValues: DEFAULT_CONFIG_LIMITS.maxValues,
  maxCalibrationTargets: DEFAULT_CONFIG_LIMITS.maxTargets,
  queueLimit: 64,
  timeLimitMs: 30_000,
  inProcessPolicies: Object.freeze(['dummy']) as string[],
  warmup: true,
  sunFloorDeg: DEFAULT_SAFETY_FLOORS.sunDistanceDeg,
  mountElLimits: DEFAULT_SAFETY_FLOORS.mountElLimits,
  mountAzLimits: DEFAULT_SAFETY_FLOORS.mountAzLimits,
});
