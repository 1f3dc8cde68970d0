import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { childModuleDir } from '../../testing/child-module';
import {
  BOUNDED_UP_TO_V8_MAJOR,
  GROWTH_FLAG,
  growthFactorFor,
  operatorSizedNursery,
  v8Major,
  V8_DEFAULT_GROWTH_FACTOR,
  YOUNG_GENERATION_BOUND_MB,
} from './young-generation';

/**
 * A child process (V8 flags are process-wide) that loads the module as plain JS, so that nothing
 * grows its nursery first, and prints the young generation's largest size (MB) in each step: held
 * while objects that survive scavenges are made (what a module load does), still held while more
 * are made after a worker thread starts (V8 11 resets the growth factor then), bounded at 4 MB while
 * more are made, the same after another worker starts, and once the bound is stopped.
 */
const CHILD = `
const v8 = require('node:v8');
const { Worker } = require('node:worker_threads');
const m = require('./young-generation.js');
const newSpaceMb = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576;
// Objects that survive several scavenges, made in slices of about 100 kB with a turn of the event
// loop between them (as requests come and go), so that the GC observer runs. Returns the largest
// size the young generation had after a slice (V8 may shrink it at any time).
const survive = async () => {
  const keep = [];
  let largest = newSpaceMb();
  for (let slice = 0; slice < 1500; slice++) {
    for (let i = 0; i < 1000; i++) { keep.push({ i, a: [i] }); if (keep.length > 200000) keep.splice(0, 50000); }
    largest = Math.max(largest, newSpaceMb());
    await new Promise((r) => setImmediate(r));
  }
  return largest;
};
// Starts a worker thread, runs \`work\` once it is online and returns its result once it has exited.
const runWorker = async (work) => {
  const w = new Worker('setTimeout(() => {}, 10)', { eval: true });
  const exited = new Promise((r) => w.on('exit', r));
  await new Promise((r) => w.on('online', r));
  const result = await work();
  await exited;
  return result;
};
(async () => {
  const out = { initial: newSpaceMb() };
  m.holdYoungGeneration();
  out.envHeld = process.env.SCHEDULER_NURSERY_GROWTH_FACTOR ?? null;
  out.held = await survive();
  out.heldAfterWorker = await runWorker(survive);
  // SETTLE_MAJOR: settle as on that V8 (its bound is the module's own), else bound at 4 MB.
  const major = process.env.SETTLE_MAJOR;
  const stop = major ? m.settleYoungGeneration(Number(major)) : m.boundYoungGeneration(4);
  out.bounded = await survive();
  out.afterWorker = await runWorker(survive);
  stop();
  out.envReleased = process.env.SCHEDULER_NURSERY_GROWTH_FACTOR ?? null;
  out.released = await survive();
  process.stdout.write(JSON.stringify(out));
})();
`;

type ChildSizes = { envHeld: string | null; envReleased: string | null; initial: number; held: number; heldAfterWorker: number; bounded: number; afterWorker: number; released: number };

let dir: string;

