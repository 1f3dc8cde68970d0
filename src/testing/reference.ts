/**
 * Access to the reference data in `../shared/reference` (never copied into the repo). Tests that
 * need it use `describeWithReference`, which says plainly when the folder is absent and skips.
 * `SCHEDULER_REFERENCE_DIR` overrides the location.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Absolute path of the reference folder (it may not exist). */
export const REFERENCE_DIR = resolve(
  process.env.SCHEDULER_REFERENCE_DIR ?? join(__dirname, '..', '..', '..', 'shared', 'reference'),
);

/** True when the reference folder is present. */
export const hasReference = existsSync(REFERENCE_DIR);

/** Reads a file of the reference folder as text. */
export function readReferenceText(relPath: string): string {
  return readFileSync(join(REFERENCE_DIR, relPath), 'utf8');
}

/** Reads and parses a JSON file of the reference folder. */
export function readReferenceJson<T = unknown>(relPath: string): T {
  return JSON.parse(readReferenceText(relPath)) as T;
}

/**
 * `describe` when the reference folder is present; otherwise a block with one to-do whose name says why,
 * plus one line on stderr so the skip is visible in CI output.
 */
export function describeWithReference(name: string, fn: () => void): void {
  if (hasReference) {
    describe(name, fn);
  } else {
    process.stderr.write(`SKIPPED "${name}": reference data not found at ${REFERENCE_DIR}\n`);
    // The block's body is not run at all: it may read reference files while collecting tests.
    describe(`${name} (SKIPPED: no reference data at ${REFERENCE_DIR})`, () => {
      test.todo(`needs the reference data at ${REFERENCE_DIR}`);
    });
  }
}

/** One scan of a reference schedule (`basic/*.json` → `blocks`). */
export interface ReferenceBlock {
  name: string;
  t0: string;
  t1: string;
  az: number;
  alt: number;
  throw: number;
}

/** A schedule of the original `basic` policy (`basic/*.json`): request, script and its scans. */
export interface ReferenceRun {
  name: string;
  t0: string;
  t1: string;
  config: Record<string, unknown>;
  elapsed_s: number;
  commands: string;
  blocks: ReferenceBlock[];
}

/** The reference runs of the original `basic` policy. */
export const REFERENCE_BASIC_FILES = ['p1-2023-01-01.json', 'p2-2023-05-20.json', 'p3-2023-01-01-random.json'] as const;
