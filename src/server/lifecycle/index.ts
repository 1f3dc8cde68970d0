/** Shutdown state and the graceful shutdown sequence. */
export * from './shutdown-state';
export * from './graceful-shutdown';
export * from './http-warm-up';
export * from './process-errors';
