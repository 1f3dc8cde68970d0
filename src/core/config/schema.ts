/**
 * A small validation toolkit for policy configs: each schema parses an untrusted JSON value into
 * a typed one or throws `ConfigError` with the dotted path of the offending key and what would be
 * accepted. Schemas also describe themselves as JSON Schema for the OpenAPI document.
 */
import { ConfigError } from '../errors';
import { ACCEPTED_TIME_FORMATS, parseInstant } from '../time/iso';
import type { Micros } from '../time/micros';
import { isPlainObject } from './merge';

/** A JSON Schema fragment (only what the docs need). */
export type JsonSchema = { [key: string]: unknown };

/** Parses one value at a path. */
export interface Schema<T> {
  /** Returns the typed value or throws `ConfigError(path, why)`. */
  parse(value: unknown, path: string): T;
  /** JSON Schema of the accepted values. */
  toJsonSchema(): JsonSchema;
  /** True for `s.optional(...)`: an object may omit the key. */
  readonly isOptional: boolean;
}

/** The type a schema produces. */
export type Infer<S> = S extends Schema<infer T> ? T : never;

/** Short rendering of a rejected value for messages. */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function make<T>(parse: (v: unknown, path: string) => T, json: () => JsonSchema, isOptional = false): Schema<T> {
  return { parse, toJsonSchema: json, isOptional };
}

function fail(path: string, what: string, v: unknown): never {
  throw new ConfigError(path, `must be ${what} (got ${describeValue(v)})`);
}

/** Options of `s.number`. */
export interface NumberOptions {
  min?: number;
  max?: number;
  exclusiveMin?: number;
  integer?: boolean;
}

function numberWhat(o: NumberOptions): string {
  const noun = o.integer ? 'an integer' : 'a number';
  const parts: string[] = [];
  if (o.exclusiveMin !== undefined) parts.push(`greater than ${o.exclusiveMin}`);
  if (o.min !== undefined && o.max !== undefined) parts.push(`between ${o.min} and ${o.max}`);
  else if (o.min !== undefined) parts.push(`at least ${o.min}`);
  else if (o.max !== undefined) parts.push(`at most ${o.max}`);
  return parts.length ? `${noun} ${parts.join(' and ')}` : noun;
}

/** Options of `s.string`. */
export interface StringOptions {
  minLength?: number;
  maxLength?: number;
  pattern?: RegExp;
  /** Words for the pattern in messages ("a file name"). */
  patternText?: string;
}

/** Options of `s.array`. */
export interface ArrayOptions {
  minItems?: number;
  maxItems?: number;
}

type Shape = { readonly [key: string]: Schema<unknown> };
type ObjectOut<S extends Shape, O extends string> = { -readonly [K in Exclude<keyof S, O>]: Infer<S[K]> } & {
  -readonly [K in Extract<keyof S, O>]?: Infer<S[K]>;
};
type TupleOut<T extends readonly Schema<unknown>[]> = { -readonly [K in keyof T]: Infer<T[K]> };

