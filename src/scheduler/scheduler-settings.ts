/**
 * Applies the defaults (`SCHEDULER_DEFAULTS`) to `SchedulerModuleOptions` and checks them once at
 * start-up, so a bad option stops the app with a clear message instead of failing requests.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import bytes from 'bytes';
import { isPlainObject, MAX_CONFIG_DEPTH, MAX_CONFIG_NODES } from '../core/config/merge';
import { floorsProblem } from '../core/safety/floors';
import { SCHEDULER_DEFAULTS } from './scheduler.constants';
import type { SchedulerModuleOptions, SchedulerSettings } from './scheduler-options.interface';

// bytes.parse reads any leading integer ("1m" would be 1 byte, " 1mb" too): a size must be digits
// with an optional unit, so that a typo stops the start-up instead of refusing every request.
const BYTE_SIZE = /^\d+(\.\d+)?\s*([kmgtp]?b)?$/i;

/** Bytes of a size in body-parser syntax (`100kb`, `1mb`, `2048`, read by `bytes`); `undefined` unless positive. */
export function parseByteSize(size: string | number): number | undefined {
  if (typeof size === 'string' && !BYTE_SIZE.test(size.trim())) return undefined;
  const n = bytes.parse(typeof size === 'string' ? size.trim() : size);
  return n !== null && Number.isSafeInteger(n) && n > 0 ? n : undefined;
}

/** The number of worker threads when `workerThreads` is not given: one per core. */
export function defaultWorkerThreads(): number {
  return availableParallelism();
}

function integerOption(name: string, value: unknown, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new Error(`SchedulerModule option ${name} must be an integer from 1 to ${max} (got ${String(value)})`);
  }
  return value;
}

/** Returns the settings for `options`, or throws an `Error` naming the bad option. */
export function resolveSchedulerSettings(options: SchedulerModuleOptions = {}): SchedulerSettings {
  const d = SCHEDULER_DEFAULTS;
  const maxWindowDays = options.maxWindowDays ?? d.maxWindowDays;
  if (typeof maxWindowDays !== 'number' || !Number.isFinite(maxWindowDays) || maxWindowDays <= 0) {
    throw new Error(`SchedulerModule option maxWindowDays must be a positive number (got ${String(maxWindowDays)})`);
  }
  const limit = options.bodyLimit ?? d.bodyLimit;
  const bodyLimitBytes = parseByteSize(limit);
  if (bodyLimitBytes === undefined) {
    throw new Error(`SchedulerModule option bodyLimit must be a size such as "1mb" or 65536 (got ${String(limit)})`);
  }
  const dataDir = options.dataDir ?? d.dataDir;
  if (typeof dataDir !== 'string' || dataDir === '') {
    throw new Error('SchedulerModule option dataDir must be a non-empty path');
  }
  const presets = options.presets ?? d.presets;
  if (!isPlainObject(presets) || !Object.values(presets).every(isPlainObject)) {
    throw new Error('SchedulerModule option presets must map policy names to objects of named configs');
  }
  const maxConfigDepth = integerOption('maxConfigDepth', options.maxConfigDepth ?? d.maxConfigDepth, MAX_CONFIG_DEPTH);
  const maxConfigValues = integerOption('maxConfigValues', options.maxConfigValues ?? d.maxConfigValues, MAX_CONFIG_NODES);
  const maxCalibrationTargets = integerOption(
    'maxCalibrationTargets',
    options.maxCalibrationTargets ?? d.maxCalibrationTargets,
    Number.MAX_SAFE_INTEGER,
  );
  const workerThreads = options.workerThreads ?? defaultWorkerThreads();
  const queueLimit = options.queueLimit ?? d.queueLimit;
  const timeLimitMs = options.timeLimitMs ?? d.timeLimitMs;
  for (const [name, value, min] of [
    ['workerThreads', workerThreads, 0],
    ['queueLimit', queueLimit, 0],
    ['timeLimitMs', timeLimitMs, 1],
  ] as const) {
    if (!Number.isInteger(value) || value < min) {
      throw new Error(`SchedulerModule option ${name} must be an integer of at least ${min} (got ${String(value)})`);
    }
  }
  const inProcessPolicies = options.inProcessPolicies ?? d.inProcessPolicies;
  if (!Array.isArray(inProcessPolicies) || !inProcessPolicies.every((p) => typeof p === 'string')) {
    throw new Error('SchedulerModule option inProcessPolicies must be an array of policy names');
  }
  const floors = {
    sunDistanceDeg: options.sunFloorDeg ?? d.sunFloorDeg,
    mountElLimits: options.mountElLimits ?? d.mountElLimits,
    mountAzLimits: options.mountAzLimits ?? d.mountAzLimits,
  };
  const floorError = floorsProblem(floors, {
    sun: 'SchedulerModule option sunFloorDeg',
    el: 'SchedulerModule option mountElLimits',
    az: 'SchedulerModule option mountAzLimits',
  });
  if (floorError) throw new Error(floorError);
  return Object.freeze({
    floors: Object.freeze({
      sunDistanceDeg: floors.sunDistanceDeg,
      mountElLimits: Object.freeze([floors.mountElLimits[0], floors.mountElLimits[1]]) as readonly [number, number],
      mountAzLimits: Object.freeze([floors.mountAzLimits[0], floors.mountAzLimits[1]]) as readonly [number, number],
    }),
    workerThreads,
    queueLimit,
    timeLimitMs,
    inProcessPolicies: Object.freeze([...inProcessPolicies]),
    warmup: options.warmup ?? d.warmup,
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
