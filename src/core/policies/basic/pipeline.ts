/**
 * The `basic` pipeline (basic-policy §6): master scans and source passages → sun avoidance → source
 * planning → calibration rules → calibration scans → scan rules (mount, Sun on swept arcs,
 * sun-guard) → merge, keeping only calibration scans that hold their crossing → scan rules again
 * on what is sent → min-duration → sorted scans.
 */
import { sourceGetBlocks } from '../../astro/events';
import type { BodyName } from '../../astro/site';
import { withSampleMemo } from '../../astro/track';
import { withTimes } from '../../blocks/block';
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
  sunPaddingSeconds,
  sunAvoidance,
  type Rule,
  type SunArcCriterion,
} from '../../rules';
import { planMasterSchedule, toScanBlocks } from '../../planner/plan';
import { loadMasterSchedule } from '../../toast/load';
import type { Micros } from '../../time/micros';
import { AZIMUTH_BOUNDS, type SafetyFloors } from '../../safety/floors';
import type { SafetyCriteria } from '../../safety/report';
import { DEFAULT_MIN_SCAN_S, type BasicConfig } from './config';
import { droppedScansNote, routeMoves, type MoveSettings } from './moves';
import { planParks, type ParkSettings } from './parks';
import type { ScriptStep } from '../../script/render';
import {
  describeTally,
  dropShortScans,
  emptyTally,
  guardScans,
  mergeKeepingCrossings,
  type ScanRuleSettings,
  type ScanTally,
} from './scan-checks';

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

/** Note given when a named or inline master schedule has no scans in the window. */
export const EMPTY_MASTER_NOTE =
  'The master schedule (config.master_schedule) has no scans between t0 and t1: the script holds only calibration scans.';

/** What the scan rules take from a validated config (absent entries are rules turned off). */
export function scanRuleSettings(config: BasicConfig): ScanRuleSettings {
  const r = config.rules;
  return {
    sunAvoidance: r['sun-avoidance'],
    ...(r['sun-guard'] ? { sunGuard: r['sun-guard'] } : {}),
    ...(config.mount ? { mount: config.mount } : {}),
    ...(r['calibration-crossing'] ? { calibrationCrossing: r['calibration-crossing'] } : {}),
    ...(r['min-duration'] ? { minDuration: r['min-duration'] } : {}),
  };
}

/**
 * What the independent check holds the scans of a config to: the config's Sun and mount criteria,
 * each made at least as strict as the operator's floors (no azimuth limit only when neither the
 * config's `mount` nor the azimuth floor sets one).
 */
export function safetyCriteria(config: BasicConfig, floors: SafetyFloors): SafetyCriteria {
  const sa = config.rules['sun-avoidance'];
  const el = config.mount?.el_limits ?? floors.mountElLimits;
  const [azLo, azHi] = floors.mountAzLimits;
  const az = config.mount?.az_limits ?? (azLo <= AZIMUTH_BOUNDS[0] && azHi >= AZIMUTH_BOUNDS[1] ? null : floors.mountAzLimits);
  return {
    sunDistanceDeg: Math.max(config.rules['sun-guard']?.min_distance_deg ?? 0, floors.sunDistanceDeg),
    sunBox: sa.swept_arc ? { minAzDeg: sa.min_angle_az, minAltDeg: sa.min_angle_alt } : null,
    paddingS: sunPaddingSeconds(sa),
    mountElLimits: [Math.max(el[0], floors.mountElLimits[0]), Math.min(el[1], floors.mountElLimits[1])],
    mountAzLimits: az === null ? null : [Math.max(az[0], azLo), Math.min(az[1], azHi)],
  };
}

/** The Sun test of the scan rules for `settings` (the box when `swept_arc`, the guard's distance when above 0). */
export function scanSunCriterion(settings: ScanRuleSettings): SunArcCriterion {
  const sa = settings.sunAvoidance;
  const guard = settings.sunGuard?.min_distance_deg ?? 0;
  return {
    ...(sa.swept_arc ? { box: { minAz: sa.min_angle_az, minAlt: sa.min_angle_alt } } : {}),
    ...(guard > 0 ? { minDistance: guard } : {}),
  };
}

