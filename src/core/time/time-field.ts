/**
 * A request's time fields (`t0`, `t1`): strings in the forms of `parseInstant`, with messages that
 * name the field and the accepted forms; and the window they span, checked against its limit.
 */
import { ScheduleInputError } from '../errors';
import { kindOf, quoteInput } from '../messages';
import { ACCEPTED_TIME_FORMATS, parseInstant } from './iso';
import type { Micros } from './micros';

/** Microseconds in one day. */
const US_PER_DAY = 86_400_000_000;

// Something shaped like a date and time whose numbers are out of range (2026-02-30, 25:00).
const DATE_SHAPE = /^\s*\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?\s*$/;

/** The instant a time field holds, or the client's message saying why it holds none. */
function readTimeField(field: string, value: unknown): Micros | string {
  if (value === undefined) return `Missing ${field} field`;
  if (typeof value !== 'string') {
    return `Invalid ${field}: expected a string in the form ${ACCEPTED_TIME_FORMATS} (got ${kindOf(value)})`;
  }
  const t = parseInstant(value);
  if (t !== undefined) return t;
  const why = DATE_SHAPE.test(value) ? 'not a valid date and time; expected' : 'expected';
  return `Invalid ${field} ${quoteInput(value)}: ${why} ${ACCEPTED_TIME_FORMATS}`;
}

/**
 * Why `value` is not an acceptable time for the request field `field`, as the client's message
 * ("Missing t0 field", "Invalid t0 ...: expected ..."); `undefined` when it is one.
 */
export function timeFieldProblem(field: string, value: unknown): string | undefined {
  const r = readTimeField(field, value);
  return typeof r === 'string' ? r : undefined;
}

/**
 * Parses the time field `field` of a request to microseconds (UTC). Throws `ScheduleInputError`
 * naming the field when it is missing, not a string, malformed or an impossible date.
 */
export function parseTimeField(field: string, value: unknown): Micros {
  const r = readTimeField(field, value);
  if (typeof r === 'string') throw new ScheduleInputError(r, field);
  return r;
}

/** Limits a request's window is checked against. */
export interface WindowLimits {
  /** Longest window accepted, in days. */
  readonly maxWindowDays: number;
}

function formatDays(days: number): string {
  const rounded = Math.round(days * 100) / 100;
  return `${rounded} day${rounded === 1 ? '' : 's'}`;
}

/**
 * Checks that `t1` is after `t0` and that the window is at most `maxWindowDays` long. `t0Text`
 * and `t1Text` are the client's strings, echoed in messages.
 */
export function checkWindow(t0: Micros, t1: Micros, limits: WindowLimits, t0Text = '', t1Text = ''): void {
  if (t1 <= t0) {
    throw new ScheduleInputError(`t1 (${quoteInput(t1Text)}) must be after t0 (${quoteInput(t0Text)})`, 't1');
  }
  const days = (t1 - t0) / US_PER_DAY;
  if (days > limits.maxWindowDays) {
    throw new ScheduleInputError(
      `The window from t0 to t1 is ${formatDays(days)} long; the maximum is ${formatDays(limits.maxWindowDays)}: ask for a shorter window`,
      't1',
    );
  }
}
