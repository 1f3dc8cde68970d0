/** Liveness and readiness endpoints. */
export * from './health.controller';
export * from './readiness';
