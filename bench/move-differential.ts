/**
 * Explains a `bench/differential.ts` comparison across the move routing (outside CI):
 * `npx ts-node --transpile-only bench/move-differential.ts BEFORE.json DIST` computes the cases
 * again with the build in DIST (as `differential.ts compare`) and, for every case whose text
 * differs, reads the groups of the recorded (before) script back and runs the checker's move check
 * (`src/core/safety/moves.ts`, default criteria) on them: a difference is expected only where a
 * move of the old script was unsafe. Prints one line per differing case.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkMoves } from '../src/core/safety/moves';
import type { SafetyCriteria } from '../src/core/safety/report';
import type { ScriptStep } from '../src/core/script/render';

/** Microseconds of an isoformat time (`YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00`). */
function micros(iso: string): number {
  const m = /^(.{19})(?:\.(\d{1,6}))?\+00:00$/.exec(iso);
  if (!m) throw new Error(`not an isoformat time: ${iso}`);
  return Date.parse(`${m[1]}Z`) * 1000 + Number((m[2] ?? '').padEnd(6, '0'));
}

/** The scan and park groups of a `basic` script, in order. */
export function stepsOf(script: string): ScriptStep[] {
  const lines = script.split('\n');
  const out: ScriptStep[] = [];
  for (let i = 0; i < lines.length; i++) {
    const move = /^acu\.move_to\(([-\d.]+), ([-\d.]+)\)$/.exec(lines[i]);
    if (!move) continue;
    const name = lines[i - 1].replace(/^# /, '');
    const [az, alt] = [Number(move[1]), Number(move[2])];
    const wait = /^wait_until\('(.+)'\)$/.exec(lines[i + 1]);
    if (wait) {
      const t = micros(wait[1]);
      out.push({ kind: 'park', name, t0: t, t1: t, az, alt });
      continue;
    }
    const t0 = micros(/^wait_until\('(.+)'\)$/.exec(lines[i + 2])![1]);
    const scan = /stop_time='([^']+)', width=([-\d.]+)\)$/.exec(lines[i + 4])!;
    out.push({ kind: 'scan', name, t0, t1: micros(scan[1]), az, alt, throw: Number(scan[2]) });
  }
  return out;
}

const CRITERIA: SafetyCriteria = { sunDistanceDeg: 10, sunBox: { minAzDeg: 6, minAltDeg: 6 }, paddingS: 30, mountElLimits: [20, 90], mountAzLimits: [-90, 480] };

function main(): void {
  const [beforeFile, dist] = process.argv.slice(2);
  if (!beforeFile || !dist) throw new Error('usage: move-differential.ts BEFORE.json DIST');
  const before = JSON.parse(fs.readFileSync(beforeFile, 'utf8')) as Record<string, { text: string }>;
  const after = path.resolve('/tmp', `move-differential-after-${process.pid}.json`);
  // The same cases and computation as differential.ts, recorded from DIST.
  require('node:child_process').execFileSync('npx', ['ts-node', '--transpile-only', path.join(__dirname, 'differential.ts'), 'record', dist, after], { stdio: 'inherit' });
  const now = JSON.parse(fs.readFileSync(after, 'utf8')) as Record<string, { text: string }>;
  fs.unlinkSync(after);
  let unexplained = 0;
  for (const name of Object.keys(before)) {
    const a = before[name].text;
    const b = now[name]?.text;
    if (a === b) continue;
    const was = a.startsWith('error:') ? 'error' : `${[...checkMoves(stepsOf(a.slice(a.indexOf('\n') + 1)), CRITERIA).values()].filter((m) => m.problems.length > 0).length} unsafe moves`;
    const is = b === undefined ? 'absent' : b.startsWith('error:') ? `error (${b.slice(7, 80)}…)` : 'sent';
    const explained = was !== 'error' && !was.startsWith('0 ');
    if (!explained) unexplained++;
    console.log(`${explained ? ' ' : '!'} ${name}: before ${was}; now ${is}`);
  }
  console.log(unexplained === 0 ? 'every difference is a case whose old script had an unsafe move' : `${unexplained} differences NOT explained by an unsafe move`);
}

main();
