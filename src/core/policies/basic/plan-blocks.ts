/**
 * The `basic` plan as blocks by kind: calibration scans are the pieces of the calibration scans
 * that went into the merge (same name and pointing, inside their times: what the merge and the
 * scan rules leave of them); master scans of a horizontal patch named in
 * `config.master.horizontal_patches` (the planner's fillers, `south` by default, and the same name
 * in a master-schedule file) are fillers; every other master scan is a CMB patch; parks are `park`.
 */
import type { ScanBlock } from '../../blocks/types';
import { PLAN_BLOCK_KINDS, parkPlanBlock, scanPlanBlock, type PlanBlock } from '../../plan/plan-block';
import type { BasicConfig } from './config';
import type { BasicPlan } from './pipeline';
import { isPieceOf } from './scan-checks';

/** One plan block per group of the script (`plan.steps`: scans and parks), in order, with its kind. */
export function basicPlanBlocks(plan: Pick<BasicPlan, 'steps' | 'calibration'>, config: BasicConfig): PlanBlock[] {
  const calibrationByName = new Map<string, ScanBlock[]>();
  for (const c of plan.calibration) calibrationByName.set(c.name, [...(calibrationByName.get(c.name) ?? []), c]);
  const fillers = new Set(config.master.horizontal_patches.map((h) => h.name));
  const kindOf = (scan: ScanBlock): string => {
    if ((calibrationByName.get(scan.name) ?? []).some((c) => isPieceOf(scan, c))) return PLAN_BLOCK_KINDS.calibration;
    return fillers.has(scan.name) ? PLAN_BLOCK_KINDS.filler : PLAN_BLOCK_KINDS.cmb;
  };
  return plan.steps.map((step) =>
    step.kind === 'park' ? parkPlanBlock(step.name, step.t0, step.t1, step.az, step.alt) : scanPlanBlock(step, kindOf(step)),
  );
}
