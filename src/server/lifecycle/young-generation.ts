/**
 * Keeps the HTTP thread's young generation (V8's nursery) small. V8 grows it when enough objects
 * survive scavenges and does not shrink it again while the server is busy, so it would stay
 * resident at its maximum (2 × 16 MB on Node 20 and 22).
 *
 * - **Start-up** (`holdYoungGeneration`, before the app's modules load): loading Nest, Express,
 *   Swagger and class-validator (about 1,500 modules) makes objects that live as long as the
 *   process; V8 sees them survive and grows the nursery. Held, it stays at 2 × 2 MB: measured on
 *   `dist/server/main.js` (2 cores, two schedule threads), 133-136 MB at readiness against 150-157.
 * - **Operation** (`settleYoungGeneration`, once the server is up): on Node 20 and 22 it may grow
 *   to `YOUNG_GENERATION_BOUND_MB` and no further (`boundYoungGeneration`); on Node 24 V8 keeps it
 *   at 2 × 8 MB by itself and gets its own growth back (`BOUNDED_UP_TO_V8_MAJOR`). Measured on
 *   Node 20 (2 cores; bench/README.md, "The nursery in operation"): after 600 one-day requests,
 *   with both workers then computing 30 days, the process peaked at 167-174 MB bounded against
 *   184-188 MB; `dummy` through the cluster kept 0.97-0.98 of its throughput (two runs of eight
 *   alternating pairs). The bound was 2 × 4 MB until the twelfth stop, when a bound of 2 × 2 MB
 *   (the start-up size: the nursery no longer grows) measured 154-156 MB against 157-159 (three
 *   alternating pairs), for 1.7 % of `dummy` through the cluster (four runs of eight and ten pairs,
 *   both orders); measured before the rest of that stop's savings it had saved nothing.
 *
 * The only control V8 offers while running is `--semi-space-growth-factor`, which it reads each
 * time it would grow the nursery: 1 keeps it as it is. V8 11 (Node 20) puts the factor back to 2
 * whenever an isolate is created (a worker thread's start: this undid the start-up hold as soon as
 * the pool started), so the module sets it again when any worker thread comes online (the
 * process's `worker` event, then the worker's `online`, by which its isolate is made), while held
 * and while bounded; and because the main thread's own scavenges until then may grow the nursery
 * (on the Fastify platform 2 × 4-8 MB at readiness), each of the pool's threads sets it again as it
 * starts, from `NURSERY_GROWTH_FACTOR_ENV` (scheduler/execution/nursery-growth.ts). The bound also
 * sets it after every collection, from a GC observer (which runs between turns of the event loop),
 * because V8 shrinks the nursery when it finds it idle and may grow it again past the bound in one
 * step from there: seen under three CPU hogs, 4 MB → 2 → 8 with a 4-MB bound, after which the
 * factor is 1 again. So V8 may take it one growth past the bound, to twice the bound at most; in
 * the server, 600 requests and busy phases left it at the bound in every run measured. An operator's own `--semi-space-growth-factor` or `--max-semi-space-size`, on the
 * command line or in `NODE_OPTIONS`, is left alone (then this module does nothing).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import type { Worker } from 'node:worker_threads';
// The file itself, not the module's index: this loads before Nest does (main.ts imports it first).
import { NURSERY_GROWTH_FACTOR_ENV } from '../../scheduler/execution/nursery-growth';

/** The V8 flag this module sets. */
export const GROWTH_FLAG = '--semi-space-growth-factor';

/** V8's default growth factor (`flag-definitions.h`): what the nursery grows with below the bound. */
export const V8_DEFAULT_GROWTH_FACTOR = 2;

/** The young generation's size (both semi-spaces) the bound lets V8 grow it to, in MB. */
export const YOUNG_GENERATION_BOUND_MB = 4;

/**
 * The newest V8 (major version) on which the server bounds the nursery in operation. Measured with
 * both workers busy after 600 one-day requests (alternating runs: three pairs on Node 20, two on
 * Node 22 and 24): Node 20 (V8 11.3)
 * 167-174 MB bounded against 184-188, Node 22 (V8 12.4) 194-203 against 210-214; Node 24 (V8 13.6)
 * 188-195 against 189-195, where V8 settles at 2 × 8 MB in operation by itself and the bound only
 * cost `dummy` 4 % (0.959 through the cluster, six pairs): there the server releases the nursery to
 * V8's own growth once it is up, as before.
 */
