/** Config merging and validation for policies. */
export * from './merge';
export * from './schema';
