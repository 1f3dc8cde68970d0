/** The `basic` policy as a Nest provider (the algorithm is in `core/policies/basic/`). */
import { Injectable } from '@nestjs/common';
import { basicPolicy } from '../../core/policies/basic/basic-policy';
import type { BasicConfig } from '../../core/policies/basic/config';
import { CorePolicyProvider } from './core-policy.provider';
import { SchedulePolicy } from './schedule-policy.decorator';

/** Master schedule, Sun avoidance and planet calibration scans (docs/basic-policy.md). */
@SchedulePolicy('basic')
@Injectable()
export class BasicPolicyProvider extends CorePolicyProvider<BasicConfig> {
  protected readonly core = basicPolicy;
}
