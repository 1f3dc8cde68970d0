/**
 * Command line: writes the master schedule (TOAST verbose text) the planner makes for a window, so
 * operators can inspect and keep the plan the basic policy would use.
 *
 *   node dist/server/cli/plan.js --t0 "2026-12-01 00:00" --t1 "2026-12-08 00:00" [--config master.json] [--out plan.txt]
 *
 * `--config` names a JSON file holding planner keys (the `master` object of the basic policy's
 * config), deep-merged over the defaults.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { deepMerge } from '../../core/config/merge';
import { validateConfig } from '../../core/config/validate';
import { ScheduleInputError } from '../../core/errors';
import { DEFAULT_PLANNER_CONFIG, PlannerConfig } from '../../core/planner/config';
import { planMasterSchedule } from '../../core/planner/plan';
import { ACCEPTED_TIME_FORMATS, parseInstant } from '../../core/time/iso';
import type { Micros } from '../../core/time/micros';
import { writeToast } from '../../core/toast/write';

/** Longest window the command plans in one run (days); a year takes seconds. */
export const MAX_PLAN_DAYS = 3660;

/** Usage text printed by `--help` and after a usage error. */
export const PLAN_USAGE = `Usage: plan --t0 TIME --t1 TIME [--config FILE.json] [--out FILE]
Writes the master schedule for [t0, t1] in the TOAST verbose format (stdout unless --out).
TIME: ${ACCEPTED_TIME_FORMATS}. FILE.json: planner keys, merged over the defaults.`;

/** Where the command writes; the real process or a test's buffers. */
export interface PlanCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): string;
  writeFile(path: string, text: string): void;
}

const processIo: PlanCliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readFile: (p) => readFileSync(p, 'utf8'),
  writeFile: (p, t) => writeFileSync(p, t, 'utf8'),
};

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): Map<string, string> {
  const known = new Set(['--t0', '--t1', '--config', '--out']);
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!known.has(name)) throw new UsageError(`Unknown argument ${JSON.stringify(arg)}.`);
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`${name} needs a value.`);
    out.set(name, value);
  }
  return out;
}

function instant(args: Map<string, string>, name: string): Micros {
  const text = args.get(name);
  if (text === undefined) throw new UsageError(`Missing ${name}.`);
  const t = parseInstant(text);
  if (t === undefined) throw new UsageError(`${name} ${JSON.stringify(text)} is not a time: ${ACCEPTED_TIME_FORMATS}.`);
  return t;
}

/** Runs the command with `argv` (without node and script); returns the exit code (0, or 2 on a mistake). */
export function runPlanCli(argv: readonly string[], io: PlanCliIo = processIo): number {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${PLAN_USAGE}\n`);
    return 0;
  }
  try {
    const args = parseArgs(argv);
    const t0 = instant(args, '--t0');
    const t1 = instant(args, '--t1');
    if (!(t1 > t0)) throw new UsageError('--t1 must be after --t0.');
    if (t1 - t0 > MAX_PLAN_DAYS * 86400e6) throw new UsageError(`The window may span at most ${MAX_PLAN_DAYS} days.`);
    let override: unknown = {};
    const file = args.get('--config');
    if (file !== undefined) {
      let text: string;
      try {
        text = io.readFile(file);
      } catch (e) {
        throw new UsageError(`Cannot read ${file}: ${(e as Error).message}`);
      }
      try {
        override = JSON.parse(text);
      } catch (e) {
        throw new UsageError(`${file} is not JSON: ${(e as Error).message}`);
      }
    }
    const config = validateConfig(PlannerConfig, deepMerge(DEFAULT_PLANNER_CONFIG, override, 'master'), 'master');
    const text = writeToast(planMasterSchedule(t0, t1, config));
    const out = args.get('--out');
    if (out === undefined) io.stdout(text);
    else io.writeFile(out, text);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`${e.message}\n${PLAN_USAGE}\n`);
      return 2;
    }
    if (e instanceof ScheduleInputError) {
      io.stderr(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  process.exitCode = runPlanCli(process.argv.slice(2));
}
