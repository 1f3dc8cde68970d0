/**
 * What a fresh worker computes before it takes requests, so that the first request after
 * readiness costs about what later ones do: the compiled code of every stage (V8 optimises a
 * function only after it has run a few times), the parsed master schedule of the data directory,
 * and the ephemeris tables of today (where most requests fall). Results are thrown away; the
 * caches they fill never change a result, only its cost.
 */
import { closeSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { PolicyContext } from '../../policy';
import { TOAST_COLUMNS, TOAST_HEADER_LINES } from '../../toast/parse';
import { MASTER_CACHE_SIZE } from '../../toast/load';
import { parseUtcString } from '../../time/format';
import type { Micros } from '../../time/micros';
import type { SafetyFloors } from '../../safety/floors';
import { resolvePolicyConfig } from '../../config/resolve';
import { basicPolicy } from './basic-policy';

/** One warm-up computation (the shape of the executors' jobs). */
export interface WarmupJob {
  readonly policy: string;
  readonly t0: Micros;
  readonly t1: Micros;
  readonly config: unknown;
  readonly ctx: PolicyContext;
}

const HOUR_US = 3_600_000_000;
const DAY_US = 24 * HOUR_US;
const DAY_MS = 86_400_000;

/** 2023-03-01T00:00Z: the hour of the planner's warm-up. */
export const WARMUP_T0: Micros = Date.UTC(2023, 2, 1) * 1000;

/**
 * One-day runs on the master schedules' own days, in all (spread over the files, at least one
 * each). V8 optimises a function only after it has run often enough, and much of `basic` runs once
 * or a few times a schedule (the moves, the checker, the script): six runs were enough before the
 * move checks; after eighteen a worker's first fifteen one-day requests of another day still took
 * 3.0-4.7 ms (median, two runs) against 2.7 warm, and functions were still being optimised until
 * about the fortieth; after sixty, 2.7-2.9 ms from the first (a worker with the pool's limits).
 * The warm-up takes about 0.55 s instead of 0.35 s (both workers at once, on their own cores).
 */
export const WARMUP_RUNS = 60;

/** Bytes read from a data file to recognise a TOAST master schedule. */
const SNIFF_BYTES = 4096;

/** Start of the first data row when `file` looks like a TOAST master schedule, else undefined. */
function firstRowStart(file: string): Micros | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const buf = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buf, 0, SNIFF_BYTES, 0);
    const row = buf.toString('utf8', 0, n).split('\n')[TOAST_HEADER_LINES];
    if (row === undefined) return undefined;
    return parseUtcString(row.slice(...TOAST_COLUMNS.startUtc).trim());
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The files of `dataDir` that look like TOAST master schedules (by their first data row), in name
 * order, at most as many as the parsed-file cache keeps, with that row's start.
 */
export function masterFilesIn(dataDir: string): { readonly name: string; readonly start: Micros }[] {
  let names: string[];
  try {
    names = readdirSync(dataDir).sort();
  } catch {
    return [];
  }
  const out: { name: string; start: Micros }[] = [];
  for (const name of names) {
    if (out.length >= MASTER_CACHE_SIZE) break;
    const file = join(dataDir, name);
    try {
      if (!statSync(file).isFile()) continue;
    } catch {
      continue;
    }
    const start = firstRowStart(file);
    if (start !== undefined) out.push({ name, start });
  }
  return out;
}

/**
 * The warm-up of a worker that runs `basic`: an hour with the generated master schedule (the
 * planner), then `WARMUP_RUNS` one-day schedules shared among the master schedule files of
 * `dataDir`, each file's from its first day on (its parse, and the compiled code of a full day),
 * and the day from today's midnight (the ephemeris tables of the days most requests ask for).
 */
export function basicWarmupJobs(dataDir: string, floors: SafetyFloors, now: Date = new Date()): WarmupJob[] {
  const ctx = (seed: string): PolicyContext => ({ dataDir, seed: `warm-up|${seed}`, now, floors });
  // Configs made as a request's are (merged over the defaults, validated): objects of the same
  // shapes, so the code V8 optimises on them fits the requests that follow.
  const configOf = (request: Record<string, unknown>): unknown => resolvePolicyConfig(basicPolicy, { config: request }).config;
  const jobs: WarmupJob[] = [{ policy: 'basic', t0: WARMUP_T0, t1: WARMUP_T0 + HOUR_US, config: configOf({}), ctx: ctx('planner') }];
  const files = masterFilesIn(dataDir);
  const daysPerFile = Math.ceil(WARMUP_RUNS / Math.max(1, files.length));
  for (const { name, start } of files) {
    const config = configOf({ master_schedule: name });
    const day0 = Math.floor(start / DAY_US) * DAY_US;
    for (let d = 0; d < daysPerFile; d++) {
      jobs.push({ policy: 'basic', t0: day0 + d * DAY_US, t1: day0 + (d + 1) * DAY_US, config, ctx: ctx(`${name}|${d}`) });
    }
  }
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_US;
  const config = configOf(files.length > 0 ? { master_schedule: files[0].name } : {});
  jobs.push({ policy: 'basic', t0: today, t1: today + DAY_US, config, ctx: ctx('today') });
  return jobs;
}
