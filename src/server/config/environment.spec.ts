import { loadAppConfig } from './environment';

describe('loadAppConfig', () => {
  it('uses the defaults for unset or empty variables', () => {
    expect(loadAppConfig({})).toEqual({
      port: 8010,
      dataDir: './data',
      maxWindowDays: 31,
      bodyLimit: '1mb',
      maxConfigDepth: 16,
      maxConfigValues: 10_000,
      maxCalibrationTargets: 32,
      shutdownGraceMs: 10_000,
      logLevel: 'info',
      logFormat: 'json',
      workerThreads: undefined,
      queueLimit: 64,
      timeLimitMs: 30000,
      sunFloorDeg: 10,
      mountElLimits: [20, 90],
    });
    expect(loadAppConfig({ PORT: '', SCHEDULER_BODY_LIMIT: '  ' }).port).toBe(8010);
  });

  it('reads every variable', () => {
    expect(
      loadAppConfig({
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
        UNRELATED: 'x',
      }),
    ).toEqual({
      port: 9000,
      dataDir: '/srv/data',
      maxWindowDays: 7.5,
      bodyLimit: '512kb',
      maxConfigDepth: 8,
      maxConfigValues: 500,
      maxCalibrationTargets: 4,
      shutdownGraceMs: 2500,
      logLevel: 'warn',
      logFormat: 'pretty',
      workerThreads: 0,
      queueLimit: 8,
      timeLimitMs: 5000,
      sunFloorDeg: 15.5,
      mountElLimits: [25, 85],
    });
  });

  it('logs readably in development unless LOG_FORMAT says otherwise', () => {
    expect(loadAppConfig({ NODE_ENV: 'development' }).logFormat).toBe('pretty');
    expect(loadAppConfig({ NODE_ENV: 'development', LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadAppConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
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
    [{ SCHEDULER_SUN_FLOOR_DEG: '-1' }, 'SCHEDULER_SUN_FLOOR_DEG must be a number of degrees from 0 to 90 (got "-1")'],
    [{ SCHEDULER_SUN_FLOOR_DEG: 'ten' }, 'SCHEDULER_SUN_FLOOR_DEG must be a number of degrees from 0 to 90 (got "ten")'],
    [{ SCHEDULER_MOUNT_EL_LIMITS: '20' }, 'SCHEDULER_MOUNT_EL_LIMITS must be two elevations "low,high" with -90 <= low <= high <= 90 (got "20")'],
    [{ SCHEDULER_MOUNT_EL_LIMITS: '90,20' }, 'SCHEDULER_MOUNT_EL_LIMITS must be two elevations "low,high" with -90 <= low <= high <= 90 (got "90,20")'],
    [{ SCHEDULER_MOUNT_EL_LIMITS: '-95,90' }, 'SCHEDULER_MOUNT_EL_LIMITS must be two elevations "low,high" with -90 <= low <= high <= 90 (got "-95,90")'],
  ])('rejects %p naming the variable', (env, message) => {
    expect(() => loadAppConfig(env)).toThrow(`Invalid environment: ${message}`);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadAppConfig({ PORT: 'x', SCHEDULER_BODY_LIMIT: 'y' })).toThrow(/PORT .*; SCHEDULER_BODY_LIMIT /);
  });
});