/** Schema builders. */
export const s = {
  /** A finite JSON number, optionally an integer and within bounds. */
  number(o: NumberOptions = {}): Schema<number> {
    const what = numberWhat(o);
    return make(
      (v, path) => {
        if (typeof v !== 'number' || !Number.isFinite(v)) fail(path, what, v);
        if (o.integer && !Number.isInteger(v)) fail(path, what, v);
        if (o.min !== undefined && v < o.min) fail(path, what, v);
        if (o.max !== undefined && v > o.max) fail(path, what, v);
        if (o.exclusiveMin !== undefined && v <= o.exclusiveMin) fail(path, what, v);
        return v;
      },
      () => ({
        type: o.integer ? 'integer' : 'number',
        ...(o.min !== undefined ? { minimum: o.min } : {}),
        ...(o.max !== undefined ? { maximum: o.max } : {}),
        ...(o.exclusiveMin !== undefined ? { exclusiveMinimum: o.exclusiveMin } : {}),
      }),
    );
  },

  /** A string, optionally bounded in length and matching a pattern. */
  string(o: StringOptions = {}): Schema<string> {
    return make(
      (v, path) => {
        if (typeof v !== 'string') fail(path, 'a string', v);
        if (o.minLength !== undefined && v.length < o.minLength) {
          fail(path, `a string of at least ${o.minLength} characters`, v);
        }
        if (o.maxLength !== undefined && v.length > o.maxLength) {
          throw new ConfigError(path, `must be a string of at most ${o.maxLength} characters (got ${v.length})`);
        }
        if (o.pattern && !o.pattern.test(v)) fail(path, o.patternText ?? `a string matching ${o.pattern}`, v);
        return v;
      },
      () => ({
        type: 'string',
        ...(o.minLength !== undefined ? { minLength: o.minLength } : {}),
        ...(o.maxLength !== undefined ? { maxLength: o.maxLength } : {}),
      }),
    );
  },

  /** One of a fixed list of strings. */
  enumOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
    const what = `one of ${values.map((x) => `"${x}"`).join(', ')}`;
    return make(
      (v, path) => {
        if (typeof v !== 'string' || !values.includes(v)) fail(path, what, v);
        return v as T[number];
      },
      () => ({ type: 'string', enum: [...values] }),
    );
  },

  /** `true` or `false`. */
  boolean(): Schema<boolean> {
    return make(
      (v, path) => {
        if (typeof v !== 'boolean') fail(path, 'true or false', v);
        return v;
      },
      () => ({ type: 'boolean' }),
    );
  },

  /** An array whose items all match `item`. */
  array<T>(item: Schema<T>, o: ArrayOptions = {}): Schema<T[]> {
    return make(
      (v, path) => {
        if (!Array.isArray(v)) fail(path, 'an array', v);
        if (o.minItems !== undefined && v.length < o.minItems) {
          throw new ConfigError(path, `must have at least ${o.minItems} items (got ${v.length})`);
        }
        if (o.maxItems !== undefined && v.length > o.maxItems) {
          throw new ConfigError(path, `must have at most ${o.maxItems} items (got ${v.length})`);
        }
        return v.map((x, i) => item.parse(x, `${path}[${i}]`));
      },
      () => ({
        type: 'array',
        items: item.toJsonSchema(),
        ...(o.minItems !== undefined ? { minItems: o.minItems } : {}),
        ...(o.maxItems !== undefined ? { maxItems: o.maxItems } : {}),
      }),
    );
  },

  /** A fixed-length array, item i matching `items[i]`. */
  tuple<const T extends readonly Schema<unknown>[]>(items: T): Schema<TupleOut<T>> {
    const n = items.length;
    return make(
      (v, path) => {
        if (!Array.isArray(v) || v.length !== n) fail(path, `an array of ${n} items`, v);
        return items.map((sch, i) => sch.parse(v[i], `${path}[${i}]`)) as TupleOut<T>;
      },
      () => ({ type: 'array', items: items.map((x) => x.toJsonSchema()), minItems: n, maxItems: n }),
    );
  },

  /**
   * An object with exactly the keys of `shape`; unknown keys are rejected naming the known ones.
   * Keys listed in `optional`, or whose schema is `s.optional(...)`, may be absent.
   */
  object<S extends Shape, const O extends string = never>(
    shape: S,
    o: { optional?: readonly O[] } = {},
  ): Schema<ObjectOut<S, O>> {
    const optional = new Set<string>(o.optional ?? []);
    const keys = Object.keys(shape);
    return make(
      (v, path) => {
        if (!isPlainObject(v)) fail(path, 'an object', v);
        for (const k of Object.keys(v)) {
          if (!Object.prototype.hasOwnProperty.call(shape, k)) {
            throw new ConfigError(
              `${path}.${k}`,
              `is not a known key (known keys: ${keys.length ? keys.join(', ') : 'none'})`,
            );
          }
        }
        const out: Record<string, unknown> = {};
        for (const k of keys) {
          const sch = shape[k];
          const present = Object.prototype.hasOwnProperty.call(v, k) && v[k] !== undefined;
          if (!present) {
            if (optional.has(k) || sch.isOptional) continue;
            throw new ConfigError(`${path}.${k}`, 'is required');
          }
          out[k] = sch.parse(v[k], `${path}.${k}`);
        }
        return out as ObjectOut<S, O>;
      },
      () => ({
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(keys.map((k) => [k, shape[k].toJsonSchema()])),
        required: keys.filter((k) => !optional.has(k) && !shape[k].isOptional),
      }),
    );
  },

  /** An object with any keys (checked by `keys` when given), every value matching `value`. */
  record<T>(value: Schema<T>, o: { keys?: Schema<string>; maxKeys?: number } = {}): Schema<Record<string, T>> {
    return make(
      (v, path) => {
        if (!isPlainObject(v)) fail(path, 'an object', v);
        const entries = Object.keys(v);
        if (o.maxKeys !== undefined && entries.length > o.maxKeys) {
          throw new ConfigError(path, `must have at most ${o.maxKeys} keys (got ${entries.length})`);
        }
        const out: Record<string, T> = {};
        for (const k of entries) {
          if (o.keys) o.keys.parse(k, `${path}.${k}`);
          out[k] = value.parse(v[k], `${path}.${k}`);
        }
        return out;
      },
      () => ({ type: 'object', additionalProperties: value.toJsonSchema() }),
    );
  },

  /** Marks a schema as optional in an object; `undefined` passes through. */
  optional<T>(inner: Schema<T>): Schema<T | undefined> {
    return make(
      (v, path) => (v === undefined ? undefined : inner.parse(v, path)),
      () => inner.toJsonSchema(),
      true,
    );
  },

  /** An ISO 8601 (or `YYYY-MM-DD HH:MM[:SS]`) time string, parsed to microseconds (UTC). */
  isoTime(): Schema<Micros> {
    return make(
      (v, path) => {
        const t = typeof v === 'string' ? parseInstant(v) : undefined;
        if (t === undefined) fail(path, `a time string, ${ACCEPTED_TIME_FORMATS}`, v);
        return t;
      },
      () => ({ type: 'string', format: 'date-time' }),
    );
  },

  /** A hand-written check: `fn` returns the value or throws `ConfigError`. */
  custom<T>(fn: (v: unknown, path: string) => T, json: JsonSchema = {}): Schema<T> {
    return make(fn, () => json);
  },
};

/** Parses `value` with `schema`, reporting paths from `path` (default `config`). */
export function parseConfig<T>(schema: Schema<T>, value: unknown, path = 'config'): T {
  return schema.parse(value, path);
}
