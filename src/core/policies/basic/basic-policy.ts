/** The `basic` policy (basic-policy §6): a master schedule with Sun cuts and planet calibration scans. */
import { UnsafeScheduleError } from '../../errors';
import type { Policy } from '../../policy';
import { checkSchedule } from '../../safety/checker';
import { renderCommands } from '../../script/render';
import { BASIC_DEFAULTS, BASIC_PRESETS, BasicConfig } from './config';
import { checkFloors } from './floors';
import { checkParkConfig } from './parks';
import { planBasic, safetyCriteria } from './pipeline';
import { basicPlanBlocks } from './plan-blocks';

/**
 * The `basic` policy. Every schedule (its scans, parks and waits) is checked by the independent
 * checker before it leaves: an unsafe one throws `UnsafeScheduleError` (never sent); the report
 * comes back as `safety`, one entry per group of the script, as the plan's `blocks`.
 */
export const basicPolicy: Policy<BasicConfig> = {
  name: 'basic',
  description:
    'Master-schedule CMB scans cut around the Sun, with short calibration scans of planets as they rise or set through the array.',
  defaults: BASIC_DEFAULTS,
  configClass: BasicConfig,
  presets: BASIC_PRESETS,
  generate(t0, t1, config, ctx) {
    checkFloors(config, ctx.floors);
    const criteria = safetyCriteria(config, ctx.floors);
    checkParkConfig(config.rules.park, criteria.sunDistanceDeg > 0 || criteria.sunBox !== null);
    const plan = planBasic(t0, t1, config, ctx);
    const safety = checkSchedule(plan.steps, criteria, { start: t0 });
    if (safety.verdict !== 'safe') throw new UnsafeScheduleError(safety);
    const commands = renderCommands(plan.steps);
    const blocks = basicPlanBlocks(plan, config);
    return plan.notes.length === 0 ? { commands, blocks, safety } : { commands, blocks, note: plan.notes.join(' '), safety };
  },
};
