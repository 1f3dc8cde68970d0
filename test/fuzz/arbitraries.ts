/**
 * Generators of hostile and valid schedule requests, as raw JSON text so that numbers JSON.stringify
 * cannot write (1e400, 400-digit integers), duplicate keys and `__proto__` keys reach the server.
 */
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import type { Policy } from '../../src/core/policy';
import type { RawRequest } from './harness';

/** The schedule endpoint, in both URL forms. */
export const PATHS = ['/api/v1/schedule/', '/api/v1/schedule'] as const;

const DAY_S = 86_400;

/** JSON text of an object from `[key, valueText]` pairs (keys may repeat). */
export function objectText(entries: readonly (readonly [string, string])[]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}

/** Strings that look like numbers or words a lenient parser might take. */
export const NAN_LIKE = ['NaN', '-NaN', 'Infinity', '-Infinity', '1e309', '-0', '0x10', '1_000', 'null', 'undefined', 'true', '', ' ', '\u0000', '\ufeff', 'None', '{}', '[]'];

/** Numbers as JSON text, including ones no double can hold. */
export const numberText: fc.Arbitrary<string> = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.integer().map(String),
  fc.bigInt({ min: -(10n ** 400n), max: 10n ** 400n }).map(String),
  fc.constantFrom('1e400', '-1e400', '1e-400', '5e-324', '1.7976931348623157e308', '-0', '0.1e1', '123456789012345678901234567890'),
);

/** Strings of every kind: unicode, lone surrogates, control characters, NaN-like words. */
export const anyString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\n', '\r', '\t', '"', '\\', '\u2028', '\ud800', '\udfff', 'é', '😀'), maxLength: 20 }),
  fc.constantFrom(...NAN_LIKE),
  fc.string({ maxLength: 400 }),
);

/** Nested arrays/objects `depth` deep around `inner`, as JSON text. */
export function nestedText(depth: number, kind: 'array' | 'object', inner = '1'): string {
  return kind === 'array' ? `${'['.repeat(depth)}${inner}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}${inner}${'}'.repeat(depth)}`;
}

/** Deep nesting, from a few levels to far past any limit. */
export const deepText: fc.Arbitrary<string> = fc
  .tuple(fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 20_000 })), fc.constantFrom('array' as const, 'object' as const))
  .map(([depth, kind]) => nestedText(depth, kind));

/** Any JSON value as text, plus the texts JSON.stringify cannot produce. */
export const anyValueText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: numberText },
  { weight: 3, arbitrary: anyString.map((s) => JSON.stringify(s)) },
  { weight: 1, arbitrary: deepText },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'null', '{}', '[]', '{"__proto__":{"polluted":1}}') },
);

// ---------------------------------------------------------------------------------------------
// Times and windows

/** Formats `epochSeconds` in one of the accepted forms (`minute` only when seconds are 0). */
export function formatTime(epochSeconds: number, form: number, offsetMinutes: number): string {
  const d = new Date(epochSeconds * 1000);
  const iso = d.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const date = iso.slice(0, 10);
  const hm = iso.slice(11, 16);
  const hms = iso.slice(11, 19);
  switch (form % 4) {
    case 0:
      return d.getUTCSeconds() === 0 ? `${date} ${hm}` : `${date} ${hms}`;
    case 1:
      return `${date} ${hms}`;
    case 2:
      return `${date}T${hms}Z`;
    default: {
      const local = new Date((epochSeconds + offsetMinutes * 60) * 1000).toISOString();
      const sign = offsetMinutes < 0 ? '-' : '+';
      const abs = Math.abs(offsetMinutes);
      const off = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
      return `${local.slice(0, 10)}T${local.slice(11, 19)}${off}`;
    }
  }
}

const MIN_EPOCH = Date.UTC(1900, 0, 1) / 1000;
const MAX_EPOCH = Date.UTC(2199, 0, 1) / 1000;

/** A valid window: start, length in seconds (up to `maxSeconds`) and how each end is written. */
export interface Window {
  readonly t0: number;
  readonly seconds: number;
  readonly t0Text: string;
  readonly t1Text: string;
}

/** Valid windows no longer than `maxSeconds`, with each end written in a random accepted form. */
export function windowArb(maxSeconds: number): fc.Arbitrary<Window> {
  return fc
    .record({
      t0: fc.integer({ min: MIN_EPOCH, max: MAX_EPOCH }),
      minuteAligned: fc.boolean(),
      seconds: fc.oneof(fc.integer({ min: 1, max: 3600 }), fc.integer({ min: 1, max: maxSeconds })),
      f0: fc.nat(3),
      f1: fc.nat(3),
      off0: fc.integer({ min: -14 * 4, max: 14 * 4 }).map((q) => q * 15),
      off1: fc.integer({ min: -14 * 4, max: 14 * 4 }).map((q) => q * 15),
    })
    .map(({ t0, minuteAligned, seconds, f0, f1, off0, off1 }) => {
      const start = minuteAligned ? t0 - (t0 % 60) : t0;
      return {
        t0: start,
        seconds,
        t0Text: formatTime(start, f0, off0),
        t1Text: formatTime(start + seconds, f1, off1),
      };
    });
}

