/** Structured logs: the root pino logger, Nest's logger over it, request ids and the request log. */
export * from './logger';
export * from './logging.module';
export * from './request-id';
export * from './request-log';
