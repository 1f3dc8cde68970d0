/**
 * A host application's own policy, as a host would write it: a decorated provider class that
 * implements the core `Policy` contract with its own config class.
 */
import { Injectable } from '@nestjs/common';
import { NumberField, StringField } from '../../src/core/config/decorators';
import { deepFreeze } from '../../src/core/config/merge';
import type { Policy, PolicyContext, ScheduleResult } from '../../src/core/policy';
import type { Micros } from '../../src/core/time/micros';
import { SchedulePolicy } from '../../src/scheduler';

/** Config of the host's policy. */
export class NightConfig {
  @StringField({ minLength: 1, maxLength: 40, description: 'Text the script prints.' })
  readonly greeting!: string;

  @NumberField({ integer: true, min: 1, max: 5, description: 'How many times it prints it.' })
  readonly repeat!: number;
}

/** Prints a greeting `repeat` times, then waits for the window. */
@SchedulePolicy('night-watch')
@Injectable()
export class NightWatchPolicy implements Policy<NightConfig> {
  readonly name = 'night-watch';
  readonly description = 'Host policy of the e2e tests: greets, then sleeps through the window.';
  readonly defaults: NightConfig = deepFreeze({ greeting: 'good evening', repeat: 1 });
  readonly configClass = NightConfig;

  generate(t0: Micros, t1: Micros, config: NightConfig, ctx: PolicyContext): ScheduleResult {
    const lines = ['import time'];
    for (let i = 0; i < config.repeat; i++) lines.push(`print(${JSON.stringify(config.greeting)})`);
    lines.push(`time.sleep(${((t1 - t0) / 1e6).toFixed(2)})`);
    return { commands: `${lines.join('\n')}\n`, note: `night-watch seeded by ${ctx.seed.length} characters` };
  }
}

/** No settings at all. */
export class NoConfig {}

/** A host policy with a bug: the server must answer 500 without any detail. */
@SchedulePolicy('broken')
@Injectable()
export class BrokenPolicy implements Policy<NoConfig> {
  readonly name = 'broken';
  readonly description = 'Always throws.';
  readonly defaults = {};
  readonly configClass = NoConfig;

  generate(): ScheduleResult {
    throw new Error(`secret detail in ${__filename}`);
  }
}

/** Claims the built-in name `dummy`: start-up must fail. */
@SchedulePolicy('dummy')
@Injectable()
export class ImpostorDummyPolicy extends NightWatchPolicy {}
