/**
 * Parsing of the time strings clients send: `YYYY-MM-DD HH:MM[:SS[.ffffff]]` or ISO 8601 with `T`,
 * `Z` or a `±HH:MM` offset. No zone means UTC. Calendar dates are checked (no 2023-02-30).
 */
import type { Micros } from './micros';

/** What a time string may look like, for error messages. */
export const ACCEPTED_TIME_FORMATS =
  'YYYY-MM-DD HH:MM[:SS] (UTC) or ISO 8601 such as 2026-11-29T21:05:00Z or 2026-11-29T18:05:00-03:00';

const TIME_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/**
 * Parses a time string to microseconds since the epoch (UTC), or returns `undefined` when the
 * string is not one of the accepted forms or names an impossible date or time.
 */
export function parseInstant(text: string): Micros | undefined {
  const m = TIME_RE.exec(text.trim());
  if (!m) return undefined;
  const [, ys, mos, ds, hs = '0', mis = '0', ss = '0', frac = '', zone] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  const h = Number(hs);
  const mi = Number(mis);
  const s = Number(ss);
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return undefined;
  const dayMs = Date.UTC(y, mo - 1, d);
  const check = new Date(dayMs);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    return undefined;
  }
  let offsetMin = 0;
  if (zone && zone !== 'Z' && zone !== 'z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (oh > 23 || om > 59) return undefined;
    offsetMin = sign * (oh * 60 + om);
  }
  // Fractions beyond microseconds are truncated: instants carry whole microseconds.
  const micros = frac ? Number(frac.padEnd(6, '0').slice(0, 6)) : 0;
  const secondsUtc = dayMs / 1000 + h * 3600 + mi * 60 + s - offsetMin * 60;
  return secondsUtc * 1_000_000 + micros;
}
