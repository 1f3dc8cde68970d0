/**
 * The `basic` pipeline (spec §6): master scans and source passages → sun avoidance → source
 * planning → calibration rules → calibration scans → merge → optional min-duration → sorted scans.
 */
import { sourceGetBlocks } from '../../astro/events';
import type { BodyName } from '../../astro/site';
import { withTimes } from '../../blocks/block';
import { merge } from '../../blocks/ops';
import { blocksReaching } from '../../blocks/overlap-index';
import { flatten, sortBlocks, trimTree } from '../../blocks/tree';
import type { Block, BlockTree, ScanBlock } from '../../blocks/types';
import type { PolicyContext } from '../../policy';
import { dailyStaticKey } from '../../random';
import {
  altRange,
  dayMod,
  driftMode,
  makeSourcePlan,
  makeSourceScan,
  minDuration,
  rephaseFirst,
  sunAvoidance,
  type Rule,
} from '../../rules';
import { planMasterSchedule, toScanBlocks } from '../../planner/plan';
import { loadMasterSchedule } from '../../toast/load';
import type { Micros } from '../../time/micros';
import type { BasicConfig } from './config';

/** Master scans for a request, and a note for the response when they are missing. */
export interface MasterSource {
  readonly blocks: readonly ScanBlock[];
  readonly note?: string;
}

/** Note given when the master schedule was generated rather than read. */
export const GENERATED_MASTER_NOTE =
  'No master_schedule in the config: the master schedule was generated for the window (config.master).';

/**
 * Where the master blocks come from: the configured file (inside `ctx.dataDir`) or inline TOAST
 * text; without one, the planner's schedule for the window, made with `config.master`.
 */
export function masterBlocks(t0: Micros, t1: Micros, config: BasicConfig, ctx: PolicyContext): MasterSource {
  if (config.master_schedule !== undefined) return { blocks: loadMasterSchedule(config.master_schedule, ctx.dataDir) };
  return { blocks: toScanBlocks(planMasterSchedule(t0, t1, config.master)), note: GENERATED_MASTER_NOTE };
}

/** Drops master rows that cannot touch `[t0, t1]` before the tree is built (trim would drop them anyway). */
function rowsNear(blocks: readonly ScanBlock[], t0: Micros, t1: Micros): ScanBlock[] {
  return blocksReaching(blocks, t0, t1);
}

function sourcePassages(names: readonly BodyName[], t0: Micros, t1: Micros): Record<string, BlockTree> {
  const out: Record<string, BlockTree> = {};
  for (const name of names) out[name] = sourceGetBlocks(name, t0, t1);
  return out;
}

function asRecord(tree: BlockTree): Record<string, BlockTree> {
  if (tree === null || Array.isArray(tree) || typeof tree !== 'object' || 'kind' in tree) return {};
  return tree as Record<string, BlockTree>;
}

/**
 * Clips calibration scans to the window (deliberate difference 4, F10): a scan starting at or
 * after `t1` is dropped, one running past `t1` ends at `t1`.
 */
function clipToWindow(scans: readonly Block[], t0: Micros, t1: Micros): Block[] {
  const out: Block[] = [];
  for (const b of scans) {
    if (b.t0 >= t1 || b.t1 <= t0) continue;
    out.push(b.t0 >= t0 && b.t1 <= t1 ? b : withTimes(b, Math.max(b.t0, t0), Math.min(b.t1, t1)));
  }
  return out;
}

/** The scheduled scans of `basic`, sorted by start, with the note of the master source. */
export interface BasicPlan {
  readonly scans: readonly ScanBlock[];
  readonly note?: string;
}

/** Runs the whole pipeline for `[t0, t1]` with a validated config. Pure for given inputs. */
export function planBasic(t0: Micros, t1: Micros, config: BasicConfig, ctx: PolicyContext): BasicPlan {
  const master = masterBlocks(t0, t1, config, ctx);
  if (t1 <= t0) return { scans: [], note: master.note };
  const rules = config.rules;

  // init_seqs: trimmed to the window; records are rebuilt with sorted keys (F2).
  let tree: BlockTree = trimTree(
    {
      master: rowsNear(master.blocks, t0, t1),
      // The original also sun-cut and planned the soft targets, then threw them away: they never
      // reach the schedule (nor, for bodies that rise and set, fail), so they are not computed.
      sources: { calibration: sourcePassages(config.calibration_targets, t0, t1) },
    },
    t0,
    t1,
  );

  // transform
  tree = sunAvoidance(rules['sun-avoidance'])(tree);
  const top = asRecord(tree);
  const sources = asRecord(makeSourcePlan(rules['make-source-plan'])(top.sources ?? null));
  let cal: BlockTree = sources.calibration ?? {};
  const calRules: Rule[] = [];
  if (rules['day-mod']) calRules.push(dayMod(rules['day-mod']));
  if (rules['drift-mode']) calRules.push(driftMode(rules['drift-mode']));
  if (rules['calibration-min-duration']) calRules.push(minDuration(rules['calibration-min-duration']));
  if (rules['alt-range']) calRules.push(altRange(rules['alt-range']));
  for (const rule of calRules) cal = rule(cal);

  const calByName = asRecord(cal);
  const names = Object.keys(calByName).sort();
  const windows = flatten(cal);
  const scansByName: Record<string, BlockTree> = {};
  if (windows.length > 0) {
    let first = windows[0];
    for (const w of windows) if (w.t0 < first.t0) first = w;
    // F2/F3: one key per calibration target, in sorted-name order, from the first window's day.
    const keys = dailyStaticKey(first.t0).split(names.length);
    names.forEach((name, i) => {
      scansByName[name] = makeSourceScan(rules['make-source-scan'], keys[i], { pointing: 'centred' })(calByName[name]);
    });
  }

  let masterTree: BlockTree = top.master ?? [];
  if (rules['rephase-first']) {
    // Documented choice: in `basic` rephase-first delays the first master scan of the window, with
    // the daily key of that scan's start (the calibration keys are its split children).
    const masterList = flatten(masterTree);
    if (masterList.length > 0) {
      const firstT0 = masterList.reduce((m, b) => Math.min(m, b.t0), Infinity);
      masterTree = rephaseFirst(rules['rephase-first'], dailyStaticKey(firstT0))(masterTree);
    }
  }

  // merge: calibration scans, in sorted-name order, win over master scans.
  const calScans = clipToWindow(flatten(scansByName), t0, t1);
  let seq: BlockTree = merge(flatten(masterTree), calScans);
  if (rules['min-duration']) seq = minDuration(rules['min-duration'])(seq);
  const scans = sortBlocks(seq, { flatten: true }).filter((b): b is ScanBlock => b.kind === 'scan');
  return { scans, note: master.note };
}
