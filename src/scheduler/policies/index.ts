/** Policy providers and the decorator host apps use for their own. */
export * from './schedule-policy.decorator';
export * from './core-policy.provider';
export * from './dummy-policy.provider';
export * from './basic-policy.provider';
