/**
 * The server's environment, checked once at start-up with class-validator: a bad value stops the
 * server with a message naming the variable, instead of failing requests later. The class holds
 * no defaults: an unset scheduler variable leaves the module's default (`SCHEDULER_DEFAULTS`), an
 * unset server variable takes `SERVER_DEFAULTS`.
 */
import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsNumber, IsOptional, IsPositive, Max, Min, validateSync, ValidateBy } from 'class-validator';
import { MAX_CONFIG_DEPTH, MAX_CONFIG_NODES } from '../../core/config/merge';
import { azimuthFloorProblem, elevationFloorProblem } from '../../core/safety/floors';
import { parseByteSize, type SchedulerModuleOptions } from '../../scheduler';

/** Levels of the logs, most severe first; `silent` logs nothing. */
export const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'] as const;

/** A log level name. */
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** `json`: one JSON object per line (production); `pretty`: one readable line (development). */
export const LOG_FORMATS = ['json', 'pretty'] as const;

/** A log format name. */
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The standalone server's own settings (the scheduler's are `SchedulerModuleOptions`). */
export interface ServerConfig {
  /** Port to listen on. */
  readonly port: number;
  /** Milliseconds that requests in flight get to finish after SIGTERM/SIGINT. */
  readonly shutdownGraceMs: number;
  /** Least severe level written. */
  readonly logLevel: LogLevelName;
  /** `pretty` by default when `NODE_ENV=development`. */
  readonly logFormat: LogFormat;
}

/** The default of every server setting (the scheduler's are `SCHEDULER_DEFAULTS`). */
export const SERVER_DEFAULTS: ServerConfig = Object.freeze({ port: 8010, shutdownGraceMs: 10_000, logLevel: 'info', logFormat: 'json' });

/** Each server variable and the `ServerConfig` setting it sets; unset, `SERVER_DEFAULTS` applies. */
export const SERVER_ENV_SETTINGS = Object.freeze({
  PORT: 'port',
  SHUTDOWN_GRACE_MS: 'shutdownGraceMs',
  LOG_LEVEL: 'logLevel',
  LOG_FORMAT: 'logFormat',
} as const satisfies Record<string, keyof ServerConfig>);

/** Each scheduler variable and the `SchedulerModule` option it sets; unset, the module's default applies. */
export const SCHEDULER_ENV_OPTIONS = Object.freeze({
  SCHEDULER_DATA_DIR: 'dataDir',
  SCHEDULER_MAX_WINDOW_DAYS: 'maxWindowDays',
  SCHEDULER_BODY_LIMIT: 'bodyLimit',
  SCHEDULER_MAX_CONFIG_DEPTH: 'maxConfigDepth',
  SCHEDULER_MAX_CONFIG_VALUES: 'maxConfigValues',
  SCHEDULER_MAX_CALIBRATION_TARGETS: 'maxCalibrationTargets',
  SCHEDULER_WORKER_THREADS: 'workerThreads',
  SCHEDULER_QUEUE_LIMIT: 'queueLimit',
  SCHEDULER_TIME_LIMIT_MS: 'timeLimitMs',
  SCHEDULER_SUN_FLOOR_DEG: 'sunFloorDeg',
  SCHEDULER_MOUNT_EL_LIMITS: 'mountElLimits',
  SCHEDULER_MOUNT_AZ_LIMITS: 'mountAzLimits',
} as const satisfies Record<string, keyof SchedulerModuleOptions>);

/** A decimal number becomes a number; anything else stays text for the validators to refuse ("12abc" must fail, not become 12). */
const Decimal = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^[+-]?\d+(\.\d+)?$/.test(value) ? Number(value) : value));

const LowerCase = () => Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value));

/** A size the JSON body parser reads (`512kb`, `1mb`, bytes). */
const IsByteSize = (message: string) =>
  ValidateBy({ name: 'isByteSize', validator: { validate: (v: unknown) => typeof v === 'string' && parseByteSize(v) !== undefined } }, { message });

/** Two numbers `low,high` in degrees (`20,90`) become a pair; anything else stays text for the validator to refuse. */
const DegreePair = () =>
  Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' && /^[+-]?\d+(\.\d+)?\s*,\s*[+-]?\d+(\.\d+)?$/.test(value) ? value.split(',').map((x) => Number(x.trim())) : value,
  );

