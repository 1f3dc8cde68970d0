/**
 * Deep merge of a request's config over a policy's defaults, safe against prototype pollution and
 * bounded in depth and size, plus canonical JSON for request seeds.
 */
import { ConfigError } from '../errors';

/** Keys that could reach an object's prototype; never accepted anywhere in a config. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Nesting depth a config may have. */
export const MAX_CONFIG_DEPTH = 16;

/** Values (objects, arrays and scalars) a config may hold in all. */
export const MAX_CONFIG_NODES = 10_000;

/** A plain JSON object (not an array, not null, not a class instance). */
export type PlainObject = { [key: string]: unknown };

/** True for `{}`-like objects: prototype `Object.prototype` or `null`. */
export function isPlainObject(v: unknown): v is PlainObject {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Shared budget of one merge: counts visited nodes. */
interface Budget {
  nodes: number;
}

/** Path segment in dotted form: `a.b`, or `a[2]` for array items. */
function child(path: string, key: string): string {
  return `${path}.${key}`;
}

/** Checks a value's shape and copies it into fresh plain objects/arrays (JSON values only). */
function cloneChecked(value: unknown, path: string, depth: number, budget: Budget): unknown {
  if (++budget.nodes > MAX_CONFIG_NODES) {
    throw new ConfigError(path, `makes the config too large (more than ${MAX_CONFIG_NODES} values)`);
  }
  if (depth > MAX_CONFIG_DEPTH) {
    throw new ConfigError(path, `is nested too deeply (more than ${MAX_CONFIG_DEPTH} levels)`);
  }
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ConfigError(path, 'must be a finite number');
    return value;
  }
  if (Array.isArray(value)) {
    return value.map((item, i) => cloneChecked(item, `${path}[${i}]`, depth + 1, budget));
  }
  if (isPlainObject(value)) {
    const out: PlainObject = {};
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) throw new ConfigError(child(path, key), 'is not an allowed key');
      out[key] = cloneChecked(value[key], child(path, key), depth + 1, budget);
    }
    return out;
  }
  throw new ConfigError(path, `must be a JSON value (got ${typeof value})`);
}

function mergeInto(base: unknown, override: unknown, path: string, depth: number, budget: Budget): unknown {
  if (!isPlainObject(base) || !isPlainObject(override)) {
    return cloneChecked(override, path, depth, budget);
  }
  if (++budget.nodes > MAX_CONFIG_NODES) {
    throw new ConfigError(path, `makes the config too large (more than ${MAX_CONFIG_NODES} values)`);
  }
  const out = cloneChecked(base, path, depth, { nodes: 0 }) as PlainObject;
  for (const key of Object.keys(override)) {
    const p = child(path, key);
    if (FORBIDDEN_KEYS.has(key)) throw new ConfigError(p, 'is not an allowed key');
    const v = override[key];
    if (v === null) {
      delete out[key];
    } else if (Object.prototype.hasOwnProperty.call(out, key)) {
      out[key] = mergeInto(out[key], v, p, depth + 1, budget);
    } else {
      out[key] = cloneChecked(v, p, depth + 1, budget);
    }
  }
  return out;
}

/**
 * Returns a new value: `override` deep-merged over `base`. Plain objects merge key by key, arrays
 * and scalars replace, and `null` removes a key (the policy's schema decides if that is allowed).
 * Neither input is modified. Throws `ConfigError` (with the dotted path) on forbidden keys,
 * non-JSON values, excessive depth or size.
 */
export function deepMerge(base: unknown, override: unknown, path = 'config'): unknown {
  if (override === undefined) return cloneChecked(base, path, 0, { nodes: 0 });
  return mergeInto(base, override, path, 0, { nodes: 0 });
}

/** JSON text with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

/**
 * `canonicalJson({ t0, t1, policy, config })` for a config whose canonical JSON is `canonicalConfig`
 * (a request's seed), without sorting the config again: the keys in sorted order are config, policy,
 * t0, t1.
 */
export function seedText(t0: number, t1: number, policy: string, canonicalConfig: string): string {
  return `{"config":${canonicalConfig},"policy":${JSON.stringify(policy)},"t0":${JSON.stringify(t0)},"t1":${JSON.stringify(t1)}}`;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v !== null && typeof v === 'object') {
    const o = v as PlainObject;
    const out: PlainObject = {};
    for (const k of Object.keys(o).sort()) out[k] = sortKeys(o[k]);
    return out;
  }
  return v;
}

/** Freezes a value and everything inside it; returns it for chaining. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const k of Object.keys(value as object)) deepFreeze((value as PlainObject)[k]);
  }
  return value;
}
