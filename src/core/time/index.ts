/** Time in the core: integer UTC microseconds and the original's conventions (spec §3). */
export * from './micros';
export * from './format';
export * from './iso';
export * from './time-field';
