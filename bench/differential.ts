/**
 * Differential check of the `basic` policy between two builds: `npx ts-node --transpile-only
 * bench/differential.ts record DIST OUT.json` writes the schedule of every case below computed with
 * the build in DIST; `... compare DIST OUT.json` computes them again with DIST and reports every
 * case whose text differs by a single byte. Use it to show an optimisation changes no schedule:
 * record with a copy of `dist/` built before the change, compare with the one built after.
 *
 * The cases: windows of one hour to 30 days across 2023 (the reference master schedule) and
 * 2024-2026 (the generated master schedule), with the default config and with varied rules,
 * targets and array specs. Each case runs in a fresh module state (caches cleared) and again after
 * the others (warm caches), so a cache that changed a result would show.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const HOUR_US = 3_600_000_000;
const DAY_US = 24 * HOUR_US;

interface PolicyLike {
  readonly defaults: unknown;
  readonly configClass: unknown;
  generate(t0: number, t1: number, c: unknown, ctx: { dataDir: string; seed: string; now: Date; floors: unknown }): { commands: string; note?: string };
}

interface Case {
  readonly name: string;
  readonly t0: number;
  readonly t1: number;
  readonly config: Record<string, unknown>;
}

/** A small deterministic generator (mulberry32), so the cases are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FILE = { master_schedule: 'schedule_sat.txt' };

/** Config variations (deep-merged over the defaults). */
const VARIANTS: readonly [string, Record<string, unknown>][] = [
  ['default-file', FILE],
  ['default-generated', {}],
  ['sun-wide', { ...FILE, rules: { 'sun-avoidance': { min_angle_az: 25, min_angle_alt: 20, time_step: 30, n_buffer: 0 } } }],
  ['sun-fine', { ...FILE, rules: { 'sun-avoidance': { min_angle_az: 45, min_angle_alt: 45, time_step: 3, n_buffer: 12 } } }],
  [
    'specs-bounds',
    {
      ...FILE,
      rules: {
        'make-source-plan': {
          specs: [
            { bounds_x: [-1.2, 0.4], bounds_y: [-0.7, 0.9] },
            { bounds_x: [-0.3, 1.5], bounds_y: [-1.1, 0.2] },
          ],
          bounds_alt: [35, 65],
          bounds_az_throw: [0.5, 8],
          max_obs_length: 3000,
        },
        'make-source-scan': { preferred_length: 600 },
      },
    },
  ],
  ['all-planets', { ...FILE, calibration_targets: ['jupiter', 'mars', 'mercury', 'moon', 'neptune', 'saturn', 'uranus', 'venus'], soft_targets: ['saturn', 'moon'] }],
  [
    'optional-rules',
    {
      ...FILE,
      calibration_targets: ['jupiter', 'saturn', 'uranus'],
      rules: {
        'drift-mode': { mode: 'setting' },
        'alt-range': { alt_range: [30, 70] },
        'min-duration': { min_duration: 900 },
        'rephase-first': { max_fraction: 0.3, min_block_size: 600 },
        'day-mod': { day: 1, day_mod: 2, day_ref: '2014-01-01T00:00:00Z' },
      },
    },
  ],
  ['no-cal-min', { ...FILE, calibration_targets: ['moon', 'venus'], rules: { 'calibration-min-duration': null, 'drift-mode': { mode: 'rising' } } }],
];

function deepMerge(base: unknown, over: unknown): unknown {
  if (over === null || typeof over !== 'object' || Array.isArray(over)) return over;
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return over;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else out[k] = deepMerge(out[k], v);
  }
  return out;
}

/** The cases, in a fixed order. */
export function cases(): Case[] {
  const r = rng(20230301);
  const out: Case[] = [];
  const lengths = [HOUR_US, 6 * HOUR_US, DAY_US, 2.5 * DAY_US, 7 * DAY_US, 30 * DAY_US];
  const start2023 = Date.UTC(2023, 0, 2) * 1000;
  const start2024 = Date.UTC(2024, 0, 1) * 1000;
  // The bench windows themselves, with the default config.
  for (const days of [1, 7, 30]) out.push({ name: `bench-${days}d`, t0: Date.UTC(2023, 2, 1) * 1000, t1: Date.UTC(2023, 2, 1) * 1000 + days * DAY_US, config: FILE });
  for (let i = 0; out.length < 56; i++) {
    const [vname, config] = VARIANTS[i % VARIANTS.length];
    const generated = vname === 'default-generated';
    const len = lengths[Math.floor(r() * lengths.length)];
    // Generated master schedules are slow to plan for long windows: keep those to a week.
    const l = generated ? Math.min(len, 7 * DAY_US) : len;
    const base = generated ? start2024 : start2023;
    const span = (generated ? 3 * 365 : 330) * DAY_US;
    // Microsecond starts, so sub-second phases of the sample grids are covered too.
    const t0 = base + Math.floor(r() * span);
    out.push({ name: `${vname}#${i}`, t0, t1: t0 + l, config });
  }
  return out;
}

