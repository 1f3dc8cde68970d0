/** The master-schedule planner: config, generation, scan blocks and independent checks. */
export { DEFAULT_PLANNER_CONFIG, HorizontalPatch, patchName, PlannerConfig, SkyPatch } from './config';
export { planDay, planMasterSchedule, planningDay, planningDayStart, toScanBlocks, type DayScan, type PlannedScan } from './plan';
export { SITE as PLANNER_SITE } from './geometry';
export { dutyCycle, independentCrossing, minBodyDistance, minSunDistance, scanCoverage, type CoverageOutcome } from './plan-checks';
