/**
 * The use case "generate a schedule": parse the request, find the policy, merge and validate its
 * config, then hand the job to the executor. No HTTP here, so host apps can call it directly.
 */
import { Inject, Injectable } from '@nestjs/common';
import { canonicalJson } from '../core/config/merge';
import { checkConfigShape, checkTargetLists, parseScheduleRequest, resolvePolicyConfig } from '../core/request';
import { SCHEDULE_EXECUTOR, type ScheduleExecutor } from './execution/schedule-executor';
import { SUCCESS_MESSAGE, type SuccessEnvelope } from './envelope';
import { toPlanEnvelope, type ComputedSchedule, type PlanEnvelope } from './plan/plan-envelope';
import { PolicyRegistry } from './policy-registry';
import { noteRequest } from './request-note';
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
   * Answers a request body (`{t0, t1, policy}`, any JSON value) with the success envelope; what
   * the request log wants to know goes to the current request's note.
   */
  async generate(body: unknown): Promise<SuccessEnvelope> {
    const { result } = await this.compute(body);
    return { status: 'ok', commands: result.commands, message: result.note ?? SUCCESS_MESSAGE };
  }

  /** The same request answered with the plan as data beside the script (`POST .../schedule/plan`). */
  async plan(body: unknown): Promise<PlanEnvelope> {
    return toPlanEnvelope(await this.compute(body));
  }

  /** Parses, resolves and runs one request: the shared path of `generate` and `plan`. */
  async compute(body: unknown): Promise<ComputedSchedule> {
    const tell = noteRequest;
    const request = parseScheduleRequest(body, this.settings);
    const policy = this.registry.require(request.policy.name);
    tell({ policy: policy.name });
    const { maxConfigDepth: maxDepth, maxConfigValues: maxValues } = this.settings;
    // The client's own config is bounded before any merge: refusing it must cost little.
    checkConfigShape(request.policy.config, { maxDepth, maxValues });
    checkTargetLists(request.policy.config, this.settings.maxCalibrationTargets);
    const { merged, config } = resolvePolicyConfig(policy, request.policy, this.settings.presets);
    // Equal requests (whatever their time format or key order) get equal seeds, hence equal schedules.
    const seed = canonicalJson({ t0: request.t0, t1: request.t1, policy: policy.name, config: merged });
    const result = await this.executor.run({
      policy: policy.name,
      t0: request.t0,
      t1: request.t1,
      config,
      ctx: { dataDir: this.settings.dataDir, seed, now: new Date() },
    });
    tell({ queueWaitMs: result.queueWaitMs ?? 0 });
    return { policy: policy.name, t0: request.t0, t1: request.t1, config, result };
  }
}