/** A time field's text: mostly valid or nearly valid times, sometimes anything at all. */
export const timeFieldText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: windowArb(40 * DAY_S).map((w) => JSON.stringify(w.t0Text)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, mo, d, h, mi]) => JSON.stringify(`${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')} ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`)),
  },
  { weight: 1, arbitrary: numberText },
  { weight: 2, arbitrary: anyValueText },
);

// ---------------------------------------------------------------------------------------------
// Policies and configs

/** Names that are not policies but could trip a lookup. */
export const HOSTILE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', 'DUMMY', ' dummy ', 'dummy\u0000', 'basic/../dummy', 'a'.repeat(300)];

/** Random overrides of a config shaped like `defaults`: changed, wrongly typed, removed or unknown keys. */
export function configArb(defaults: unknown, depth = 0): fc.Arbitrary<unknown> {
  const isObj = defaults !== null && typeof defaults === 'object' && !Array.isArray(defaults);
  const leaf = fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(null));
  if (!isObj || depth > 4) return leaf;
  const keys = Object.keys(defaults as object);
  const known =
    keys.length > 0
      ? [
          fc
            .constantFrom(...keys)
            .chain((k) => fc.tuple(fc.constant(k), fc.oneof({ weight: 2, arbitrary: sameTypeAs((defaults as Record<string, unknown>)[k]) }, { weight: 1, arbitrary: leaf }))),
        ]
      : [];
  const hostile = fc.tuple(fc.constantFrom(...keys, 'unknown_key', '__proto__', 'constructor', 'prototype'), leaf);
  const entry = known.length > 0 ? fc.oneof({ weight: 5, arbitrary: known[0] }, { weight: 1, arbitrary: hostile }) : hostile;
  // Nested keys of the defaults get their own random overrides.
  const nested = keys
    .filter((k) => {
      const v = (defaults as Record<string, unknown>)[k];
      return v !== null && typeof v === 'object' && !Array.isArray(v);
    })
    .map((k) => fc.tuple(fc.constant(k), configArb((defaults as Record<string, unknown>)[k], depth + 1)));
  const anyEntry = nested.length > 0 ? fc.oneof(entry, ...nested) : entry;
  return fc.array(anyEntry, { maxLength: 6 }).map((pairs) => {
    const out: Record<string, unknown> = {};
    // defineProperty, so that "__proto__" becomes a real key of the JSON text.
    for (const [k, v] of pairs) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    return out;
  });
}

/** A value of the same JSON type as `example`, with random content. */
function sameTypeAs(example: unknown): fc.Arbitrary<unknown> {
  if (typeof example === 'number') return fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer({ min: -1000, max: 100_000 }));
  if (typeof example === 'string') return anyString;
  if (typeof example === 'boolean') return fc.boolean();
  if (Array.isArray(example)) return fc.array(fc.oneof(anyString, fc.integer(), fc.constantFrom('uranus', 'saturn', 'jupiter', 'moon', 'sun', 'pluto', 'nosuchsource')), { maxLength: 40 });
  return fc.jsonValue({ maxDepth: 3 });
}

/** The `policy` field's JSON text in every form: string JSON, inline object, bare name, broken. */
export function policyFieldText(policies: ReadonlyMap<string, Policy>): fc.Arbitrary<string> {
  const names = [...policies.keys()];
  const nameArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...names) }, { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_NAMES) }, { weight: 1, arbitrary: anyString });
  const selection = nameArb.chain((name) =>
    fc
      .record(
        {
          policy: fc.oneof({ weight: 8, arbitrary: fc.constant<unknown>(name) }, { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) }),
          config: fc.oneof(
            { weight: 6, arbitrary: configArb(policies.get(name)?.defaults ?? {}) },
            { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
            { weight: 1, arbitrary: fc.constant({}) },
          ),
          preset: fc.oneof(anyString, fc.jsonValue({ maxDepth: 1 })),
        },
        { requiredKeys: ['policy'] },
      ),
  );
  return fc.oneof(
    { weight: 3, arbitrary: selection.map((o) => JSON.stringify(JSON.stringify(o))) },
    { weight: 3, arbitrary: selection.map((o) => JSON.stringify(o)) },
    { weight: 2, arbitrary: nameArb.map((n) => JSON.stringify(n)) },
    { weight: 1, arbitrary: fc.constantFrom('"[1]"', '"\\"dummy\\""', '"null"', '"1"', '"{policy: dummy}"', '"{\\"policy\\": \\"dummy\\""', '"{\\"__proto__\\": {\\"policy\\": \\"dummy\\"}}"') },
    { weight: 1, arbitrary: deepText.map((t) => JSON.stringify(t)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((d) => JSON.stringify(`{"policy":"dummy","config":${nestedText(d, 'object')}}`)) },
    { weight: 2, arbitrary: anyValueText },
  );
}

