/**
 * A small host application: its own module imports `SchedulerModule` with its own policy and
 * route prefix, and runs with Nest's defaults (its own body parser, a global ValidationPipe),
 * without our `configureApp`.
 */
import { Module } from '@nestjs/common';
import { SchedulerModule } from '../../src/scheduler';
import { BrokenPolicy, NightWatchPolicy } from './night-policy';

/** Host app using `forRoot`. */
@Module({
  imports: [SchedulerModule.forRoot({ policies: [NightWatchPolicy, BrokenPolicy], routePrefix: '/observatory/', maxWindowDays: 2 })],
})
export class HostAppModule {}

/** Host app using `forRootAsync` (options from a factory, extras static). */
@Module({
  imports: [
    SchedulerModule.forRootAsync({
      policies: [NightWatchPolicy],
      useFactory: async () => ({ maxWindowDays: 1, presets: { 'night-watch': { loud: { greeting: 'HELLO', repeat: 3 } } } }),
    }),
  ],
})
export class AsyncHostAppModule {}
