/** The `dummy` policy as a Nest provider (the algorithm is in `core/policies/dummy.ts`). */
import { Injectable } from '@nestjs/common';
import { dummyPolicy, type DummyConfig } from '../../core/policies/dummy';
import { CorePolicyProvider } from './core-policy.provider';
import { SchedulePolicy } from './schedule-policy.decorator';

/** Sleeps only: a runnable script that fills the window, for testing a telescope's automation. */
@SchedulePolicy('dummy')
@Injectable()
export class DummyPolicyProvider extends CorePolicyProvider<DummyConfig> {
  protected readonly core = dummyPolicy;
}
