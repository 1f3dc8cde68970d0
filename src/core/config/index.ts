/** Config merging, limits and validation for policies. */
export * from './merge';
export * from './schema';
export * from './limits';
export * from './resolve';
