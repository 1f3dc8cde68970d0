/**
 * The `basic` plan as blocks by kind: calibration scans are the ones the calibration rules made
 * (recognised by value, as the merge passes them through whole); master scans of a horizontal
 * patch named in `config.master.horizontal_patches` (the planner's fillers, `south` by default, and
 * the same name in a master-schedule file) are fillers; every other master scan is a CMB patch.
 */
import { blockKey } from '../../blocks/block';
import type { ScanBlock } from '../../blocks/types';
import { PLAN_BLOCK_KINDS, scanPlanBlock, type PlanBlock } from '../../plan/plan-block';
import type { BasicConfig } from './config';
import type { BasicPlan } from './pipeline';

/** One plan block per scan of `plan.scans`, in order, with its kind. */
export function basicPlanBlocks(plan: BasicPlan, config: BasicConfig): PlanBlock[] {
  const calibration = new Set(plan.calibration.map(blockKey));
  const fillers = new Set(config.master.horizontal_patches.map((h) => h.name));
  const kindOf = (scan: ScanBlock): string => {
    if (calibration.has(blockKey(scan))) return PLAN_BLOCK_KINDS.calibration;
    return fillers.has(scan.name) ? PLAN_BLOCK_KINDS.filler : PLAN_BLOCK_KINDS.cmb;
  };
  return plan.scans.map((scan) => scanPlanBlock(scan, kindOf(scan)));
}
