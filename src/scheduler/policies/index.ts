/** The policy decorator host apps declare their policies with, and the built-in policy providers. */
export * from './schedule-policy.decorator';
export * from './built-in-policies';
