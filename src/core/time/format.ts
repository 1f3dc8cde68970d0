/**
 * Time conventions of the original (basic-policy §3): UTC instants in integer microseconds, Python
 * `isoformat()` text, integer "ctime" seconds, and float-second offsets rounded like `timedelta`.
 */
import { ScheduleInputError } from '../errors';
import { ACCEPTED_TIME_FORMATS, parseInstant } from './iso';
import { US_PER_S, type Micros } from './micros';

/** Calendar fields of a UTC instant (`microsecond` in 0 … 999999). */
export interface UtcDateParts {
  readonly year: number;
  /** 1 … 12. */
  readonly month: number;
  /** 1 … 31. */
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly microsecond: number;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Rounds to the nearest integer, exact halves to the even neighbour (Python `round`). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

/** Calendar fields of `t` in UTC; floor semantics, so instants before 1970 work too. */
export function utcDateParts(t: Micros): UtcDateParts {
  const s = Math.floor(t / US_PER_S);
  const d = new Date(s * 1000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    microsecond: t - s * US_PER_S,
  };
}

/** The instant of a UTC calendar date and time (month 1 … 12); years below 100 are taken as is. */
export function utcMicros(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  microsecond = 0,
): Micros {
  const d = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not map years 0 … 99 to 1900 … 1999.
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, 0);
  return d.getTime() * 1000 + microsecond;
}

/** Python `datetime.isoformat()` of an aware UTC instant: `+00:00`, `.ffffff` only when needed. */
export function isoformat(t: Micros): string {
  if (!Number.isSafeInteger(t)) throw new RangeError(`Not an integer microsecond instant: ${t}`);
  const p = utcDateParts(t);
  if (p.year < 1 || p.year > 9999) throw new RangeError(`Year ${p.year} is outside 1 … 9999`);
  const date = `${pad(p.year, 4)}-${pad(p.month, 2)}-${pad(p.day, 2)}`;
  const time = `${pad(p.hour, 2)}:${pad(p.minute, 2)}:${pad(p.second, 2)}`;
  const frac = p.microsecond === 0 ? '' : `.${pad(p.microsecond, 6)}`;
  return `${date}T${time}${frac}+00:00`;
}

/** Integer epoch seconds of `t`, floored (the original's "ctime"). */
export function toCtime(t: Micros): number {
  return Math.floor(t / US_PER_S);
}

/** The instant `s` epoch seconds after 1970; a fractional `s` rounds to the microsecond, ties to even. */
export function fromCtime(s: number): Micros {
  return addSeconds(0, s);
}

/**
 * `t + timedelta(seconds=seconds)`: the whole seconds are exact and the fraction is rounded to the
 * nearest microsecond, ties to even, as CPython's timedelta constructor does.
 */
export function addSeconds(t: Micros, seconds: number): Micros {
  if (!Number.isFinite(seconds)) throw new RangeError(`Cannot add ${seconds} seconds to an instant`);
  const whole = Math.trunc(seconds);
  // `seconds − whole` is exact in binary; only the scaling by 1e6 rounds, as in CPython.
  const fracUs = (seconds - whole) * US_PER_S;
  return t + whole * US_PER_S + roundHalfEven(fracUs);
}

function checkedMicros(
  fields: readonly number[],
  microsecond: number,
  original: string,
  expected: string,
): Micros {
  const [year, month, day, hour, minute, second] = fields;
  const t = utcMicros(year, month, day, hour, minute, second, microsecond);
  const p = utcDateParts(t);
  // Date silently rolls over out-of-range fields (Feb 30 → Mar 2): reject instead, like strptime.
  if (
    p.year !== year ||
    p.month !== month ||
    p.day !== day ||
    p.hour !== hour ||
    p.minute !== minute ||
    p.second !== second
  ) {
    throw new ScheduleInputError(`Invalid time "${original}": expected ${expected}`);
  }
  return t;
}

const UTC_STRING = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/;

/** Reads `YYYY-MM-DD HH:MM:SS` as UTC (the original's `str2datetime`); throws on anything else. */
export function parseUtcString(s: string): Micros {
  const expected = 'YYYY-MM-DD HH:MM:SS (UTC)';
  const m = UTC_STRING.exec(s);
  if (!m) throw new ScheduleInputError(`Invalid time "${s}": expected ${expected}`);
  return checkedMicros(m.slice(1, 7).map(Number), 0, s, expected);
}

/** Integer epoch seconds of a `YYYY-MM-DD HH:MM:SS` UTC string (the original's `str2ctime`). */
export function str2ctime(s: string): number {
  return toCtime(parseUtcString(s));
}

/**
 * Reads what `isoformat` writes (and the other forms `parseInstant` accepts: `Z`, any `±HH:MM`
 * offset, optional seconds and fraction). No offset means UTC. Throws `ScheduleInputError`.
 */
export function parseIsoformat(s: string): Micros {
  const t = parseInstant(s);
  if (t === undefined) throw new ScheduleInputError(`Invalid time "${s}": expected ${ACCEPTED_TIME_FORMATS}`);
  return t;
}
