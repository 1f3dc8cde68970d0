/** The `basic` policy (spec §6): a master schedule with Sun cuts and planet calibration scans. */
import { renderCommands } from '../../script/render';
import type { Policy } from '../../policy';
import { BASIC_DEFAULTS, BasicConfig } from './config';
import { planBasic } from './pipeline';
import { basicPlanBlocks } from './plan-blocks';

/** The `basic` policy. */
export const basicPolicy: Policy<BasicConfig> = {
  name: 'basic',
  description:
    'Master-schedule CMB scans cut around the Sun, with short calibration scans of planets as they rise or set through the array.',
  defaults: BASIC_DEFAULTS,
  configClass: BasicConfig,
  generate(t0, t1, config, ctx) {
    const plan = planBasic(t0, t1, config, ctx);
    const commands = renderCommands(plan.scans);
    const blocks = basicPlanBlocks(plan, config);
    return plan.note === undefined ? { commands, blocks } : { commands, blocks, note: plan.note };
  },
};
