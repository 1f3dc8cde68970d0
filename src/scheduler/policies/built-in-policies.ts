/**
 * The built-in policies as Nest providers, derived from the core's own list (`CORE_POLICIES`,
 * which the worker threads load too): one list, one declaration per policy.
 */
import type { Type } from '@nestjs/common';
import { CORE_POLICIES } from '../../core/policies';
import type { Policy, PolicyContext, ScheduleResult } from '../../core/policy';
import type { Micros } from '../../core/time/micros';
import { SchedulePolicy, type SchedulePolicyProvider } from './schedule-policy.decorator';

/** `basic` → `BasicPolicyProvider`, `my-policy` → `MyPolicyPolicyProvider`: readable class names in errors. */
function providerClassName(policyName: string): string {
  const words = policyName.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return `${words.map((w) => w[0].toUpperCase() + w.slice(1)).join('')}PolicyProvider`;
}

/** A provider class for the core policy `core`: declared with its name, config class and description; the algorithm delegated. */
export function corePolicyProvider<C>(core: Policy<C>): Type<SchedulePolicyProvider<C>> {
  @SchedulePolicy({ name: core.name, config: core.configClass, description: core.description })
  class CorePolicyProvider implements SchedulePolicyProvider<C> {
    readonly defaults = core.defaults;
    readonly presets = core.presets;

    generate(t0: Micros, t1: Micros, config: C, ctx: PolicyContext): ScheduleResult {
      return core.generate(t0, t1, config, ctx);
    }
  }
  Object.defineProperty(CorePolicyProvider, 'name', { value: providerClassName(core.name) });
  return CorePolicyProvider;
}

/** One provider class per built-in policy, in the order of `CORE_POLICIES`. */
export const BUILT_IN_POLICY_PROVIDERS: readonly Type<SchedulePolicyProvider>[] = [...CORE_POLICIES.values()].map(
  (p) => corePolicyProvider(p) as Type<SchedulePolicyProvider>,
);
