/** The schedule request's pipe and parameter decorator. */
export * from './schedule-request.pipe';
export * from './schedule-request-body.decorator';