beforeAll(() => {
  dir = childModuleDir('young-gen-', join(__dirname, 'young-generation.ts'), CHILD, [join(__dirname, '../../scheduler/execution/nursery-growth.ts')]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runChild(nodeArgs: readonly string[] = [], nodeOptions = '', settleMajor?: number): ChildSizes {
  const env = {
    PATH: process.env.PATH ?? '',
    ...(nodeOptions ? { NODE_OPTIONS: nodeOptions } : {}),
    ...(settleMajor === undefined ? {} : { SETTLE_MAJOR: String(settleMajor) }),
  };
  const out = execFileSync(process.execPath, [...nodeArgs, join(dir, 'child.js')], { cwd: dir, env, encoding: 'utf8' });
  return JSON.parse(out) as ChildSizes;
}

describe('the young generation of the HTTP thread', () => {
  it('is held at its initial size through start-up, grows to the bound and no further, also after workers start, and grows again once the bound stops', () => {
    const s = runChild();
    // The pool's threads are told the factor to set again as they start (nursery-growth.ts); not after the release.
    expect(s.envHeld).toBe('1');
    expect(s.envReleased).toBeNull();
    // V8 commits its initial 2 MB on the first scavenges; held, it goes no further.
    expect(s.held).toBeLessThanOrEqual(2);
    // V8 11 puts the growth factor back to 2 when a worker's isolate is made, and the hold sets it
    // again once the worker is online: a scavenge between the two may grow it once (seen in 3 of 20
    // runs on an idle machine), never further (without setting it again: 2 × 16 MB).
    expect(s.heldAfterWorker).toBeLessThanOrEqual(2 * s.held);
    // The same allocations unheld grow it to V8's maximum (2 × 16 MB on Node 20, 2 × 32 MB on 24).
    // V8 may shrink an idle nursery and grow it again past the bound in one step (seen on a loaded
    // machine), after which the factor is 1 again: at most twice the bound, never further.
    expect(s.bounded).toBeGreaterThan(s.held);
    expect(s.bounded).toBeLessThanOrEqual(2 * 4);
    // After another worker starts, at most the one growth before it is online.
    expect(s.afterWorker).toBeLessThanOrEqual(2 * s.bounded);
    expect(s.afterWorker).toBeLessThan(s.released);
    expect(s.released).toBeGreaterThan(2 * 4);
  });

  it('is bounded once the server is up on V8 up to 12 (Node 20, 22) and released to V8 on later ones', () => {
    const bounded = runChild([], '', BOUNDED_UP_TO_V8_MAJOR);
    expect(bounded.bounded).toBeGreaterThan(bounded.held);
    expect(bounded.bounded).toBeLessThanOrEqual(2 * YOUNG_GENERATION_BOUND_MB);
    const released = runChild([], '', BOUNDED_UP_TO_V8_MAJOR + 1);
    expect(released.bounded).toBeGreaterThan(2 * YOUNG_GENERATION_BOUND_MB);
  });

  it('reads the major version of V8', () => {
    expect(v8Major('11.3.244.8-node.33')).toBe(11);
    expect(v8Major('13.6.233.10-node.24')).toBe(13);
    expect(v8Major()).toBe(Number(process.versions.v8.split('.')[0]));
  });

  it('leaves a nursery sized by the operator alone, on the command line or in NODE_OPTIONS', () => {
    const flagged = runChild([`${GROWTH_FLAG}=2`]);
    expect(flagged.held).toBeGreaterThan(2);
    expect(flagged.bounded).toBeGreaterThan(4);
    const optioned = runChild([], '--max-semi-space-size=8');
    expect(optioned.held).toBeGreaterThan(2);
    expect(optioned.bounded).toBeGreaterThan(4);
  });

  it('recognises the operator flags in either spelling, on the command line or in NODE_OPTIONS', () => {
    expect(operatorSizedNursery([], '')).toBe(false);
    expect(operatorSizedNursery(['--max-old-space-size=100', '--inspect'], '--max-old-space-size=100')).toBe(false);
    expect(operatorSizedNursery(['--semi-space-growth-factor=4'], '')).toBe(true);
    expect(operatorSizedNursery(['--semi_space_growth_factor=4'], '')).toBe(true);
    expect(operatorSizedNursery(['--max-semi-space-size=4'], '')).toBe(true);
    expect(operatorSizedNursery([], '--require x --max_semi_space_size=4')).toBe(true);
    // A flag that only begins with one of their names is another flag.
    expect(operatorSizedNursery(['--max-semi-space-size-extra=4'], '')).toBe(false);
  });

  it('grows with V8\'s own factor below the bound and not at all from the bound up', () => {
    const bound = YOUNG_GENERATION_BOUND_MB * 1048576;
    expect(growthFactorFor(bound / 2, bound)).toBe(V8_DEFAULT_GROWTH_FACTOR);
    expect(growthFactorFor(bound - 1, bound)).toBe(V8_DEFAULT_GROWTH_FACTOR);
    expect(growthFactorFor(bound, bound)).toBe(1);
    expect(growthFactorFor(bound * 4, bound)).toBe(1);
  });
});
