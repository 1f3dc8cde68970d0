/**
 * Audit of the moves between groups (`acu.move_to` from one pointing to the next) of the default
 * `basic` config, outside CI: `npx ts-node --transpile-only bench/move-audit.ts [--all]`. For the
 * first day of each month of 2027 and March 2027 as one 31-day window, every move of the plan (from
 * the previous group's end pointing, any point of a scan's arc, to the next group's pointing,
 * starting when the previous group ends) is judged as the checker judges it: the least
 * great-circle distance from the checker's Sun to the move's az × el rectangle over the move's
 * time bound ± the padding (`src/core/safety/moves.ts`). Prints each window's count of moves, of
 * moves within the guard, and the least distance (and the note when scans were dropped because no
 * safe move reached them); `--all` lists every move, `--before` judges the groups as they were
 * before the move routing (the plan's scans and their parks).
 */
import { validateConfig } from '../src/core/config/validate';
import { BASIC_DEFAULTS, BasicConfig } from '../src/core/policies/basic/config';
import { planParks } from '../src/core/policies/basic/parks';
import { parkSettings, planBasic, safetyCriteria } from '../src/core/policies/basic/pipeline';
import { checkMoveRectangle, moveRectangle, scriptMoves } from '../src/core/safety/moves';
import { DEFAULT_SAFETY_FLOORS } from '../src/core/safety/floors';
import { isoformat } from '../src/core/time/format';
import { US_PER_S } from '../src/core/time/micros';

const DAY_US = 86_400 * US_PER_S;
const at = (s: string): number => Date.parse(s) * 1000;

const WINDOWS: [number, number][] = [
  ...Array.from({ length: 12 }, (_, m): [number, number] => {
    const t0 = at(`2027-${String(m + 1).padStart(2, '0')}-01T00:00:00Z`);
    return [t0, t0 + DAY_US];
  }),
  [at('2027-03-01T00:00:00Z'), at('2027-04-01T00:00:00Z')],
];

function main(): void {
  const all = process.argv.includes('--all');
  const before = process.argv.includes('--before');
  const config = validateConfig(BasicConfig, BASIC_DEFAULTS) as BasicConfig;
  const floors = DEFAULT_SAFETY_FLOORS;
  const criteria = safetyCriteria(config, floors);
  const guard = criteria.sunDistanceDeg;
  const pad = criteria.paddingS;
  let totalMoves = 0;
  let totalWithin = 0;
  console.log(`guard ${guard} deg, padding ${pad} s`);
  console.log(`${'window'.padEnd(44)}${'groups'.padStart(8)}${'moves'.padStart(8)}${'within'.padStart(8)}${'minDeg'.padStart(9)}`);
  for (const [t0, t1] of WINDOWS) {
    const plan = planBasic(t0, t1, config, { dataDir: '.', seed: 'move-audit', now: new Date(0), floors });
    // --before: the groups as they were before the move routing (the scans and their parks).
    const steps = before ? planParks(plan.scans, t0, parkSettings(config, floors)) : plan.steps;
    const moves = scriptMoves(steps);
    let within = 0;
    let least = Infinity;
    const lines: string[] = [];
    for (const m of moves) {
      const r = moveRectangle(m.from, m.to);
      const T = m.latestStartS - m.startS + m.durationS;
      const found = checkMoveRectangle(r, m.startS - pad, m.startS + T + pad, guard);
      least = Math.min(least, found.minDist);
      const close = found.minDist < guard;
      if (close) within++;
      if (all || close) {
        lines.push(
          `  ${close ? '!' : ' '} ${isoformat(Math.round(m.startS * US_PER_S))} (${m.from.az.toFixed(2)}, ${m.from.alt.toFixed(2)}` +
            `${m.from.throw > 0 ? ` +${m.from.throw.toFixed(2)}` : ''}) -> (${m.to.az.toFixed(2)}, ${m.to.alt.toFixed(2)}) ` +
            `T<=${T.toFixed(0)} s  min ${found.minDist.toFixed(2)} deg${found.worst ? ' REFUSED' : ''}`,
        );
      }
    }
    totalMoves += moves.length;
    totalWithin += within;
    const name = `${isoformat(t0)} -> ${isoformat(t1)}`;
    console.log(`${name.padEnd(44)}${String(steps.length).padStart(8)}${String(moves.length).padStart(8)}${String(within).padStart(8)}${least.toFixed(2).padStart(9)}`);
    for (const l of lines) console.log(l);
    for (const n of before ? [] : plan.notes.filter((x) => x.includes('no Sun-safe move'))) console.log(`  note: ${n}`);
  }
  console.log(`total: ${totalMoves} moves, ${totalWithin} within ${guard} deg of the Sun`);
}

main();