function load(dist: string): { basic: PolicyLike; clear: () => void } {
  const d = path.resolve(dist);
  const { CORE_POLICIES } = require(path.join(d, 'core/policies/index.js')) as { CORE_POLICIES: ReadonlyMap<string, PolicyLike> };
  const basic = CORE_POLICIES.get('basic');
  if (!basic) throw new Error(`no basic policy in ${d}`);
  // Every module-level cache the build has, so the first pass starts cold.
  const clear = (): void => {
    for (const [file, fn] of [
      ['core/astro/node-cache.js', 'clearNodeCache'],
      ['core/astro/tables.js', 'clearEphemerisTables'],
      ['core/toast/load.js', 'clearMasterScheduleCache'],
    ] as const) {
      const f = path.join(d, file);
      if (fs.existsSync(f)) (require(f) as Record<string, () => void>)[fn]?.();
    }
  };
  return { basic, clear };
}

function run(dist: string, dataDir: string): Record<string, { sha256: string; chars: string; text: string }> {
  const { basic, clear } = load(dist);
  // Each build is compared with its own validation and floors (both come from the same dist).
  const { validateConfig } = require(path.join(dist, 'core/config/validate.js')) as { validateConfig: (cls: unknown, c: unknown) => unknown };
  const { DEFAULT_SAFETY_FLOORS } = require(path.join(dist, 'core/safety/floors.js')) as { DEFAULT_SAFETY_FLOORS: unknown };
  const out: Record<string, { sha256: string; chars: string; text: string }> = {};
  const all = cases();
  const one = (c: Case): string => {
    const config = validateConfig(basic.configClass, deepMerge(basic.defaults, c.config));
    try {
      const r = basic.generate(c.t0, c.t1, config, { dataDir, seed: `diff|${c.name}`, now: new Date(0), floors: DEFAULT_SAFETY_FLOORS });
      return `${r.note ?? ''}\n${r.commands}`;
    } catch (e) {
      return `error: ${(e as Error).message}`;
    }
  };
  for (const c of all) {
    clear();
    const text = one(c);
    out[c.name] = { sha256: createHash('sha256').update(text).digest('hex'), chars: String(text.length), text };
  }
  // Warm pass, in reverse order, caches full of the other cases.
  for (const c of [...all].reverse()) {
    const text = one(c);
    if (text !== out[c.name].text) out[`${c.name} (warm)`] = { sha256: createHash('sha256').update(text).digest('hex'), chars: String(text.length), text };
  }
  return out;
}

function main(): void {
  const [mode, dist, file] = process.argv.slice(2);
  if ((mode !== 'record' && mode !== 'compare') || !dist || !file) {
    throw new Error('usage: differential.ts record|compare DIST FILE.json');
  }
  const dataDir = path.resolve(process.env.SCHEDULER_REFERENCE_DIR ?? path.join(__dirname, '..', '..', 'shared', 'reference'));
  const s = performance.now();
  const now = run(dist, dataDir);
  const ms = performance.now() - s;
  const warmDiffs = Object.keys(now).filter((k) => k.endsWith('(warm)'));
  if (mode === 'record') {
    fs.writeFileSync(file, JSON.stringify(now));
    console.log(`recorded ${Object.keys(now).length} cases from ${dist} in ${(ms / 1000).toFixed(1)} s to ${file}${warmDiffs.length ? `; warm runs differ: ${warmDiffs.join(', ')}` : ''}`);
    return;
  }
  const before = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { sha256: string; text: string }>;
  const names = new Set([...Object.keys(before), ...Object.keys(now)]);
  const differ = [...names].filter((k) => before[k]?.sha256 !== now[k]?.sha256);
  const scans = Object.values(now).reduce((n, c) => n + (c.text.match(/seq\.scan\(|run\.acu\.move_to/g)?.length ?? 0), 0);
  const errors = Object.values(now).filter((c) => c.text.startsWith('error:')).length;
  console.log(
    `${names.size} cases (${errors} answered with an error, ${scans} scan/move lines in all), ${(ms / 1000).toFixed(1)} s: ` +
      (differ.length === 0 ? 'all byte-identical' : `${differ.length} DIFFER: ${differ.join(', ')}`),
  );
  if (differ.length) process.exitCode = 1;
}

main();
