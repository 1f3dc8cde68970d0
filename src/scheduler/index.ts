/** Public API of the scheduler module for host apps. */
export * from './scheduler.module';
export * from './scheduler.constants';
export * from './scheduler-options.interface';
export * from './scheduler-settings';
export * from './policy-registry';
export * from './schedule.service';
export * from './envelope';
export * from './envelope.filter';
export * from './policies';
export * from './dto';
export * from './execution/schedule-executor';
export * from './execution/in-process.executor';
export { createScheduleController, checkJsonContentType } from './schedule.controller';
export * from './request-note';
export * from './plan/plan-envelope';
