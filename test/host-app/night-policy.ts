/**
 * A host application's own policies, as a host would write them: a config class made with the
 * module's field decorators, and a provider class that `@SchedulePolicy` names. Everything comes
 * from the module's public index.
 */
import { formatFixed2, pyStr } from '../../src/core/script';
import {
  type Micros,
  NumberField,
  type PolicyContext,
  SchedulePolicy,
  type SchedulePolicyProvider,
  type ScheduleResult,
  StringField,
} from '../../src/scheduler';

/** Config of the host's policy. */
export class NightConfig {
  @StringField({ minLength: 1, maxLength: 40, description: 'Text the script prints.' })
  readonly greeting!: string;

  @NumberField({ integer: true, min: 1, max: 5, description: 'How many times it prints it.' })
  readonly repeat!: number;
}

/** Prints a greeting `repeat` times, then waits for the window. */
@SchedulePolicy({
  name: 'night-watch',
  config: NightConfig,
  description: 'Host policy of the e2e tests: greets, then sleeps through the window.',
})
export class NightWatchPolicy implements SchedulePolicyProvider<NightConfig> {
  readonly defaults: NightConfig = { greeting: 'good evening', repeat: 1 };
  readonly presets = { twice: { repeat: 2 } };

  generate(t0: Micros, t1: Micros, config: NightConfig, ctx: PolicyContext): ScheduleResult {
    const lines = ['import time'];
    // Values enter the script as Python literals only (the core's helpers).
    for (let i = 0; i < config.repeat; i++) lines.push(`print(${pyStr(config.greeting)})`);
    lines.push(`time.sleep(${formatFixed2((t1 - t0) / 1e6)})`);
    return { commands: `${lines.join('\n')}\n`, note: `night-watch seeded by ${ctx.seed.length} characters` };
  }
}

/** No settings at all. */
export class NoConfig {}

/** A host policy with a bug: the server must answer 500 without any detail. */
@SchedulePolicy({ name: 'broken', config: NoConfig, description: 'Always throws.' })
export class BrokenPolicy implements SchedulePolicyProvider<NoConfig> {
  readonly defaults = {};

  generate(): ScheduleResult {
    throw new Error(`secret detail in ${__filename}`);
  }
}

/**
 * A host policy whose class carries a `name` of a built-in policy: the decorator's name is the
 * only one that counts, so `my-basic` runs this class (in-process), never the core `basic`.
 */
@SchedulePolicy({ name: 'my-basic', config: NightConfig, description: 'Greets like night-watch; its class says "basic".' })
export class MyBasicPolicy extends NightWatchPolicy {
  readonly name = 'basic';
}

/** Claims the built-in name `dummy`: start-up must fail. */
@SchedulePolicy({ name: 'dummy', config: NightConfig, description: 'Not the real dummy.' })
export class ImpostorDummyPolicy extends NightWatchPolicy {}