const MOUNT_EL_LIMITS_MESSAGE = 'SCHEDULER_MOUNT_EL_LIMITS must be two elevations "low,high" with -90 <= low <= high <= 90';
const MOUNT_AZ_LIMITS_MESSAGE = 'SCHEDULER_MOUNT_AZ_LIMITS must be two azimuths "low,high" with -720 <= low <= high <= 720';

/** An elevation floor `[low, high]` the module accepts (the same check as its `mountElLimits` option). */
const IsElevationFloor = () =>
  ValidateBy(
    { name: 'isElevationFloor', validator: { validate: (v: unknown) => elevationFloorProblem(v, '') === undefined } },
    { message: MOUNT_EL_LIMITS_MESSAGE },
  );

/** An azimuth floor `[low, high]` the module accepts (the same check as its `mountAzLimits` option). */
const IsAzimuthFloor = () =>
  ValidateBy(
    { name: 'isAzimuthFloor', validator: { validate: (v: unknown) => azimuthFloorProblem(v, '') === undefined } },
    { message: MOUNT_AZ_LIMITS_MESSAGE },
  );

/** Every variable the server reads; `undefined` when unset or empty. Add new ones here and in the README table. */
export class EnvironmentVariables {
  // class-validator runs the decorators bottom-up: the type check comes last so it runs first.
  @Max(65535, { message: 'PORT must be between 1 and 65535' })
  @Min(1, { message: 'PORT must be between 1 and 65535' })
  @IsInt({ message: 'PORT must be an integer port number' })
  @IsOptional()
  @Decimal()
  PORT?: number;

  @IsNotEmpty({ message: 'SCHEDULER_DATA_DIR must be a directory path' })
  @IsOptional()
  SCHEDULER_DATA_DIR?: string;

  @IsPositive({ message: 'SCHEDULER_MAX_WINDOW_DAYS must be positive' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'SCHEDULER_MAX_WINDOW_DAYS must be a number of days' })
  @IsOptional()
  @Decimal()
  SCHEDULER_MAX_WINDOW_DAYS?: number;

  @IsByteSize('SCHEDULER_BODY_LIMIT must be a size such as 1mb, 512kb or 65536')
  @IsOptional()
  SCHEDULER_BODY_LIMIT?: string;

  @Max(MAX_CONFIG_DEPTH, { message: `SCHEDULER_MAX_CONFIG_DEPTH must be an integer from 1 to ${MAX_CONFIG_DEPTH}` })
  @Min(1, { message: `SCHEDULER_MAX_CONFIG_DEPTH must be an integer from 1 to ${MAX_CONFIG_DEPTH}` })
  @IsInt({ message: `SCHEDULER_MAX_CONFIG_DEPTH must be an integer from 1 to ${MAX_CONFIG_DEPTH}` })
  @IsOptional()
  @Decimal()
  SCHEDULER_MAX_CONFIG_DEPTH?: number;

  @Max(MAX_CONFIG_NODES, { message: `SCHEDULER_MAX_CONFIG_VALUES must be an integer from 1 to ${MAX_CONFIG_NODES}` })
  @Min(1, { message: `SCHEDULER_MAX_CONFIG_VALUES must be an integer from 1 to ${MAX_CONFIG_NODES}` })
  @IsInt({ message: `SCHEDULER_MAX_CONFIG_VALUES must be an integer from 1 to ${MAX_CONFIG_NODES}` })
  @IsOptional()
  @Decimal()
  SCHEDULER_MAX_CONFIG_VALUES?: number;

  @Min(1, { message: 'SCHEDULER_MAX_CALIBRATION_TARGETS must be a positive integer' })
  @IsInt({ message: 'SCHEDULER_MAX_CALIBRATION_TARGETS must be a positive integer' })
  @IsOptional()
  @Decimal()
  SCHEDULER_MAX_CALIBRATION_TARGETS?: number;

