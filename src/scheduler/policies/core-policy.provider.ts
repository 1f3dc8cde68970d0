/**
 * Base of the providers that expose a policy of the framework-free core to Nest: each subclass
 * names its core policy and carries `@SchedulePolicy`, everything else is delegated.
 */
import type { ConfigClass } from '../../core/config/validate';
import type { Policy, PolicyContext, ScheduleResult } from '../../core/policy';
import type { Micros } from '../../core/time/micros';

/** Delegates the `Policy` contract to `core`; stateless, so one instance serves every request. */
export abstract class CorePolicyProvider<C> implements Policy<C> {
  /** The core policy this provider exposes. */
  protected abstract readonly core: Policy<C>;

  get name(): string {
    return this.core.name;
  }

  get description(): string {
    return this.core.description;
  }

  get defaults(): C {
    return this.core.defaults;
  }

  get configClass(): ConfigClass<C> {
    return this.core.configClass;
  }

  get presets(): Readonly<Record<string, unknown>> | undefined {
    return this.core.presets;
  }

  generate(t0: Micros, t1: Micros, config: C, ctx: PolicyContext): ScheduleResult {
    return this.core.generate(t0, t1, config, ctx);
  }
}
