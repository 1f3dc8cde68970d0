/** The rules of the `basic` policy (basic-policy §5): one file per rule, each with its params class. */
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
