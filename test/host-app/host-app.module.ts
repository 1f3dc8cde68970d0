/**
 * A small host application: its own module imports `SchedulerModule` with its own policy and
 * route prefix, and runs with Nest's defaults (its own body parser, a global ValidationPipe),
 * without our `configureApp`.
 */
import { type ArgumentMetadata, type CanActivate, Injectable, Module, type PipeTransform } from '@nestjs/common';
import { APP_GUARD, APP_PIPE } from '@nestjs/core';
import { SchedulerModule } from '../../src/scheduler';
import { BrokenPolicy, MyBasicPolicy, NightWatchPolicy } from './night-policy';

/**
 * Host app using `forRoot`. It also provides `NightWatchPolicy` itself (say, to inject it
 * elsewhere): still one policy.
 */
@Module({
  imports: [
    SchedulerModule.forRoot({
      policies: [NightWatchPolicy, BrokenPolicy, MyBasicPolicy],
      routePrefix: '/observatory/',
      maxWindowDays: 2,
    }),
  ],
  providers: [NightWatchPolicy],
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

/** A host's authorization that refuses everything. */
@Injectable()
export class DenyAllGuard implements CanActivate {
  canActivate(): boolean {
    return false;
  }
}

/** Host app whose global guard refuses every request: the schedule route must obey it. */
@Module({
  imports: [SchedulerModule.forRoot({ workerThreads: 0 })],
  providers: [{ provide: APP_GUARD, useClass: DenyAllGuard }],
})
export class GuardedHostAppModule {}

/** A host's global pipe that records the parameters it sees (it must see ours too). */
@Injectable()
export class RecordingPipe implements PipeTransform {
  static readonly seen: ArgumentMetadata[] = [];

  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    RecordingPipe.seen.push(metadata);
    return value;
  }
}

/** Host app with a global pipe of its own, registered through DI. */
@Module({
  imports: [SchedulerModule.forRoot({ workerThreads: 0, policies: [NightWatchPolicy] })],
  providers: [{ provide: APP_PIPE, useClass: RecordingPipe }],
})
export class PipedHostAppModule {}

/** Host app computing `basic` in one worker thread, to close with a schedule in flight. */
@Module({
  imports: [SchedulerModule.forRoot({ workerThreads: 1, warmup: false })],
})
export class WorkerHostAppModule {}
