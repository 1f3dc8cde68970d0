/**
 * Bounds the HTTP thread's young generation (V8's nursery), which would otherwise grow to its
 * maximum (2 × 16 MB on Node 20, 2 × 32 MB on Node 24) and stay resident for good: V8 grows it when
 * enough objects survive scavenges and never shrinks it again, not even when idle.
 *
 * - **Start-up** (`holdYoungGeneration`, before the app's modules load): loading Nest, Express,
 *   Swagger and class-validator (about 1,500 modules) makes objects that live as long as the
 *   process; V8 sees them survive and grows the nursery. Held, it stays at 2 × 2 MB: measured on
 *   `dist/server/main.js` (2 cores, two schedule threads), 133-136 MB at readiness against 150-157.
 * - **Operation** (`boundYoungGeneration`, once the server is up): it may grow to
 *   `YOUNG_GENERATION_BOUND_MB` and no further. Measured (Node 20, 2 cores; bench/README.md,
 *   "The nursery in operation"): after 600 one-day requests, with both workers then computing 30
 *   days, the process peaked at 167-171 MB bounded against 178-190 MB unbounded; `dummy` through the
 *   cluster kept 0.99 of its throughput (eight alternating pairs). A bound of 2 × 2 MB saved no more
 *   and cost 3 % of `dummy` (scavenges four times as often).
 *
 * The only control V8 offers while running is `--semi-space-growth-factor`, which it reads each time
 * it would grow the nursery: 1 keeps it as it is. V8 11 (Node 20) puts the factor back to 2 whenever
 * an isolate is created (a worker thread's start), so the bound sets it again after every scavenge,
 * from a GC observer, which runs between requests. A worker started while the server runs (the pool
 * replaces a crashed or timed-out one) can let the nursery grow once more before the next scavenge
 * sets the factor again: to twice the bound at most. An operator's own `--semi-space-growth-factor` or `--max-semi-space-size`, on the command
 * line or in `NODE_OPTIONS`, is left alone (then this module does nothing).
 */
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** The V8 flag this module sets. */
export const GROWTH_FLAG = '--semi-space-growth-factor';

/** V8's default growth factor (`flag-definitions.h`): what the nursery grows with below the bound. */
export const V8_DEFAULT_GROWTH_FACTOR = 2;

/** The young generation's size (both semi-spaces) the bound lets V8 grow it to, in MB. */
export const YOUNG_GENERATION_BOUND_MB = 8;

/** V8 flags with which an operator sizes the nursery himself (V8 takes `_` and `-` alike in a name). */
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

/** Whether a `gc` performance entry is of a scavenge (a minor GC: the only one that grows the nursery). */
function isScavenge(entry: PerformanceEntry): boolean {
  return (entry as PerformanceEntry & { readonly detail?: { readonly kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR;
}

let held = false;

/** Stops the young generation from growing (call before the server's modules load). */
export function holdYoungGeneration(): void {
  if (held || operatorSizedNursery()) return;
  setFlagsFromString(`${GROWTH_FLAG}=1`);
  held = true;
}

/**
 * From now on, lets the young generation grow up to `boundMb` and no further (call once the server
 * is up). Returns a function that stops the bound and gives V8 its own growth back.
 */
export function boundYoungGeneration(boundMb = YOUNG_GENERATION_BOUND_MB): () => void {
  if (operatorSizedNursery()) return () => undefined;
  const boundBytes = boundMb * 1024 * 1024;
  const apply = (): void => setFlagsFromString(`${GROWTH_FLAG}=${growthFactorFor(youngGenerationBytes(), boundBytes)}`);
  apply();
  held = false;
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().some(isScavenge)) apply();
  });
  observer.observe({ entryTypes: ['gc'] });
  return () => {
    observer.disconnect();
    setFlagsFromString(`${GROWTH_FLAG}=${V8_DEFAULT_GROWTH_FACTOR}`);
  };
}
