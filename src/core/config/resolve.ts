/**
 * The config a policy runs with: its defaults, then a named preset (extension), then the
 * request's `config`, deep-merged and validated against the policy's config class. Defaults are
 * never modified.
 */
import { LruCache } from '../cache/lru-cache';
import { ScheduleInputError } from '../errors';
import { quoteInput } from '../messages';
import type { Policy } from '../policy';
import { deepFreeze, deepMerge, isPlainObject } from './merge';
import { validateConfig } from './validate';

/** What a request selects on top of a policy's defaults. */
export interface ConfigSelection {
  /** The request's config overrides (a plain object), when given. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Name of a stored config between the defaults and `config` (extension), when given. */
  readonly preset?: string;
}

/** Stored configs by policy name, then preset name (plain JSON objects). */
export type PresetTable = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** The outcome of `resolvePolicyConfig`. */
export interface ResolvedConfig<C> {
  /** The merged plain-JSON config before validation (stable input for the request seed). */
  readonly merged: unknown;
  /** The config validated against the policy's config class: plain, frozen, typed. */
  readonly config: C;
}

const own = (o: object, key: string): boolean => Object.prototype.hasOwnProperty.call(o, key);

/**
 * The preset `name` of `policy`: the operator's table (`presets`, by policy name) first, so an
 * operator's preset replaces the policy's own of the same name, then the policy's `presets`.
 */
function findPreset(policy: Policy<unknown>, name: string, presets: PresetTable): unknown {
  const ofOperator = own(presets, policy.name) ? presets[policy.name] : {};
  if (own(ofOperator, name)) return ofOperator[name];
  const ofPolicy = policy.presets ?? {};
  if (own(ofPolicy, name)) return ofPolicy[name];
  const names = [...new Set([...Object.keys(ofPolicy), ...Object.keys(ofOperator)])].sort();
  throw new ScheduleInputError(
    `Unknown preset ${quoteInput(name)} for policy "${policy.name}"; available presets: ${names.length ? names.join(', ') : 'none'}`,
    'preset',
  );
}

/** Merged configs kept per config class: a run controller sends the same config with every window. */
export const RESOLVED_CONFIGS_PER_CLASS = 32;

/** Longest merged config (JSON characters) that is kept, so the memo stays small whatever the body limit. */
export const MAX_KEPT_CONFIG_CHARS = 65_536;

/**
 * Resolved configs by config class, then by their merged JSON text. Validation is a pure function
 * of the class and the merged data, and the merged JSON text (keys in their order, every number
 * written to round-trip) is that data exactly, so an earlier outcome for the same text is every
 * later one, whichever policy object (a registry's copy, the warm-up's) asked. A failure is not
 * kept. Saves the class-transformer / class-validator walk (half a millisecond for `basic`).
 */
const byClass = new WeakMap<object, LruCache<string, ResolvedConfig<unknown>>>();

/** Each policy's defaults alone, resolved once: a request without config keys or preset skips even the merge. */
const defaultsOf = new WeakMap<Policy<unknown>, ResolvedConfig<unknown>>();

function memoOf(configClass: object): LruCache<string, ResolvedConfig<unknown>> {
  let memo = byClass.get(configClass);
  if (memo === undefined) {
    memo = new LruCache(RESOLVED_CONFIGS_PER_CLASS);
    byClass.set(configClass, memo);
  }
  return memo;
}

/**
 * The memo key of a merged config: its JSON text, or undefined when it is too long to keep or
 * holds a -0 (JSON writes it as 0, and a config's -0 may reach the script as `-0.0`).
 */
export function resolvedConfigKey(merged: unknown): string | undefined {
  let negativeZero = false;
  const text = JSON.stringify(merged, (_key, v: unknown) => {
    if (v === 0 && Object.is(v, -0)) negativeZero = true;
    return v;
  });
  return negativeZero || text.length > MAX_KEPT_CONFIG_CHARS ? undefined : text;
}

function isEmptyConfig(config: unknown): boolean {
  return config === undefined || (isPlainObject(config) && Object.keys(config).length === 0);
}

/**
 * Merges `request.config` over the preset `request.preset` (the operator's `presets` table, else
 * the policy's own) over `policy.defaults`, and validates the result against
 * `policy.configClass`. Throws `ConfigError`/`ScheduleInputError` naming the path.
 */
export function resolvePolicyConfig<C>(
  policy: Policy<C>,
  request: ConfigSelection,
  presets: PresetTable = {},
): ResolvedConfig<C> {
  const defaultsOnly = request.preset === undefined && isEmptyConfig(request.config);
  if (defaultsOnly) {
    const known = defaultsOf.get(policy as Policy<unknown>);
    if (known) return known as ResolvedConfig<C>;
  }
  let base: unknown = policy.defaults;
  if (request.preset !== undefined) base = deepMerge(base, findPreset(policy, request.preset, presets), 'config');
  const merged = deepMerge(base, request.config, 'config');
  const key = resolvedConfigKey(merged);
  const memo = memoOf(policy.configClass);
  let resolved = key === undefined ? undefined : (memo.get(key) as ResolvedConfig<C> | undefined);
  if (resolved === undefined) {
    resolved = deepFreeze({ merged, config: validateConfig(policy.configClass, merged) });
    if (key !== undefined) memo.set(key, resolved as ResolvedConfig<unknown>);
  }
  if (defaultsOnly) defaultsOf.set(policy as Policy<unknown>, resolved as ResolvedConfig<unknown>);
  return resolved;
}
