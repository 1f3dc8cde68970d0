/**
 * The importable schedule module: `SchedulerModule.forRoot({...})` or `forRootAsync({...})`.
 * Both share `SCHEDULER_PROVIDERS`; the built-in policies come from the core's `CORE_POLICIES`.
 */
import { Inject, Module, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { EnvelopeExceptionFilter } from './envelope.filter';
import { InProcessExecutor } from './execution/in-process.executor';
import { createScheduleExecutor } from './execution/create-executor';
import { SCHEDULE_EXECUTOR, type ScheduleExecutor } from './execution/schedule-executor';
import { BUILT_IN_POLICY_PROVIDERS } from './policies/built-in-policies';
import { UnsafePlanFilter } from './plan/unsafe-plan.filter';
import { PolicyRegistry } from './policy-registry';
import { ScheduleService } from './schedule.service';
import { SchedulerConfigurableModule } from './scheduler.module-definition';
import { SCHEDULER_MODULE_OPTIONS, SCHEDULER_SETTINGS } from './scheduler.constants';
import type { SchedulerModuleOptions, SchedulerSettings } from './scheduler-options.interface';
import { resolveSchedulerSettings } from './scheduler-settings';

/** The module's own providers, shared by `forRoot` and `forRootAsync`. */
export const SCHEDULER_PROVIDERS: Provider[] = [
  {
    provide: SCHEDULER_SETTINGS,
    useFactory: (options: SchedulerModuleOptions) => resolveSchedulerSettings(options),
    inject: [SCHEDULER_MODULE_OPTIONS],
  },
  PolicyRegistry,
  ScheduleService,
  EnvelopeExceptionFilter,
  UnsafePlanFilter,
  InProcessExecutor,
  {
    provide: SCHEDULE_EXECUTOR,
    useFactory: (settings: SchedulerSettings, inProcess: InProcessExecutor) => createScheduleExecutor(settings, inProcess),
    inject: [SCHEDULER_SETTINGS, InProcessExecutor],
  },
  ...BUILT_IN_POLICY_PROVIDERS,
];

/** Serves `POST /<routePrefix>/schedule`, `POST /<routePrefix>/schedule/plan` and `GET /<routePrefix>/policies`; see `SchedulerModuleOptions` for the options. */
@Module({
  imports: [DiscoveryModule],
  providers: SCHEDULER_PROVIDERS,
  exports: [SCHEDULER_SETTINGS, SCHEDULE_EXECUTOR, PolicyRegistry, ScheduleService, EnvelopeExceptionFilter],
})
export class SchedulerModule extends SchedulerConfigurableModule implements OnApplicationShutdown {
  constructor(@Inject(SCHEDULE_EXECUTOR) private readonly executor: ScheduleExecutor) {
    super();
  }

  /**
   * Releases the worker threads when the app closes. Nest runs this hook after the HTTP server has
   * drained (`onModuleDestroy` runs before), so schedules in flight are still answered.
   */
  async onApplicationShutdown(): Promise<void> {
    await this.executor.close?.();
  }
}
