/**
 * Reading the request's `t0`/`t1` fields: strings only, in the forms of `parseInstant`, with a
 * message that names the field and the accepted forms.
 */
import { ScheduleInputError } from '../../core/errors';
import { ACCEPTED_TIME_FORMATS, parseInstant } from '../../core/time/iso';
import type { Micros } from '../../core/time/micros';

/** Echo of a client value in a message: JSON-quoted and cut short so a message stays one line. */
export function quoteInput(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max - 3)}...` : value;
  return JSON.stringify(cut);
}

/** Plain name of a JSON value's kind, for "got ..." in messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'string':
      return 'a string';
    default:
      return typeof value;
  }
}

// Something shaped like a date and time whose numbers are out of range (2026-02-30, 25:00).
const DATE_SHAPE = /^\s*\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?\s*(?:[Zz]|[+-]\d{2}(?::?\d{2})?)?\s*$/;

/**
 * Parses the time field `field` of a request to microseconds (UTC). Throws `ScheduleInputError`
 * naming the field when it is missing, not a string, malformed or an impossible date.
 */
export function parseTimeField(field: string, value: unknown): Micros {
  if (value === undefined) throw new ScheduleInputError(`Missing ${field} field`, field);
  if (typeof value !== 'string') {
    throw new ScheduleInputError(
      `Invalid ${field}: expected a string in the form ${ACCEPTED_TIME_FORMATS} (got ${kindOf(value)})`,
      field,
    );
  }
  const t = parseInstant(value);
  if (t !== undefined) return t;
  const why = DATE_SHAPE.test(value) ? 'not a valid date and time; expected' : 'expected';
  throw new ScheduleInputError(`Invalid ${field} ${quoteInput(value)}: ${why} ${ACCEPTED_TIME_FORMATS}`, field);
}
