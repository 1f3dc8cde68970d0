/**
 * Measures the fast ephemeris (`src/core/astro/track.ts`): its interpolation error against
 * the exact `horizontal` over a year for every body (random instants, and each body's highest
 * transit, where azimuth turns fastest), its cost per position, and the cost of building nodes.
 * Run: `npx ts-node --transpile-only -P tsconfig.json bench/astro-track.ts [year] [samples]`.
 */
import { horizontal } from '../src/core/astro/ephemeris';
import { geocentricApparent } from '../src/core/astro/geocentric';
import { clearNodeCache } from '../src/core/astro/node-cache';
import { BODY_NAMES, type BodyName } from '../src/core/astro/site';
import { azAlt, sampleAzAlt } from '../src/core/astro/track';

const year = Number(process.argv[2] ?? 2025);
const samples = Number(process.argv[3] ?? 20_000);
const Y0 = Date.UTC(year, 0, 1) / 1000;
const Y1 = Date.UTC(year + 1, 0, 1) / 1000;

/** Park-Miller generator, so that runs are repeatable. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 48_271) % 2_147_483_647) / 2_147_483_647;
}

function compare(body: BodyName, times: number[]) {
  const fast = azAlt(body, times);
  let alt = 0;
  let az = 0;
  let sky = 0;
  times.forEach((t, i) => {
    const e = horizontal(body, t);
    const dAz = Math.abs(((fast.az[i] - e.az + 540) % 360) - 180);
    alt = Math.max(alt, Math.abs(fast.alt[i] - e.alt));
    az = Math.max(az, dAz);
    sky = Math.max(sky, dAz * Math.cos((e.alt * Math.PI) / 180));
  });
  return { alt, az, sky };
}

const rows: Record<string, Record<string, string>> = {};
for (const body of BODY_NAMES) {
  const rnd = seeded(1 + BODY_NAMES.indexOf(body));
  const random = compare(body, Array.from({ length: samples }, () => Y0 + rnd() * (Y1 - Y0)));
  const coarse = Array.from({ length: Math.floor((Y1 - Y0) / 600) }, (_, i) => Y0 + 600 * i);
  const c = azAlt(body, coarse);
  const top = coarse[c.alt.indexOf(Math.max(...c.alt))];
  const fine = Array.from({ length: 2401 }, (_, i) => top - 1200 + i);
  const f = azAlt(body, fine);
  const peak = fine[f.alt.indexOf(Math.max(...f.alt))];
  const zenith = compare(body, Array.from({ length: 1801 }, (_, i) => peak - 1800 + 2 * i + 0.37));
  rows[body] = {
    'random alt°': random.alt.toExponential(1),
    'random az°': random.az.toExponential(1),
    'random sky°': random.sky.toExponential(1),
    'top transit': new Date(peak * 1000).toISOString().slice(0, 19),
    'top alt°': Math.max(...f.alt).toFixed(3),
    'top alt err°': zenith.alt.toExponential(1),
    'top az err°': zenith.az.toExponential(1),
  };
}
console.table(rows);

const nodeCost: Record<string, string> = {};
for (const body of BODY_NAMES) {
  const start = performance.now();
  for (let i = 0; i < 500; i++) geocentricApparent(body, Y0 + 10_800 * i);
  nodeCost[body] = `${(((performance.now() - start) / 500) * 1000).toFixed(1)} µs`;
}
console.log('exact evaluation (one node):', nodeCost);

const t0 = Date.UTC(year, 4, 1) * 1e6;
const t1 = t0 + 30 * 86_400 * 1e6;
clearNodeCache();
let start = performance.now();
const r = sampleAzAlt('sun', t0, t1, 10);
const cold = performance.now() - start;
const warm: number[] = [];
for (let k = 0; k < 5; k++) {
  start = performance.now();
  sampleAzAlt('sun', t0, t1, 10);
  warm.push(performance.now() - start);
}
const best = Math.min(...warm);
console.log(
  `Sun, 30 days at 10 s: ${r.t.length} positions; cold cache ${cold.toFixed(1)} ms, warm ` +
    `${warm.map((w) => w.toFixed(1)).join(' / ')} ms; ` +
    `${((r.t.length / best) * 1000 / 1e6).toFixed(2)} M positions/s (best warm)`,
);
