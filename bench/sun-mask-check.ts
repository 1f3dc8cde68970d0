/**
 * The skipping Sun mask against the exhaustive one, over a whole year: `npx ts-node --transpile-only
 * bench/sun-mask-check.ts [YEAR]` (after `npm run build`). Every master scan of the reference master
 * schedule and every passage of five bodies, at 10 s and 30 s and with four sets of angles: the
 * mask `sunSafeMaskFast` computes (evaluating positions only where its rate bounds cannot decide)
 * must equal `sunSafeMask` on every sample. Prints the counts; exits 1 on any difference.
 */
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const DIST = path.join(ROOT, 'dist');

interface Block {
  readonly t0: number;
  readonly t1: number;
}

function main(): void {
  const year = Number(process.argv[2] ?? 2023);
  const dataDir = path.resolve(process.env.SCHEDULER_REFERENCE_DIR ?? path.join(ROOT, '..', 'shared', 'reference'));
  const track = require(path.join(DIST, 'core/astro/track.js')) as {
    sampleGrid(t0: number, t1: number, step: number): Float64Array;
    sampleAzAlt(body: string, t0: number, t1: number, step: number): { t: Float64Array; az: Float64Array; alt: Float64Array };
  };
  const sun = require(path.join(DIST, 'core/rules/sun-avoidance.js')) as {
    sunSafeMaskFast(b: Block, t: Float64Array, p: object): boolean[] | null;
    sunSafeMask(b: Block, t: Float64Array, az: Float64Array, alt: Float64Array, p: object): boolean[] | null;
  };
  const { sourceGetBlocks } = require(path.join(DIST, 'core/astro/events.js')) as { sourceGetBlocks(body: string, t0: number, t1: number): Block[] };
  const { loadMasterSchedule } = require(path.join(DIST, 'core/toast/load.js')) as { loadMasterSchedule(spec: string, dir: string): Block[] };
  const t0 = Date.UTC(year, 0, 1) * 1000;
  const t1 = Date.UTC(year + 1, 0, 1) * 1000;
  const blocks: Block[] = [
    ...loadMasterSchedule('schedule_sat.txt', dataDir).filter((b) => b.t1 > t0 && b.t0 < t1),
    ...['uranus', 'saturn', 'moon', 'venus', 'mercury'].flatMap((b) => sourceGetBlocks(b, t0, t1)),
  ];
  const params = [
    { min_angle_az: 6, min_angle_alt: 6 },
    { min_angle_az: 20, min_angle_alt: 15 },
    { min_angle_az: 45, min_angle_alt: 45 },
    { min_angle_az: 0, min_angle_alt: 2 },
  ];
  let masks = 0;
  let samples = 0;
  let differing = 0;
  for (const p of params) {
    for (const step of [10, 30]) {
      for (const b of blocks) {
        const t = track.sampleGrid(b.t0, b.t1, step);
        if (t.length === 0) continue;
        const s = track.sampleAzAlt('sun', b.t0, b.t1, step);
        const fast = sun.sunSafeMaskFast(b, t, p);
        const full = sun.sunSafeMask(b, s.t, s.az, s.alt, p);
        masks++;
        samples += t.length;
        if (fast === null || full === null || fast.some((x, i) => x !== full[i])) differing++;
      }
    }
  }
  console.log(`${year}: ${masks} masks (${blocks.length} blocks x ${params.length} angle sets x 2 steps), ${samples} samples: ${differing === 0 ? 'all equal' : `${differing} DIFFER`}`);
  if (differing > 0) process.exitCode = 1;
}

main();
