/**
 * Keeps the HTTP thread's young generation at V8's initial size while the server starts. Loading
 * Nest, Express, Swagger and class-validator (about 1,500 modules) makes objects that all live as
 * long as the process; V8 sees them survive and doubles the nursery up to its 2 × 16 MB maximum,
 * which then stays resident although the running server allocates little per request. Measured on
 * `dist/server/main.js` (2 cores, two schedule threads): 150-157 MB at readiness with the grown
 * nursery, 133-136 MB without; a `basic` request takes the same time either way.
 *
 * Once the server is up, V8's own growth comes back (`releaseYoungGeneration`). The hold is a
 * start-up measure only: in operation V8 grew the nursery to 25 MB even with the hold kept (600
 * one-day requests, measured); bench/README.md ("Memory in operation") has what bounding it in
 * operation saves and costs.
 *
 * V8 reads `--semi-space-growth-factor` each time it would grow the nursery (a plain integer, no
 * other state hangs on it), so setting it while running is safe; an operator's own value of the
 * flag on the command line is left alone. Checked on Node 20 (V8 11.3) and Node 24 (V8 13.6, where
 * the nursery would otherwise grow to 2 × 32 MB).
 */
import { setFlagsFromString } from 'node:v8';

/** The V8 flag this module sets. */
export const GROWTH_FLAG = '--semi-space-growth-factor';

/** V8's default growth factor (`flag-definitions.h`), put back once the server is up. */
export const V8_DEFAULT_GROWTH_FACTOR = 2;

/** Whether the operator set the growth factor on the command line (then this module does nothing; Node refuses it in `NODE_OPTIONS`). */
export function operatorSetGrowth(execArgv: readonly string[] = process.execArgv): boolean {
  // V8 takes `_` and `-` alike inside a flag's name.
  return execArgv.some((a) => a.replace(/_/g, '-').startsWith(GROWTH_FLAG));
}

let held = false;

/** Stops the young generation from growing (call before the server's modules load). */
export function holdYoungGeneration(): void {
  if (held || operatorSetGrowth()) return;
  setFlagsFromString(`${GROWTH_FLAG}=1`);
  held = true;
}

/** Gives the young generation back V8's own growth (call once the server is up). */
export function releaseYoungGeneration(): void {
  if (!held) return;
  setFlagsFromString(`${GROWTH_FLAG}=${V8_DEFAULT_GROWTH_FACTOR}`);
  held = false;
}
