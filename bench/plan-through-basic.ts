/**
 * What `basic` makes of a planner-written master schedule for one day (the wiring the lead adds
 * makes this the default): the day's plan is passed inline as TOAST text.
 *   npx ts-node --transpile-only bench/plan-through-basic.ts [2026-12-01]
 */
import { deepMerge, validateConfig } from '../src/core/config';
import { DEFAULT_PLANNER_CONFIG } from '../src/core/planner/config';
import { planMasterSchedule } from '../src/core/planner/plan';
import { BASIC_DEFAULTS, basicPolicy } from '../src/core/policies/basic';
import { writeToast } from '../src/core/toast/write';
import { DEFAULT_SAFETY_FLOORS } from '../src/core/safety/floors';

const day = process.argv[2] ?? '2026-12-01';
const t0 = Date.parse(`${day}T00:00:00Z`) * 1000;
const t1 = t0 + 86400e6;
const start = process.hrtime.bigint();
const text = writeToast(planMasterSchedule(t0, t1, DEFAULT_PLANNER_CONFIG));
const planMs = Number(process.hrtime.bigint() - start) / 1e6;
const config = validateConfig(basicPolicy.configClass, deepMerge(BASIC_DEFAULTS, { master_schedule: text }));
const result = basicPolicy.generate(t0, t1, config, { dataDir: '/nonexistent', seed: 'bench', now: new Date(0), floors: DEFAULT_SAFETY_FLOORS });
const groups = result.commands.split('\n').filter((l) => l.startsWith('# '));
const names = groups.map((l) => l.slice(2).trim());
const calibration = names.filter((n) => ['uranus', 'saturn', 'jupiter', 'mars', 'venus', 'mercury', 'neptune', 'moon'].includes(n));
const filler = names.filter((n) => DEFAULT_PLANNER_CONFIG.horizontal_patches.some((h) => h.name === n));
console.log(
  `day ${day}: plan ${planMs.toFixed(1)} ms; basic script ${result.commands.length} chars, ${names.length} scans: ` +
    `${names.length - calibration.length - filler.length} CMB sky-patch, ${filler.length} horizontal filler, ` +
    `${calibration.length} calibration (${[...new Set(calibration)].join(', ')})`,
);
if (process.argv.includes('--print')) console.log(result.commands);
