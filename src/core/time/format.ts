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

/** `n` in decimal, zero-padded on the left to `width` digits. */
export const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Rounds to the nearest integer, exact halves to the even neighbour (Python `round`). */
export function roundHalfEven(x: number): number {
  const f = Math.floor(x);
  const diff = x - f;
  if (diff < 0.5) return f;
  if (diff > 0.5) return f + 1;
  return f % 2 === 0 ? f : f + 1;
}

const DAY_S = 86_400;

/**
 * Days from 1970-01-01 to the proleptic Gregorian date (month 1 … 12, day 1 … 31), exact for any
 * year (H. Hinnant's `days_from_civil`): integer arithmetic instead of a `Date` per call.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Days in `month` (1 … 12) of proleptic Gregorian `year`. */
function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/** Calendar fields of `t` in UTC; floor semantics, so instants before 1970 work too. */
export function utcDateParts(t: Micros): UtcDateParts {
  const s = Math.floor(t / US_PER_S);
  const days = Math.floor(s / DAY_S);
  const sod = s - days * DAY_S;
  // H. Hinnant's `civil_from_days`.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hour = Math.floor(sod / 3600);
  const minute = Math.floor((sod - hour * 3600) / 60);
  return { year, month, day, hour, minute, second: sod - hour * 3600 - minute * 60, microsecond: t - s * US_PER_S };
}

/**
 * The instant of a UTC calendar date and time (month 1 … 12); years below 100 are taken as is.
 * Fields out of range roll over into the next ones, as `Date` does (Feb 30 → Mar 2).
 */
export function utcMicros(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  microsecond = 0,
): Micros {
  // Months roll over into years; everything below the month is a plain count from its start.
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = m0 - Math.floor(m0 / 12) * 12 + 1;
  const days = daysFromCivil(y, m, 1) + (day - 1);
  return (days * DAY_S + hour * 3600 + minute * 60 + second) * US_PER_S + microsecond;
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

const UTC_STRING = /^(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{1,2}):(\d{1,2})$/;

/** Reads `YYYY-MM-DD HH:MM:SS` as UTC (the original's `str2datetime`); throws on anything else. */
export function parseUtcString(s: string): Micros {
  const m = UTC_STRING.exec(s);
  if (m !== null) {
    const year = +m[1];
    const month = +m[2];
    const day = +m[3];
    const hour = +m[4];
    const minute = +m[5];
    const second = +m[6];
    // Out-of-range fields are refused, as strptime does (no rolling Feb 30 over to Mar 2).
    if (month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 59) {
      return utcMicros(year, month, day, hour, minute, second);
    }
  }
  throw new ScheduleInputError(`Invalid time "${s}": expected YYYY-MM-DD HH:MM:SS (UTC)`);
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
