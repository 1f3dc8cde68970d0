/** Start-up and shutdown states, the warm-up and the graceful shutdown sequence. */
export * from './shutdown-state';
export * from './startup-state';
export * from './graceful-shutdown';
export * from './http-warm-up';
export * from './warm-up-id';
export * from './process-errors';
