/**
 * The server's environment, read and checked once at start-up with class-validator: a bad value
 * stops the server with a message naming the variable, instead of failing requests later.
 */
import { plainToInstance } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsNotEmpty, IsNumber, IsPositive, Matches, Max, Min, validateSync } from 'class-validator';
import { MAX_CONFIG_DEPTH, MAX_CONFIG_NODES } from '../../core/config/merge';
import { DEFAULT_CONFIG_LIMITS } from '../../core/config/limits';
import { DEFAULT_SAFETY_FLOORS, floorsProblem } from '../../core/safety/floors';

/** Levels of the logs, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

/** A log level name. */
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** `json`: one JSON object per line (production); `pretty`: one readable line (development). */
export type LogFormat = 'json' | 'pretty';

/** Two numbers separated by a comma (`20,90`); the range itself is checked by `floorsProblem`. */
const ELEVATION_PAIR = /^\s*[+-]?\d+(\.\d+)?\s*,\s*[+-]?\d+(\.\d+)?\s*$/;
const MOUNT_EL_LIMITS_MESSAGE = 'SCHEDULER_MOUNT_EL_LIMITS must be two elevations "low,high" with -90 <= low <= high <= 90';

/** The variables the server reads, with their defaults. Add new ones here. */
export class EnvironmentVariables {
  /** Port to listen on. */
  // class-validator runs the decorators bottom-up: the type check comes last so it runs first.
  @Max(65535, { message: 'PORT must be between 1 and 65535' })
  @Min(1, { message: 'PORT must be between 1 and 65535' })
  @IsInt({ message: 'PORT must be an integer port number' })
  PORT = 8010;

  /** Directory of named master-schedule files. */
  @IsNotEmpty({ message: 'SCHEDULER_DATA_DIR must be a directory path' })
  SCHEDULER_DATA_DIR = './data';

  /** Longest window accepted, in days. */
  @IsPositive({ message: 'SCHEDULER_MAX_WINDOW_DAYS must be positive' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'SCHEDULER_MAX_WINDOW_DAYS must be a number of days' })
  SCHEDULER_MAX_WINDOW_DAYS = 31;

  /** Largest request body (`100kb`, `1mb`, or bytes). */
  @Matches(/^\s*\d+(\.\d+)?\s*(b|kb|mb|gb)?\s*$/i, {
    message: 'SCHEDULER_BODY_LIMIT must be a size such as 1mb, 512kb or 65536',
  })
  SCHEDULER_BODY_LIMIT = '1mb';

  /** Deepest nesting of a request's config. */
  @Max(MAX_CONFIG_DEPTH, { message: `SCHEDULER_MAX_CONFIG_DEPTH must be an integer from 1 to ${MAX_CONFIG_DEPTH}` })
  @Min(1, { message: `SCHEDULER_MAX_CONFIG_DEPTH must be an integer from 1 to ${MAX_CONFIG_DEPTH}` })
  @IsInt({ message: `SCHEDULER_MAX_CONFIG_DEPTH must be an integer from 1 to ${MAX_CONFIG_DEPTH}` })
  SCHEDULER_MAX_CONFIG_DEPTH = DEFAULT_CONFIG_LIMITS.maxDepth;

  /** Most values in a request's config. */
  @Max(MAX_CONFIG_NODES, { message: `SCHEDULER_MAX_CONFIG_VALUES must be an integer from 1 to ${MAX_CONFIG_NODES}` })
  @Min(1, { message: `SCHEDULER_MAX_CONFIG_VALUES must be an integer from 1 to ${MAX_CONFIG_NODES}` })
  @IsInt({ message: `SCHEDULER_MAX_CONFIG_VALUES must be an integer from 1 to ${MAX_CONFIG_NODES}` })
  SCHEDULER_MAX_CONFIG_VALUES = DEFAULT_CONFIG_LIMITS.maxValues;

  /** Longest calibration (or soft) target list. */
  @Min(1, { message: 'SCHEDULER_MAX_CALIBRATION_TARGETS must be a positive integer' })
  @IsInt({ message: 'SCHEDULER_MAX_CALIBRATION_TARGETS must be a positive integer' })
  SCHEDULER_MAX_CALIBRATION_TARGETS = DEFAULT_CONFIG_LIMITS.maxTargets;

  /** Milliseconds that requests in flight get to finish after SIGTERM/SIGINT. */
  @Max(600_000, { message: 'SHUTDOWN_GRACE_MS must be an integer from 0 to 600000' })
  @Min(0, { message: 'SHUTDOWN_GRACE_MS must be an integer from 0 to 600000' })
  @IsInt({ message: 'SHUTDOWN_GRACE_MS must be an integer from 0 to 600000' })
  SHUTDOWN_GRACE_MS = 10_000;

  /** Least severe level written. */
  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: string = 'info';