export const BOUNDED_UP_TO_V8_MAJOR = 12;

/** The major version of this process's V8 (`process.versions.v8`, e.g. "11.3.244.8-node.33"). */
export function v8Major(version: string = process.versions.v8): number {
  return Number.parseInt(version, 10);
}

/** V8 flags with which an operator sizes the nursery (V8 takes `_` and `-` alike in a flag's name). */
const OPERATOR_FLAGS = [GROWTH_FLAG, '--max-semi-space-size'];

/**
 * Whether the operator sized the nursery, on the command line or in `NODE_OPTIONS` (which takes
 * `--max-semi-space-size`); then this module does nothing.
 */
export function operatorSizedNursery(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env.NODE_OPTIONS ?? ''): boolean {
  return [...execArgv, ...nodeOptions.split(/\s+/)].some((a) => {
    const flag = a.replace(/_/g, '-');
    return OPERATOR_FLAGS.some((f) => flag === f || flag.startsWith(`${f}=`));
  });
}

/** The young generation's current size (both semi-spaces), in bytes. */
export function youngGenerationBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

/** The growth factor that keeps a young generation of `bytes` within `boundBytes`. */
export function growthFactorFor(bytes: number, boundBytes: number): number {
  return bytes >= boundBytes ? 1 : V8_DEFAULT_GROWTH_FACTOR;
}

/** Sets V8's growth factor of the young generation (process-wide). */
function setGrowthFactor(factor: number): void {
  setFlagsFromString(`${GROWTH_FLAG}=${factor}`);
  // For the worker threads started from now on, which set it again as they start.
  process.env[NURSERY_GROWTH_FACTOR_ENV] = String(factor);
}

/** The factor the module keeps while it holds or bounds the nursery (undefined: V8's own growth). */
let kept: (() => number) | undefined;

/** Sets the kept factor again (a worker's start puts V8's factor back to 2). */
function setKeptFactor(): void {
  if (kept) setGrowthFactor(kept());
}

/** The process's `worker` event comes as a worker is made; its isolate exists once it is online. */
function onWorker(worker: Worker): void {
  worker.once('online', setKeptFactor);
}

/** Keeps the growth factor at `factor()` from now on, also across worker starts. */
function keepGrowthFactor(factor: () => number): void {
  if (!kept) process.on('worker', onWorker);
  kept = factor;
  setKeptFactor();
}

/** Gives the young generation back V8's own growth (after a hold or a bound; else does nothing). */
export function releaseYoungGeneration(): void {
  if (!kept) return;
  process.off('worker', onWorker);
  kept = undefined;
  setGrowthFactor(V8_DEFAULT_GROWTH_FACTOR);
  delete process.env[NURSERY_GROWTH_FACTOR_ENV];
}

/** Stops the young generation from growing (call before the server's modules load). */
export function holdYoungGeneration(): void {
  if (kept || operatorSizedNursery()) return;
  keepGrowthFactor(() => 1);
}

/**
 * Once the server is up: the bound (`boundYoungGeneration`) on V8 up to `BOUNDED_UP_TO_V8_MAJOR`,
 * V8's own growth on later ones. Returns a function that stops the bound.
 */
export function settleYoungGeneration(major: number = v8Major()): () => void {
  if (major <= BOUNDED_UP_TO_V8_MAJOR) return boundYoungGeneration();
  releaseYoungGeneration();
  return () => undefined;
}

/**
 * From now on, lets the young generation grow up to `boundMb` and no further. Returns a function
 * that stops the bound and gives V8 its own growth back.
 */
export function boundYoungGeneration(boundMb = YOUNG_GENERATION_BOUND_MB): () => void {
  if (operatorSizedNursery()) return () => undefined;
  const boundBytes = boundMb * 1024 * 1024;
  keepGrowthFactor(() => growthFactorFor(youngGenerationBytes(), boundBytes));
  // After every collection (a scavenge grows the nursery; a full one may shrink it).
  const observer = new PerformanceObserver(setKeptFactor);
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    observer.disconnect();
    releaseYoungGeneration();
  };
}
