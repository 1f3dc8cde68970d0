/** Framework-free reading of schedule requests: times, window, policy field and config. */
export * from './parse-time';
export * from './parse-policy';
export * from './parse-request';
export * from './resolve-config';
export * from './config-limits';
