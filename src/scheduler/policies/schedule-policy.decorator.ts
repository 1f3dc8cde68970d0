/**
 * `@SchedulePolicy({ name, config, description })` declares a provider class as a scheduling
 * policy (and makes it `@Injectable()`). The decorator is the one source of the policy's name,
 * description and config class; the class supplies the algorithm (`SchedulePolicyProvider`). The
 * registry finds every such provider through Nest's discovery service when the module starts.
 */
import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { ConfigClass } from '../../core/config/validate';
import type { PolicyContext, ScheduleResult } from '../../core/policy';
import type { Micros } from '../../core/time/micros';
import { POLICY_NAME_PATTERN } from '../dto/policy-field';

/** What `@SchedulePolicy` declares. */
export interface SchedulePolicyOptions<C = unknown> {
  /** The name clients select the policy by (`{"policy": NAME}`); letters, digits, `_`, `.`, `-`, starting with a letter. */
  readonly name: string;
  /** The config's class-validator class: every merged config is validated against it, and the docs show its schema. */
  readonly config: ConfigClass<C>;
  /** One line for the docs and the list of policies. */
  readonly description: string;
}

/** The algorithm of a policy, implemented by the class `@SchedulePolicy` decorates. Stateless: one instance serves every request. */
export interface SchedulePolicyProvider<C = unknown> {
  /** Default config, plain JSON that passes the config class; never mutated. */
  readonly defaults: C;
  /** Named partial configs, selected with `"preset": NAME`, merged between `defaults` and the request's `config`. */
  readonly presets?: Readonly<Record<string, unknown>>;
  /** Computes the schedule for `[t0, t1]` (microseconds, UTC) with a validated config. Pure for a given input. */
  generate(t0: Micros, t1: Micros, config: C, ctx: PolicyContext): ScheduleResult;
}

/** The metadata `@SchedulePolicy` leaves on a class, as Nest's discovery service reads it. */
export const SchedulePolicyMetadata = DiscoveryService.createDecorator<SchedulePolicyOptions>();

/** Class decorator of a policy provider: `@SchedulePolicy({ name: 'night-watch', config: NightConfig, description: '...' })`. */
export function SchedulePolicy<C>(
  options: SchedulePolicyOptions<C>,
): <T extends new (...args: never[]) => SchedulePolicyProvider<C>>(target: T) => void {
  const { name, config, description } = options;
  if (typeof name !== 'string' || !POLICY_NAME_PATTERN.test(name)) {
    throw new Error(`@SchedulePolicy name ${JSON.stringify(name)} must match ${POLICY_NAME_PATTERN} (it is sent as a bare name too)`);
  }
  if (typeof config !== 'function') throw new Error(`@SchedulePolicy "${name}" needs its config class (config: MyConfig)`);
  if (typeof description !== 'string' || description.trim() === '') {
    throw new Error(`@SchedulePolicy "${name}" needs a one-line description`);
  }
  return applyDecorators(SchedulePolicyMetadata(options as SchedulePolicyOptions), Injectable());
}
