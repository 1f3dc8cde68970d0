/**
 * Reading a whole schedule request body: `{t0, t1, policy}`, the window checks, and the policy
 * field. Framework-free so the same rules serve the HTTP layer, a CLI and the benchmarks.
 */
import { ScheduleInputError } from '../../core/errors';
import { isPlainObject } from '../../core/config/merge';
import type { Micros } from '../../core/time/micros';
import { parsePolicyField, type PolicyRequest } from './parse-policy';
import { kindOf, parseTimeField, quoteInput } from './parse-time';

/** Microseconds in one day. */
const US_PER_DAY = 86_400_000_000;

/** Limits a request is checked against. */
export interface RequestLimits {
  /** Longest window accepted, in days. */
  readonly maxWindowDays: number;
}

/** A request that passed every check that does not depend on the policy. */
export interface ScheduleRequest {
  readonly t0: Micros;
  readonly t1: Micros;
  readonly policy: PolicyRequest;
}

function formatDays(days: number): string {
  const rounded = Math.round(days * 100) / 100;
  return `${rounded} day${rounded === 1 ? '' : 's'}`;
}

/**
 * Checks that `t1` is after `t0` and that the window is at most `maxWindowDays` long. `t0Text`
 * and `t1Text` are the client's strings, echoed in messages.
 */
export function checkWindow(t0: Micros, t1: Micros, limits: RequestLimits, t0Text = '', t1Text = ''): void {
  if (t1 <= t0) {
    throw new ScheduleInputError(
      `t1 (${quoteInput(t1Text)}) must be after t0 (${quoteInput(t0Text)})`,
      't1',
    );
  }
  const days = (t1 - t0) / US_PER_DAY;
  if (days > limits.maxWindowDays) {
    throw new ScheduleInputError(
      `The window from t0 to t1 is ${formatDays(days)} long; the maximum is ${formatDays(limits.maxWindowDays)}: ask for a shorter window`,
      't1',
    );
  }
}

/**
 * Parses and checks a request body. Throws `ScheduleInputError` (a 400) for anything a client
 * must fix, with a message naming the field. The policy name is not looked up here.
 */
export function parseScheduleRequest(body: unknown, limits: RequestLimits): ScheduleRequest {
  if (!isPlainObject(body)) {
    throw new ScheduleInputError(
      `The request body must be a JSON object such as {"t0": "2026-11-29 21:05", "t1": "2026-11-29 22:05", "policy": "dummy"} (got ${kindOf(body)})`,
    );
  }
  const t0 = parseTimeField('t0', body.t0);
  const t1 = parseTimeField('t1', body.t1);
  const policy = parsePolicyField(body.policy);
  checkWindow(t0, t1, limits, body.t0 as string, body.t1 as string);
  return { t0, t1, policy };
}
