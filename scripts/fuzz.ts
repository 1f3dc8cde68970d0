/**
 * The long fuzz run (`npm run fuzz`): the CI properties with many more cases against the
 * production app on loopback.
 *
 *   npm run fuzz -- [--seed N] [--scale K] [--property SUBSTRING] [--workers N]
 *
 * `--seed` (or FUZZ_SEED; default: the clock) is the base seed, property i runs with seed + i;
 * `--scale` (or FUZZ_SCALE; default 50) multiplies each property's CI runs (2,000 × 50 = 100,000
 * cases); `--workers` (or FUZZ_WORKERS; default 0, in-process) computes schedules in that many
 * worker threads, as production does. Prints each property's cases, time and result, and the seed to replay a failure; exits
 * 1 on any failure.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { startFuzzTarget } from '../test/fuzz/harness';
import { checkStillHealthy, FUZZ_PROPERTIES } from '../test/fuzz/properties';

function option(name: string, env: string | undefined): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && i + 1 < process.argv.length) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : env;
}

function integer(name: string, text: string | undefined, fallback: number): number {
  if (text === undefined || text === '') return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n)) {
    console.error(`--${name} must be an integer (got ${JSON.stringify(text)})`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<number> {
  const seed = integer('seed', option('seed', process.env.FUZZ_SEED), Date.now() % 2 ** 31);
  const scale = integer('scale', option('scale', process.env.FUZZ_SCALE), 50);
  const only = option('property', process.env.FUZZ_PROPERTY);
  const workers = integer('workers', option('workers', process.env.FUZZ_WORKERS), 0);
  const dataDir = mkdtempSync(join(tmpdir(), 'fuzz-data-'));
  const prototypeKeys = Object.getOwnPropertyNames(Object.prototype);
  const target = await startFuzzTarget(dataDir, workers);
  console.log(
    `fuzz: base seed ${seed}, scale ${scale}, policies ${[...target.policies.keys()].join(', ')}, ${workers ? `${workers} worker threads` : 'in-process'}`,
  );
  let failures = 0;
  let total = 0;
  const started = Date.now();
  try {
    for (const [i, p] of FUZZ_PROPERTIES.entries()) {
      if (only && !p.name.includes(only)) continue;
      const runs = p.runs * scale;
      const t0 = Date.now();
      const details = await fc.check(p.build(target), { seed: seed + i, numRuns: runs, endOnFailure: true });
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      total += details.numRuns;
      if (details.failed) {
        failures++;
        console.log(`FAIL  ${p.name}: after ${details.numRuns} cases (${secs} s), seed ${seed + i}, path ${details.counterexamplePath}`);
        console.log(`      ${String(details.errorInstance instanceof Error ? details.errorInstance.message : details.errorInstance)}`);
      } else {
        console.log(`ok    ${p.name}: ${details.numRuns} cases in ${secs} s (seed ${seed + i})`);
      }
    }
    await checkStillHealthy(target, prototypeKeys);
    console.log('ok    still answers correctly afterwards; Object.prototype untouched');
  } catch (err) {
    failures++;
    console.log(`FAIL  ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    await target.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(`fuzz: ${total} cases in ${((Date.now() - started) / 1000).toFixed(1)} s, ${failures} failure(s); replay with --seed ${seed}`);
  return failures === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
