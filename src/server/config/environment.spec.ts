import { ENVIRONMENT_VARIABLE_NAMES, loadEnvironment, schedulerOptionsFrom, SERVER_DEFAULTS, serverConfigFrom } from './environment';

const ALL = {
  PORT: '9000',
  SCHEDULER_DATA_DIR: '/srv/data',
  SCHEDULER_MAX_WINDOW_DAYS: '7.5',
  SCHEDULER_BODY_LIMIT: '512kb',
  SCHEDULER_MAX_CONFIG_DEPTH: '8',
  SCHEDULER_MAX_CONFIG_VALUES: '500',
  SCHEDULER_MAX_CALIBRATION_TARGETS: '4',
  SHUTDOWN_GRACE_MS: '2500',
  LOG_LEVEL: 'WARN',
  LOG_FORMAT: 'pretty',
  SCHEDULER_WORKER_THREADS: '0',
  SCHEDULER_QUEUE_LIMIT: '8',
  SCHEDULER_TIME_LIMIT_MS: '5000',
  SCHEDULER_SUN_FLOOR_DEG: '15.5',
  SCHEDULER_MOUNT_EL_LIMITS: ' 25, 85 ',
  SCHEDULER_MOUNT_AZ_LIMITS: '-80,400',
  UNRELATED: 'x',
};