  /** `json` or `pretty`; unset means pretty when NODE_ENV=development, else json. */
  @IsIn(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' })
  @IsOptional()
  LOG_FORMAT: string | undefined = undefined;

  /** Worker threads computing schedules; 0 computes on the main thread. Empty: one per core. */
  @Min(0, { message: 'SCHEDULER_WORKER_THREADS must be 0 or more' })
  @IsInt({ message: 'SCHEDULER_WORKER_THREADS must be a whole number' })
  @IsOptional()
  SCHEDULER_WORKER_THREADS: number | undefined = undefined;

  /** Schedules that may wait for a worker before 503s. */
  @Min(0, { message: 'SCHEDULER_QUEUE_LIMIT must be 0 or more' })
  @IsInt({ message: 'SCHEDULER_QUEUE_LIMIT must be a whole number' })
  SCHEDULER_QUEUE_LIMIT = 64;

  /** Time limit of one schedule, in milliseconds. */
  @Min(1, { message: 'SCHEDULER_TIME_LIMIT_MS must be at least 1' })
  @IsInt({ message: 'SCHEDULER_TIME_LIMIT_MS must be a whole number of milliseconds' })
  SCHEDULER_TIME_LIMIT_MS = 30_000;

  /** The operator's floor on the Sun distance of every scan, degrees. */
  @Max(90, { message: 'SCHEDULER_SUN_FLOOR_DEG must be a number of degrees from 0 to 90' })
  @Min(0, { message: 'SCHEDULER_SUN_FLOOR_DEG must be a number of degrees from 0 to 90' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'SCHEDULER_SUN_FLOOR_DEG must be a number of degrees from 0 to 90' })
  SCHEDULER_SUN_FLOOR_DEG = DEFAULT_SAFETY_FLOORS.sunDistanceDeg;

  /** The operator's floor on elevations, `low,high` degrees. */
  @Matches(ELEVATION_PAIR, { message: MOUNT_EL_LIMITS_MESSAGE })
  SCHEDULER_MOUNT_EL_LIMITS = DEFAULT_SAFETY_FLOORS.mountElLimits.join(',');
}

/** The checked configuration the app uses. */
export interface AppConfig {
  readonly port: number;
  readonly dataDir: string;
  readonly maxWindowDays: number;
  readonly bodyLimit: string;
  readonly maxConfigDepth: number;
  readonly maxConfigValues: number;
  readonly maxCalibrationTargets: number;
  readonly shutdownGraceMs: number;
  readonly logLevel: LogLevelName;
  readonly logFormat: LogFormat;
  /** `undefined`: one per core. */
  readonly workerThreads: number | undefined;
  readonly queueLimit: number;
  readonly timeLimitMs: number;
  /** Floor on the Sun distance, degrees. */
  readonly sunFloorDeg: number;
  /** Floor on elevations, `[low, high]` degrees. */
  readonly mountElLimits: readonly [number, number];
}

const NUMERIC: ReadonlySet<string> = new Set([
  'PORT',
  'SCHEDULER_MAX_WINDOW_DAYS',
  'SCHEDULER_MAX_CONFIG_DEPTH',
  'SCHEDULER_MAX_CONFIG_VALUES',
  'SCHEDULER_MAX_CALIBRATION_TARGETS',
  'SHUTDOWN_GRACE_MS',
  'SCHEDULER_WORKER_THREADS',
  'SCHEDULER_QUEUE_LIMIT',
  'SCHEDULER_TIME_LIMIT_MS',
  'SCHEDULER_SUN_FLOOR_DEG',
]);

/**
 * Reads the variables of `env` (unset or empty means the default) and validates them. Throws an
 * `Error` listing every bad variable with its value.
 */
export function loadAppConfig(env: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new EnvironmentVariables())) {
    const value = env[key]?.trim();
    if (value === undefined || value === '') continue;
    // Numbers are converted by hand: "12abc" must fail, not become 12.
    raw[key] = NUMERIC.has(key) ? (/^[+-]?\d+(\.\d+)?$/.test(value) ? Number(value) : value) : value;
    if (key === 'LOG_LEVEL' || key === 'LOG_FORMAT') raw[key] = value.toLowerCase();
  }
  const vars = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(vars, { stopAtFirstError: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const why = Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`;
      return `${why} (got ${JSON.stringify(env[e.property])})`;
    });
    throw new Error(`Invalid environment: ${lines.join('; ')}`);
  }
  const [elLo, elHi] = vars.SCHEDULER_MOUNT_EL_LIMITS.split(',').map((x) => Number(x.trim()));
  const mountElLimits: readonly [number, number] = Object.freeze([elLo, elHi]) as readonly [number, number];
  if (floorsProblem({ sunDistanceDeg: vars.SCHEDULER_SUN_FLOOR_DEG, mountElLimits }, { sun: 'SCHEDULER_SUN_FLOOR_DEG', el: 'SCHEDULER_MOUNT_EL_LIMITS' })) {
    throw new Error(`Invalid environment: ${MOUNT_EL_LIMITS_MESSAGE} (got ${JSON.stringify(env.SCHEDULER_MOUNT_EL_LIMITS)})`);
  }
  return Object.freeze({
    port: vars.PORT,
    dataDir: vars.SCHEDULER_DATA_DIR,
    maxWindowDays: vars.SCHEDULER_MAX_WINDOW_DAYS,
    bodyLimit: vars.SCHEDULER_BODY_LIMIT.trim(),
    maxConfigDepth: vars.SCHEDULER_MAX_CONFIG_DEPTH,
    maxConfigValues: vars.SCHEDULER_MAX_CONFIG_VALUES,
    maxCalibrationTargets: vars.SCHEDULER_MAX_CALIBRATION_TARGETS,
    shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
    logLevel: vars.LOG_LEVEL as LogLevelName,
    logFormat: (vars.LOG_FORMAT ?? (env.NODE_ENV?.trim() === 'development' ? 'pretty' : 'json')) as LogFormat,
    workerThreads: vars.SCHEDULER_WORKER_THREADS,
    queueLimit: vars.SCHEDULER_QUEUE_LIMIT,
    timeLimitMs: vars.SCHEDULER_TIME_LIMIT_MS,
    sunFloorDeg: vars.SCHEDULER_SUN_FLOOR_DEG,
    mountElLimits,
  });
}
