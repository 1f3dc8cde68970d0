/** Structured logs: the app logger, request ids and the per-request log. */
export * from './app-logger';
export * from './request-id';
export * from './request-logging.middleware';