  @Max(600_000, { message: 'SHUTDOWN_GRACE_MS must be an integer from 0 to 600000' })
  @Min(0, { message: 'SHUTDOWN_GRACE_MS must be an integer from 0 to 600000' })
  @IsInt({ message: 'SHUTDOWN_GRACE_MS must be an integer from 0 to 600000' })
  @IsOptional()
  @Decimal()
  SHUTDOWN_GRACE_MS?: number;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` })
  @IsOptional()
  @LowerCase()
  LOG_LEVEL?: LogLevelName;

  @IsIn(LOG_FORMATS, { message: `LOG_FORMAT must be ${LOG_FORMATS.join(' or ')}` })
  @IsOptional()
  @LowerCase()
  LOG_FORMAT?: LogFormat;

  @Min(0, { message: 'SCHEDULER_WORKER_THREADS must be 0 or more' })
  @IsInt({ message: 'SCHEDULER_WORKER_THREADS must be a whole number' })
  @IsOptional()
  @Decimal()
  SCHEDULER_WORKER_THREADS?: number;

  @Min(0, { message: 'SCHEDULER_QUEUE_LIMIT must be 0 or more' })
  @IsInt({ message: 'SCHEDULER_QUEUE_LIMIT must be a whole number' })
  @IsOptional()
  @Decimal()
  SCHEDULER_QUEUE_LIMIT?: number;

  @Min(1, { message: 'SCHEDULER_TIME_LIMIT_MS must be at least 1' })
  @IsInt({ message: 'SCHEDULER_TIME_LIMIT_MS must be a whole number of milliseconds' })
  @IsOptional()
  @Decimal()
  SCHEDULER_TIME_LIMIT_MS?: number;

  @Max(90, { message: 'SCHEDULER_SUN_FLOOR_DEG must be a number of degrees from 0 to 90' })
  @Min(0, { message: 'SCHEDULER_SUN_FLOOR_DEG must be a number of degrees from 0 to 90' })
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'SCHEDULER_SUN_FLOOR_DEG must be a number of degrees from 0 to 90' })
  @IsOptional()
  @Decimal()
  SCHEDULER_SUN_FLOOR_DEG?: number;

  @IsElevationFloor()
  @IsOptional()
  @DegreePair()
  SCHEDULER_MOUNT_EL_LIMITS?: [number, number];

  @IsAzimuthFloor()
  @IsOptional()
  @DegreePair()
  SCHEDULER_MOUNT_AZ_LIMITS?: [number, number];
}

/** The names of the variables, in declaration order. */
export const ENVIRONMENT_VARIABLE_NAMES: readonly string[] = Object.freeze(Object.keys(new EnvironmentVariables()));

/**
 * Reads the variables of `env` (unset or empty means unset) and validates them. Throws an `Error`
 * listing every bad variable with its value.
 */
export function loadEnvironment(env: Readonly<Record<string, string | undefined>>): EnvironmentVariables {
  const raw: Record<string, string> = {};
  for (const key of ENVIRONMENT_VARIABLE_NAMES) {
    const value = env[key]?.trim();
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const vars = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(vars, { stopAtFirstError: true });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${Object.values(e.constraints ?? {})[0] ?? `${e.property} is invalid`} (got ${JSON.stringify(env[e.property])})`);
    throw new Error(`Invalid environment: ${lines.join('; ')}`);
  }
  return vars;
}

/** The server's settings from `env`, defaults applied (`LOG_FORMAT` defaults to `pretty` when `NODE_ENV=development`). */
export function serverConfigFrom(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const vars = loadEnvironment(env) as unknown as Readonly<Record<string, unknown>>;
  const config: Record<string, unknown> = { ...SERVER_DEFAULTS };
  if (env.NODE_ENV?.trim() === 'development') config.logFormat = 'pretty';
  for (const [name, setting] of Object.entries(SERVER_ENV_SETTINGS)) if (vars[name] !== undefined) config[setting] = vars[name];
  return Object.freeze(config) as unknown as ServerConfig;
}

/** The `SchedulerModule` options `env` sets (only those: the module applies its own defaults to the rest). */
export function schedulerOptionsFrom(env: Readonly<Record<string, string | undefined>>): SchedulerModuleOptions {
  const vars = loadEnvironment(env) as unknown as Readonly<Record<string, unknown>>;
  const options: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(SCHEDULER_ENV_OPTIONS)) if (vars[name] !== undefined) options[option] = vars[name];
  return Object.freeze(options) as SchedulerModuleOptions;
}