describe('the environment', () => {
  it('declares every variable it reads', () => {
    expect([...ENVIRONMENT_VARIABLE_NAMES].sort()).toEqual(Object.keys(ALL).filter((k) => k !== 'UNRELATED').sort());
  });

  it('leaves unset or empty variables unset: the server takes SERVER_DEFAULTS, the module its own defaults', () => {
    expect({ ...loadEnvironment({ PORT: '', SCHEDULER_BODY_LIMIT: '  ' }) }).toEqual(
      Object.fromEntries(ENVIRONMENT_VARIABLE_NAMES.map((k) => [k, undefined])),
    );
    expect(serverConfigFrom({})).toEqual(SERVER_DEFAULTS);
    expect(serverConfigFrom({})).toEqual({ port: 8010, shutdownGraceMs: 10_000, logLevel: 'info', logFormat: 'json' });
    expect(schedulerOptionsFrom({ SCHEDULER_DATA_DIR: ' ' })).toEqual({});
  });

  it('reads every variable', () => {
    expect(serverConfigFrom(ALL)).toEqual({ port: 9000, shutdownGraceMs: 2500, logLevel: 'warn', logFormat: 'pretty' });
    expect(schedulerOptionsFrom(ALL)).toEqual({
      dataDir: '/srv/data',
      maxWindowDays: 7.5,
      bodyLimit: '512kb',
      maxConfigDepth: 8,
      maxConfigValues: 500,
      maxCalibrationTargets: 4,
      workerThreads: 0,
      queueLimit: 8,
      timeLimitMs: 5000,
      sunFloorDeg: 15.5,
      mountElLimits: [25, 85],
      mountAzLimits: [-80, 400],
    });
  });

  it('logs readably in development unless LOG_FORMAT says otherwise', () => {
    expect(serverConfigFrom({ NODE_ENV: 'development' }).logFormat).toBe('pretty');
    expect(serverConfigFrom({ NODE_ENV: 'development', LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(serverConfigFrom({ NODE_ENV: 'production' }).logFormat).toBe('json');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be an integer port number (got "abc")'],
    [{ PORT: '12abc' }, 'PORT must be an integer port number (got "12abc")'],
    [{ PORT: '70000' }, 'PORT must be between 1 and 65535 (got "70000")'],
    [{ PORT: '80.5' }, 'PORT must be an integer port number (got "80.5")'],
    [{ SCHEDULER_MAX_WINDOW_DAYS: '0' }, 'SCHEDULER_MAX_WINDOW_DAYS must be positive (got "0")'],
    [{ SCHEDULER_MAX_WINDOW_DAYS: 'week' }, 'SCHEDULER_MAX_WINDOW_DAYS must be a number of days (got "week")'],
    [{ SCHEDULER_MAX_CONFIG_DEPTH: '17' }, 'SCHEDULER_MAX_CONFIG_DEPTH must be an integer from 1 to 16 (got "17")'],
    [{ SCHEDULER_MAX_CONFIG_VALUES: '0' }, 'SCHEDULER_MAX_CONFIG_VALUES must be an integer from 1 to 10000 (got "0")'],
    [{ SCHEDULER_MAX_CALIBRATION_TARGETS: 'many' }, 'SCHEDULER_MAX_CALIBRATION_TARGETS must be a positive integer (got "many")'],
    [{ SHUTDOWN_GRACE_MS: '-1' }, 'SHUTDOWN_GRACE_MS must be an integer from 0 to 600000 (got "-1")'],
    [{ LOG_LEVEL: 'verbose' }, 'LOG_LEVEL must be one of silent, error, warn, info, debug (got "verbose")'],
    [{ LOG_FORMAT: 'xml' }, 'LOG_FORMAT must be json or pretty (got "xml")'],
    [{ SCHEDULER_WORKER_THREADS: '-1' }, 'SCHEDULER_WORKER_THREADS must be 0 or more (got "-1")'],
    [{ SCHEDULER_QUEUE_LIMIT: 'many' }, 'SCHEDULER_QUEUE_LIMIT must be a whole number (got "many")'],
    [{ SCHEDULER_TIME_LIMIT_MS: '0' }, 'SCHEDULER_TIME_LIMIT_MS must be at least 1 (got "0")'],
    [{ SCHEDULER_BODY_LIMIT: 'huge' }, 'SCHEDULER_BODY_LIMIT must be a size such as 1mb, 512kb or 65536 (got "huge")'],
    // What bytes would read as 1 byte (a leading integer) is refused rather than guessed.
    [{ SCHEDULER_BODY_LIMIT: '1m' }, 'SCHEDULER_BODY_LIMIT must be a size such as 1mb, 512kb or 65536 (got "1m")'],
    [{ SCHEDULER_BODY_LIMIT: '0kb' }, 'SCHEDULER_BODY_LIMIT must be a size such as 1mb, 512kb or 65536 (got "0kb")'],
    [{ SCHEDULER_QUEUE_LIMIT: '0x10' }, 'SCHEDULER_QUEUE_LIMIT must be a whole number (got "0x10")'],
    [{ SCHEDULER_SUN_FLOOR_DEG: '-1' }, 'SCHEDULER_SUN_FLOOR_DEG must be a number of degrees from 0 to 90 (got "-1")'],
    [{ SCHEDULER_SUN_FLOOR_DEG: 'ten' }, 'SCHEDULER_SUN_FLOOR_DEG must be a number of degrees from 0 to 90 (got "ten")'],
    [{ SCHEDULER_MOUNT_EL_LIMITS: '20' }, 'SCHEDULER_MOUNT_EL_LIMITS must be two elevations "low,high" with -90 <= low <= high <= 90 (got "20")'],
    [{ SCHEDULER_MOUNT_EL_LIMITS: '90,20' }, 'SCHEDULER_MOUNT_EL_LIMITS must be two elevations "low,high" with -90 <= low <= high <= 90 (got "90,20")'],
    [{ SCHEDULER_MOUNT_EL_LIMITS: '-95,90' }, 'SCHEDULER_MOUNT_EL_LIMITS must be two elevations "low,high" with -90 <= low <= high <= 90 (got "-95,90")'],
    [{ SCHEDULER_MOUNT_AZ_LIMITS: '-800,480' }, 'SCHEDULER_MOUNT_AZ_LIMITS must be two azimuths "low,high" with -720 <= low <= high <= 720 (got "-800,480")'],
    [{ SCHEDULER_MOUNT_AZ_LIMITS: '480,-90' }, 'SCHEDULER_MOUNT_AZ_LIMITS must be two azimuths "low,high" with -720 <= low <= high <= 720 (got "480,-90")'],
  ])('rejects %p naming the variable', (env, message) => {
    expect(() => loadEnvironment(env)).toThrow(`Invalid environment: ${message}`);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadEnvironment({ PORT: 'x', SCHEDULER_BODY_LIMIT: 'y' })).toThrow(/PORT .*; SCHEDULER_BODY_LIMIT /);
  });
});