// ---------------------------------------------------------------------------------------------
// Whole requests

const JSON_TYPE = 'application/json';

/** A JSON request to the schedule endpoint with `bodyText`. */
export function jsonRequest(bodyText: string, path: string = PATHS[0]): RawRequest {
  return { method: 'POST', path, contentType: JSON_TYPE, body: bodyText };
}

/** Any JSON value as the whole body (objects, arrays, scalars, deep nesting). */
export const anyBodyArb: fc.Arbitrary<RawRequest> = fc.tuple(anyValueText, fc.constantFrom(...PATHS)).map(([t, p]) => jsonRequest(t, p));

/** Objects with t0/t1/policy of every type, missing, repeated, or next to `__proto__` and unknown keys. */
export function fieldsBodyArb(policies: ReadonlyMap<string, Policy>): fc.Arbitrary<RawRequest> {
  const field = (key: string, text: fc.Arbitrary<string>) => fc.option(text.map((t) => [key, t] as const), { freq: 8, nil: undefined });
  // Mostly a valid window, so that the policy field is reached; sometimes anything in either end.
  const times = fc.oneof(
    { weight: 3, arbitrary: windowArb(40 * DAY_S).map((w) => [JSON.stringify(w.t0Text), JSON.stringify(w.t1Text)] as const) },
    { weight: 2, arbitrary: fc.tuple(timeFieldText, timeFieldText) },
  );
  return fc
    .tuple(
      times.chain(([a, b]) => fc.tuple(field('t0', fc.constant(a)), field('t1', fc.constant(b)))),
      field('policy', policyFieldText(policies)),
      fc.array(fc.tuple(fc.constantFrom('__proto__', 'constructor', 'extra', 't0', 'policy', ''), anyValueText), { maxLength: 2 }),
      fc.constantFrom(...PATHS),
    )
    .chain(([[t0, t1], policy, extra, path]) => {
      const entries = [...extra, ...[t0, t1, policy].filter((e) => e !== undefined)] as [string, string][];
      return fc
        .shuffledSubarray(entries, { minLength: entries.length, maxLength: entries.length })
        .map((shuffled) => jsonRequest(objectText(shuffled), path));
    });
}

/**
 * Well-formed requests for every registered policy with random configs over valid windows (at most
 * 2 days for `basic`, whose schedules cost more, else up to past the 31-day limit).
 */
export function policyRequestArb(policies: ReadonlyMap<string, Policy>): fc.Arbitrary<RawRequest> {
  const names = [...policies.keys()];
  return fc.constantFrom(...names).chain((name) =>
    fc
      .tuple(
        windowArb(name === 'basic' ? 2 * DAY_S : 40 * DAY_S),
        configArb(policies.get(name)!.defaults),
        fc.nat(2),
        fc.constantFrom(...PATHS),
      )
      .map(([w, config, form, path]) => {
        const selection = { policy: name, config };
        const policy = form === 0 ? JSON.stringify(JSON.stringify(selection)) : form === 1 ? JSON.stringify(selection) : JSON.stringify(name);
        return jsonRequest(objectText([['t0', JSON.stringify(w.t0Text)], ['t1', JSON.stringify(w.t1Text)], ['policy', policy]]), path);
      }),
  );
}

/** Raw bytes, wrong media types, charsets and content encodings, and bodies around the size limit. */
export function rawBodyArb(bodyLimitBytes: number): fc.Arbitrary<RawRequest> {
  const types = fc.constantFrom<string | undefined>(
    JSON_TYPE,
    'application/json; charset=utf-8',
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'APPLICATION/JSON',
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonx',
    '',
    undefined,
  );
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 300 }).map((s) => new TextEncoder().encode(s)),
    fc.integer({ min: bodyLimitBytes - 200, max: bodyLimitBytes + 200 }).map((n) => new TextEncoder().encode(JSON.stringify({ t0: 'x'.repeat(Math.max(0, n - 10)) }))),
  );
  const encodings = fc.constantFrom(undefined, undefined, 'gzip', 'deflate', 'br', 'identity', 'x-foo', 'gzip, br');
  return fc
    .tuple(bytes, types, fc.constantFrom(...PATHS), encodings, fc.boolean())
    .map(([raw, contentType, path, encoding, compress]) => {
      // Sometimes really compressed as declared, sometimes bytes that only claim to be.
      let body: Uint8Array = raw;
      if (compress && encoding === 'gzip') body = gzipSync(raw);
      else if (compress && encoding === 'deflate') body = deflateSync(raw);
      else if (compress && encoding === 'br') body = brotliCompressSync(raw);
      return { method: 'POST' as const, path, contentType, body, ...(encoding ? { headers: { 'Content-Encoding': encoding } } : {}) };
    });
}
