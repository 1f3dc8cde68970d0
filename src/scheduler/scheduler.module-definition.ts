/**
 * `forRoot`/`forRootAsync` of `SchedulerModule`, built with `ConfigurableModuleBuilder`. The
 * extras (route prefix, extra policies) shape the module, so both methods take them statically.
 */
import { ConfigurableModuleBuilder } from '@nestjs/common';
import { SchedulePolicyMetadata } from './policies/schedule-policy.decorator';
import { createPoliciesController } from './policies.controller';
import { createScheduleController } from './schedule.controller';
import { SCHEDULER_DEFAULTS, SCHEDULER_MODULE_OPTIONS } from './scheduler.constants';
import type { SchedulerModuleExtras, SchedulerModuleOptions } from './scheduler-options.interface';

/** Strips slashes at both ends: `'/api/v1/'` → `'api/v1'`. */
export function normalizeRoutePrefix(prefix: string | undefined): string {
  return (prefix ?? SCHEDULER_DEFAULTS.routePrefix).trim().replace(/^\/+|\/+$/g, '');
}

/** Base class, options token and option types of `SchedulerModule`. */
export const {
  ConfigurableModuleClass: SchedulerConfigurableModule,
  OPTIONS_TYPE: SCHEDULER_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: SCHEDULER_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<SchedulerModuleOptions>({ optionsInjectionToken: SCHEDULER_MODULE_OPTIONS })
  .setClassMethodName('forRoot')
  .setExtras<SchedulerModuleExtras>({ routePrefix: SCHEDULER_DEFAULTS.routePrefix, policies: [] }, (definition, extras) => {
    const prefix = normalizeRoutePrefix(extras.routePrefix);
    for (const cls of extras.policies ?? []) {
      // Not found by the registry otherwise: say so at start-up rather than answer "Unknown policy".
      if (Reflect.getMetadata(SchedulePolicyMetadata.KEY, cls) === undefined) {
        throw new Error(`SchedulerModule option policies: ${cls.name} is not decorated with @SchedulePolicy({ name, config, description })`);
      }
    }
    return {
      ...definition,
      controllers: [...(definition.controllers ?? []), createScheduleController(prefix), createPoliciesController(prefix)],
      providers: [...(definition.providers ?? []), ...(extras.policies ?? [])],
    };
  })
  .build();