/** What `planParks` needs for a config with `rules.park`: its params, the scan rules' Sun test and padding, the checked limits. */
export function parkSettings(config: BasicConfig, floors: SafetyFloors): ParkSettings {
  const criteria = safetyCriteria(config, floors);
  return {
    params: config.rules.park ?? { azimuths: [] },
    criterion: scanSunCriterion(scanRuleSettings(config)),
    padS: criteria.paddingS,
    elLimits: criteria.mountElLimits,
    azLimits: criteria.mountAzLimits,
  };
}

/** What `routeMoves` needs: the checker's Sun distance, the scan rules' Sun test, the padding and the checked elevation limits. */
export function moveSettings(config: BasicConfig, floors: SafetyFloors): MoveSettings {
  const criteria = safetyCriteria(config, floors);
  return {
    minDistanceDeg: criteria.sunDistanceDeg,
    criterion: scanSunCriterion(scanRuleSettings(config)),
    padS: criteria.paddingS,
    elLimits: criteria.mountElLimits,
    minScanS: config.rules['min-duration']?.min_duration ?? DEFAULT_MIN_SCAN_S,
  };
}

/** The scheduled scans of `basic`, sorted by start, with the notes for the response and what the scan rules changed. */
export interface BasicPlan {
  readonly scans: readonly ScanBlock[];
  /** The groups of the script in order: `scans`, each preceded by the parks its wait needs (`rules.park`) and the waypoints its move needs. */
  readonly steps: readonly ScriptStep[];
  /** The calibration scans as they went into the merge: the scans of `scans` that are pieces of these are calibration scans. */
  readonly calibration: readonly ScanBlock[];
  /** Notes for `message`, in order (the master source, an empty master schedule, the scan rules). */
  readonly notes: readonly string[];
  readonly tally: ScanTally;
}

/**
 * Runs the whole pipeline for `[t0, t1]` with a validated config. Pure for given inputs. The rules
 * that sample a body on a grid sampled before (alt-range after make-source-plan) read it back.
 */
export function planBasic(t0: Micros, t1: Micros, config: BasicConfig, ctx: PolicyContext): BasicPlan {
  return withSampleMemo(() => planBasicSampled(t0, t1, config, ctx));
}

function planBasicSampled(t0: Micros, t1: Micros, config: BasicConfig, ctx: PolicyContext): BasicPlan {
  const master = masterBlocks(t0, t1, config, ctx);
  const tally = emptyTally();
  const notes: string[] = master.note === undefined ? [] : [master.note];
  if (t1 <= t0) return { scans: [], steps: [], calibration: [], notes, tally };
  const rules = config.rules;
  const masterRows = rowsNear(master.blocks, t0, t1);
  if (config.master_schedule !== undefined && masterRows.length === 0) notes.push(EMPTY_MASTER_NOTE);

  // init_seqs: trimmed to the window; records are rebuilt with sorted keys (F2).
  let tree: BlockTree = trimTree(
    {
      master: masterRows,
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

  // The scan rules on each side before the merge, so time a calibration scan loses goes back to
  // the master scan it displaced; then the merge (calibration scans, in sorted-name order, win),
  // redone without calibration parts that lost their crossing; then the scan rules again on what
  // is sent, and min-duration.
  const settings = scanRuleSettings(config);
  const isScan = (b: Block): b is ScanBlock => b.kind === 'scan';
  const calInput = clipToWindow(flatten(scansByName), t0, t1).filter(isScan);
  const masterInput = flatten(masterTree).filter(isScan);
  const calScans = guardScans(calInput, settings, tally);
  const masterScans = guardScans(masterInput, settings, tally);
  let seq = mergeKeepingCrossings(masterScans, calScans, settings.calibrationCrossing, tally);
  seq = guardScans(seq, settings, tally);
  seq = dropShortScans(seq, settings.minDuration, tally);
  const scans = sortBlocks(seq, { flatten: true });
  const changes = describeTally(tally, [...calInput, ...masterInput], scans);
  if (changes !== undefined) notes.push(changes);
  const parked = rules.park ? planParks(scans, t0, parkSettings(config, ctx.floors)) : scans;
  const routed = routeMoves(parked, moveSettings(config, ctx.floors));
  if (routed.dropped.length > 0) notes.push(droppedScansNote(routed.dropped.length));
  const steps = routed.steps;
  return { scans, steps, calibration: calScans, notes, tally };
}
