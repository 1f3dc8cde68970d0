import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseByteSize, resolveSchedulerSettings } from './scheduler-settings';
import { normalizeRoutePrefix } from './scheduler.module-definition';

describe('parseByteSize', () => {
  it.each<[string | number, number | undefined]>([
    ['1mb', 1024 * 1024],
    ['512kb', 512 * 1024],
    ['1.5KB', 1536],
    ['2048', 2048],
    [' 10 b ', 10],
    [4096, 4096],
    ['0', undefined],
    ['-1mb', undefined],
    ['lots', undefined],
    [1.5, undefined],
  ])('reads %p as %p bytes', (text, bytes) => {
    expect(parseByteSize(text)).toBe(bytes);
  });
});

describe('resolveSchedulerSettings', () => {
  it('applies the defaults', () => {
    expect(resolveSchedulerSettings()).toEqual({
      maxWindowDays: 31,
      bodyLimit: '1mb',
      bodyLimitBytes: 1024 * 1024,
      dataDir: resolve('./data'),
      presets: {},
      maxConfigDepth: 16,
      maxConfigValues: 10_000,
      maxCalibrationTargets: 32,
      workerThreads: availableParallelism(),
      queueLimit: 64,
      timeLimitMs: 30_000,
      inProcessPolicies: ['dummy'],
      warmup: true,
      floors: { sunDistanceDeg: 10, mountElLimits: [20, 90], mountAzLimits: [-90, 480] },
    });
  });

  it('takes the operator floors from sunFloorDeg, mountElLimits and mountAzLimits', () => {
    const s = resolveSchedulerSettings({ sunFloorDeg: 0, mountElLimits: [-90, 90], mountAzLimits: [-720, 720] });
    expect(s.floors).toEqual({ sunDistanceDeg: 0, mountElLimits: [-90, 90], mountAzLimits: [-720, 720] });
    expect(Object.isFrozen(s.floors.mountElLimits)).toBe(true);
    expect(Object.isFrozen(s.floors.mountAzLimits)).toBe(true);
  });

  it('keeps the config limits given', () => {
    expect(resolveSchedulerSettings({ maxConfigDepth: 4, maxConfigValues: 50, maxCalibrationTargets: 3 })).toMatchObject({
      maxConfigDepth: 4,
      maxConfigValues: 50,
      maxCalibrationTargets: 3,
    });
  });

  it.each([
    [{ workerThreads: -1 }, /workerThreads must be an integer of at least 0/],
    [{ queueLimit: 1.5 }, /queueLimit must be an integer of at least 0/],
    [{ timeLimitMs: 0 }, /timeLimitMs must be an integer of at least 1/],
    [{ inProcessPolicies: 'dummy' as unknown as string[] }, /inProcessPolicies must be an array/],
  ])('rejects %p', (options, message) => {
    expect(() => resolveSchedulerSettings(options)).toThrow(message);
  });

  it('keeps given options and freezes the result', () => {
    const s = resolveSchedulerSettings({ maxWindowDays: 2, bodyLimit: 1000, dataDir: '/srv/data', presets: { dummy: {} } });
    expect(s).toMatchObject({ maxWindowDays: 2, bodyLimit: '1000 bytes', bodyLimitBytes: 1000, dataDir: '/srv/data' });
    expect(Object.isFrozen(s)).toBe(true);
  });

  it.each([
    [{ maxWindowDays: 0 }, /maxWindowDays must be a positive number/],
    [{ maxWindowDays: Number.NaN }, /maxWindowDays must be a positive number/],
    [{ bodyLimit: 'big' }, /bodyLimit must be a size such as "1mb"/],
    [{ dataDir: '' }, /dataDir must be a non-empty path/],
    [{ presets: { dummy: [] } as never }, /presets must map policy names/],
    [{ maxConfigDepth: 17 }, /maxConfigDepth must be an integer from 1 to 16 \(got 17\)/],
    [{ maxConfigDepth: 0 }, /maxConfigDepth must be an integer from 1 to 16/],
    [{ maxConfigValues: 10_001 }, /maxConfigValues must be an integer from 1 to 10000/],
    [{ maxCalibrationTargets: 1.5 }, /maxCalibrationTargets must be an integer/],
    [{ sunFloorDeg: 91 }, /sunFloorDeg must be a number of degrees from 0 to 90 \(got 91\)/],
    [{ mountElLimits: [30, 20] as const }, /mountElLimits must be two elevations "low,high" with -90 <= low <= high <= 90 \(got \[30,20\]\)/],
    [{ mountAzLimits: [-900, 480] as const }, /mountAzLimits must be two azimuths "low,high" with -720 <= low <= high <= 720 \(got \[-900,480\]\)/],
  ])('rejects %p naming the option', (options, re) => {
    expect(() => resolveSchedulerSettings(options)).toThrow(re);
  });
});

describe('normalizeRoutePrefix', () => {
  it('strips slashes and applies the default', () => {
    expect(normalizeRoutePrefix(undefined)).toBe('api/v1');
    expect(normalizeRoutePrefix('/observatory/')).toBe('observatory');
    expect(normalizeRoutePrefix('api/v2')).toBe('api/v2');
  });
});
