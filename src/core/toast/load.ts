/**
 * Resolves the `master_schedule` config value: inline TOAST text, or a file name inside the
 * server's data directory (never an arbitrary path). Parsed files are cached by identity and
 * modification stamp, so the cache cannot change a result.
 */
import { realpathSync, statSync, type BigIntStats } from 'node:fs';

// The C library's realpath: the same canonical path as Node's own walk through each component
// (one lstat a component, in JavaScript), a third of the time. Resolved again at every call, so a
// file or symlink replaced on disk is seen at once.
const realpath = realpathSync.native;
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { LruCache } from '../cache/lru-cache';
import type { ScanBlock } from '../blocks/types';
import { ScheduleInputError } from '../errors';
import { parseToast } from './parse';
import { readTextFile } from './read-text';

const PATH = 'config.master_schedule';
const OUTSIDE = 'master_schedule must name a file inside the data directory';
/** Parsed files kept at most. */
export const MASTER_CACHE_SIZE = 8;

// Values are frozen arrays of frozen blocks, and the key changes whenever the file does, so a hit
// always equals a fresh parse.
const cache = new LruCache<string, readonly ScanBlock[]>(MASTER_CACHE_SIZE);

/** Empties the parsed-file cache (tests and memory-pressure hooks). */
export function clearMasterScheduleCache(): void {
  cache.clear();
}

function inside(dir: string, p: string): boolean {
  const rel = relative(dir, p);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

function notFound(spec: string): never {
  throw new ScheduleInputError(`master_schedule file "${spec}" was not found in the data directory`, PATH);
}

/**
 * The master schedule named by `spec`: parsed inline text when `spec` contains a newline,
 * otherwise the file `spec` inside `dataDir` (relative, no escape by `..` or symlinks).
 * The result is frozen; errors never reveal the server's paths.
 */
export function loadMasterSchedule(spec: string, dataDir: string): readonly ScanBlock[] {
  if (spec.includes('\n')) return Object.freeze(parseToast(spec, { source: 'master_schedule (inline)' }));
  if (spec.trim() === '' || spec.includes('\0') || isAbsolute(spec)) {
    throw new ScheduleInputError(OUTSIDE, PATH);
  }
  let dir: string;
  try {
    dir = realpath(dataDir);
  } catch {
    return notFound(spec);
  }
  const candidate = resolve(dir, spec);
  if (!inside(dir, candidate)) throw new ScheduleInputError(OUTSIDE, PATH);
  let real: string;
  let st: BigIntStats;
  try {
    real = realpath(candidate);
    st = statSync(real, { bigint: true });
  } catch {
    return notFound(spec);
  }
  if (!inside(dir, real)) throw new ScheduleInputError(OUTSIDE, PATH);
  if (!st.isFile()) {
    throw new ScheduleInputError(`master_schedule "${spec}" is not a file in the data directory`, PATH);
  }

  const key = [real, st.dev, st.ino, st.size, st.mtimeNs, st.ctimeNs].join('\0');
  const hit = cache.get(key);
  if (hit) return hit;
  let text: string;
  try {
    text = readTextFile(real);
  } catch {
    return notFound(spec);
  }
  const blocks = Object.freeze(parseToast(text, { source: `master_schedule "${spec}"` }));
  cache.set(key, blocks);
  return blocks;
}
