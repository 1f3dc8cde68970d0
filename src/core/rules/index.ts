/** The rule registry of the `basic` policy (spec §5): one file per rule, each with its params class. */
import type { ConfigClass } from '../config/validate';
import { AltRangeParams } from './alt-range';
import { DayModParams } from './day-mod';
import { DriftModeParams } from './drift-mode';
import { MakeSourcePlanParams } from './make-source-plan';
import { MakeSourceScanParams } from './make-source-scan';
import { MinDurationParams } from './min-duration';
import { RephaseFirstParams } from './rephase-first';
import { SunAvoidanceParams } from './sun-avoidance';
import { CalibrationCrossingParams } from './calibration-crossing';
import { SunGuardParams } from './sun-guard';

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

/** Params class of every rule of the registry, by registry name. */
export const RULE_PARAMS = {
  'alt-range': AltRangeParams,
  'day-mod': DayModParams,
  'drift-mode': DriftModeParams,
  'min-duration': MinDurationParams,
  'rephase-first': RephaseFirstParams,
  'sun-avoidance': SunAvoidanceParams,
  'make-source-plan': MakeSourcePlanParams,
  'make-source-scan': MakeSourceScanParams,
  'sun-guard': SunGuardParams,
  'calibration-crossing': CalibrationCrossingParams,
} as const satisfies Record<string, ConfigClass>;

/** Names of the rules of the registry. */
export type RuleName = keyof typeof RULE_PARAMS;
