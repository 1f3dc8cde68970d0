/** The rule registry of the `basic` policy (spec §5): one file per rule, each with its params schema. */
import type { Schema } from '../config';
import { altRangeParams } from './alt-range';
import { dayModParams } from './day-mod';
import { driftModeParams } from './drift-mode';
import { makeSourcePlanParams } from './make-source-plan';
import { makeSourceScanParams } from './make-source-scan';
import { minDurationParams } from './min-duration';
import { rephaseFirstParams } from './rephase-first';
import { sunAvoidanceParams } from './sun-avoidance';

export * from './rule';
export * from './alt-range';
export * from './day-mod';
export * from './drift-mode';
export * from './make-source-plan';
export * from './make-source-scan';
export * from './min-duration';
export * from './rephase-first';
export * from './sun-avoidance';
export * from './swept-arc';
export * from './sun-guard';
export * from './mount';
export * from './calibration-crossing';

/** Params schema of every rule of the registry, by registry name. */
export const RULE_PARAMS = {
  'alt-range': altRangeParams,
  'day-mod': dayModParams,
  'drift-mode': driftModeParams,
  'min-duration': minDurationParams,
  'rephase-first': rephaseFirstParams,
  'sun-avoidance': sunAvoidanceParams,
  'make-source-plan': makeSourcePlanParams,
  'make-source-scan': makeSourceScanParams,
} as const satisfies Record<string, Schema<unknown>>;

/** Names of the rules of the registry. */
export type RuleName = keyof typeof RULE_PARAMS;
