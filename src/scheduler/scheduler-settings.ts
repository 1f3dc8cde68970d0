/**
 * Applies the defaults to `SchedulerModuleOptions` and checks them once at start-up, so a bad
 * option stops the app with a clear message instead of failing requests.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isPlainObject, MAX_CONFIG_DEPTH, MAX_CONFIG_NODES } from '../core/config/merge';
import { DEFAULT_CONFIG_LIMITS } from '../core/config/limits';
import { DEFAULT_SAFETY_FLOORS, floorsProblem } from '../core/safety/floors';
import {
  DEFAULT_BODY_LIMIT,
  DEFAULT_DATA_DIR,
  DEFAULT_IN_PROCESS_POLICIES,
  DEFAULT_MAX_WINDOW_DAYS,
  DEFAULT_QUEUE_LIMIT,
  DEFAULT_TIME_LIMIT_MS,
} from './scheduler.constants';
import type { SchedulerModuleOptions, SchedulerSettings } from './scheduler-options.interface';

const UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3 };

/** Bytes of a size in body-parser syntax (`100kb`, `1mb`, `2048`); `undefined` when unreadable. */
export function parseByteSize(size: string | number): number | undefined {
  if (typeof size === 'number') return Number.isInteger(size) && size > 0 ? size : undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(b|kb|mb|gb)?\s*$/i.exec(size);
  if (!m) return undefined;
  const bytes = Math.floor(Number(m[1]) * UNITS[(m[2] ?? 'b').toLowerCase()]);
  return bytes > 0 ? bytes : undefined;
}

function integerOption(name: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`SchedulerModule option ${name} must be an integer from 1 to ${max} (got ${String(value)})`);
  }
  return value;
}

/** Returns the settings for `options`, or throws an `Error` naming the bad option. */
export function resolveSchedulerSettings(options: SchedulerModuleOptions = {}): SchedulerSettings {
  const maxWindowDays = options.maxWindowDays ?? DEFAULT_MAX_WINDOW_DAYS;
  if (typeof maxWindowDays !== 'number' || !Number.isFinite(maxWindowDays) || maxWindowDays <= 0) {
    throw new Error(`SchedulerModule option maxWindowDays must be a positive number (got ${String(maxWindowDays)})`);
  }
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const bodyLimitBytes = parseByteSize(limit);
  if (bodyLimitBytes === undefined) {
    throw new Error(`SchedulerModule option bodyLimit must be a size such as "1mb" or 65536 (got ${String(limit)})`);
  }
  const dataDir = options.dataDir ?? DEFAULT_DATA_DIR;
  if (typeof dataDir !== 'string' || dataDir === '') {
    throw new Error('SchedulerModule option dataDir must be a non-empty path');
  }
  const presets = options.presets ?? {};
  if (!isPlainObject(presets) || !Object.values(presets).every(isPlainObject)) {
    throw new Error('SchedulerModule option presets must map policy names to objects of named configs');
  }
  const maxConfigDepth = integerOption('maxConfigDepth', options.maxConfigDepth ?? DEFAULT_CONFIG_LIMITS.maxDepth, MAX_CONFIG_DEPTH);
  const maxConfigValues = integerOption('maxConfigValues', options.maxConfigValues ?? DEFAULT_CONFIG_LIMITS.maxValues, MAX_CONFIG_NODES);
  const maxCalibrationTargets = integerOption(
    'maxCalibrationTargets',
    options.maxCalibrationTargets ?? DEFAULT_CONFIG_LIMITS.maxTargets,
    Number.MAX_SAFE_INTEGER,
  );
  const workerThreads = options.workerThreads ?? availableParallelism();
  const queueLimit = options.queueLimit ?? DEFAULT_QUEUE_LIMIT;
  const timeLimitMs = options.timeLimitMs ?? DEFAULT_TIME_LIMIT_MS;
  for (const [name, value, min] of [
    ['workerThreads', workerThreads, 0],
    ['queueLimit', queueLimit, 0],
    ['timeLimitMs', timeLimitMs, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min) {
      throw new Error(`SchedulerModule option ${name} must be an integer of at least ${min} (got ${String(value)})`);
    }
  }
  const inProcessPolicies = options.inProcessPolicies ?? DEFAULT_IN_PROCESS_POLICIES;
  if (!Array.isArray(inProcessPolicies) || !inProcessPolicies.every((p) => typeof p === 'string')) {
    throw new Error('SchedulerModule option inProcessPolicies must be an array of policy names');
  }
  const floors = {
    sunDistanceDeg: options.sunFloorDeg ?? DEFAULT_SAFETY_FLOORS.sunDistanceDeg,
    mountElLimits: options.mountElLimits ?? DEFAULT_SAFETY_FLOORS.mountElLimits,
  };
  const floorError = floorsProblem(floors, { sun: 'SchedulerModule option sunFloorDeg', el: 'SchedulerModule option mountElLimits' });
  if (floorError) throw new Error(floorError);
  return Object.freeze({
    floors: Object.freeze({
      sunDistanceDeg: floors.sunDistanceDeg,
      mountElLimits: Object.freeze([floors.mountElLimits[0], floors.mountElLimits[1]]) as readonly [number, number],
    }),
    workerThreads,
    queueLimit,
    timeLimitMs,
    inProcessPolicies: Object.freeze([...inProcessPolicies]),
    warmup: options.warmup ?? true,
    maxWindowDays,
    bodyLimit: typeof limit === 'number' ? `${limit} bytes` : limit.trim(),
    bodyLimitBytes,
    dataDir: resolve(dataDir),
    presets,
    maxConfigDepth,
    maxConfigValues,
    maxCalibrationTargets,
  });
}
