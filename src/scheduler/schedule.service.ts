/**
 * The use case "generate a schedule": from a validated request, check the window, find the policy,
 * merge and validate its config, then hand the job to the executor. No HTTP here, so host apps
 * can call it directly.
 */
import { Inject, Injectable } from '@nestjs/common';
import { seedText } from '../core/config/merge';
import { resolvePolicyConfig } from '../core/config/resolve';
import { checkWindow, parseTimeField } from '../core/time/time-field';
import type { GenerateScheduleRequestDto } from './dto/generate-schedule.request.dto';
import { SCHEDULE_EXECUTOR, type ScheduleExecutor } from './execution/schedule-executor';
import { SUCCESS_MESSAGE, type SuccessEnvelope } from './envelope';
import { toPlanEnvelope, type ComputedSchedule, type PlanEnvelope } from './plan/plan-envelope';
import { PolicyRegistry } from './policy-registry';
import type { RequestFacts } from './request-facts';
import { SCHEDULER_SETTINGS } from './scheduler.constants';
import type { SchedulerSettings } from './scheduler-options.interface';

/** Generates schedules; throws `ScheduleInputError` for client mistakes (400 upstream). */
@Injectable()
export class ScheduleService {
  constructor(
    private readonly registry: PolicyRegistry,
    @Inject(SCHEDULE_EXECUTOR) private readonly executor: ScheduleExecutor,
    @Inject(SCHEDULER_SETTINGS) private readonly settings: SchedulerSettings,
  ) {}

  /**
   * Answers a request (as `ScheduleRequestPipe` validates it) with the success envelope; what a
   * request log wants to know goes into `facts` as soon as it is known (also when it then fails).
   */
  async generate(request: Readonly<GenerateScheduleRequestDto>, facts: RequestFacts = {}): Promise<SuccessEnvelope> {
    const { result } = await this.compute(request, facts, true);
    return { status: 'ok', commands: result.commands, message: result.note ?? SUCCESS_MESSAGE };
  }

  /** The same request answered with the plan as data beside the script (`POST .../schedule/plan`). */
  async plan(request: Readonly<GenerateScheduleRequestDto>, facts: RequestFacts = {}): Promise<PlanEnvelope> {
    return toPlanEnvelope(await this.compute(request, facts));
  }

  /**
   * Checks the window, resolves the config and runs the policy: the shared path of `generate` and
   * `plan`. `scriptOnly`: the caller reads only `commands` and `note` (see `ScheduleJob.scriptOnly`).
   */
  async compute(request: Readonly<GenerateScheduleRequestDto>, facts: RequestFacts = {}, scriptOnly = false): Promise<ComputedSchedule> {
    const t0 = parseTimeField('t0', request.t0);
    const t1 = parseTimeField('t1', request.t1);
    checkWindow(t0, t1, this.settings, request.t0, request.t1);
    const policy = this.registry.require(request.policy.policy);
    facts.policy = policy.name;
    const { config, canonical } = resolvePolicyConfig(policy, request.policy, this.settings.presets);
    // Equal requests (whatever their time format or key order) get equal seeds, hence equal schedules:
    // canonicalJson({ t0, t1, policy, config: merged }).
    const seed = seedText(t0, t1, policy.name, canonical);
    const result = await this.executor.run({
      policy: policy.name,
      t0,
      t1,
      config,
      ctx: { dataDir: this.settings.dataDir, seed, now: new Date(), floors: this.settings.floors },
      scriptOnly,
    });
    facts.queueWaitMs = result.queueWaitMs ?? 0;
    return { policy: policy.name, t0, t1, config, result };
  }
}
