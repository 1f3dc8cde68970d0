/**
 * The config a policy runs with: its defaults, then a named preset (extension), then the
 * request's `config`, deep-merged and validated against the policy's config class. Defaults are
 * never modified.
 */
import { LruCache } from '../cache/lru-cache';
import { ScheduleInputError } from '../errors';
import { quoteInput } from '../messages';
import type { Policy } from '../policy';
import { canonicalJson, deepFreeze, deepMerge, isPlainObject } from './merge';
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
  /** `merged` as canonical JSON (`canonicalJson`: keys sorted at every level), the config part of a request's seed. */
  readonly canonical: string;
}

/** The preset table used when none is given (one object, so resolutions without presets are found again). */
const NO_PRESETS: PresetTable = Object.freeze({});

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

/**
 * Resolved configs by the preset table, the policy and the request's own selection (its preset name
 * and config as JSON text, see `selectionKey`): a run controller sends the same small config with
 * every window, and finding its resolution by that text skips the merge and the merged text (70 µs
 * and 80 KB of garbage a `basic` request on the HTTP thread, measured). The resolution is a pure
 * function of the defaults, the preset table and the selection's data, and the text is that data
 * exactly; a request without config or preset (what `dummy` clients send) is found as `[null,null]`.
 * Policies and preset tables are not modified after they are made.
 */
const bySelection = new WeakMap<PresetTable, WeakMap<Policy<unknown>, LruCache<string, ResolvedConfig<unknown>>>>();

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

/** True when JSON text holds `raw` exactly: a finite number other than -0, a string, a boolean, null, an array or a plain object without an own `toJSON`. */
function writtenExactly(raw: unknown): boolean {
  switch (typeof raw) {
    case 'number':
      return Number.isFinite(raw) && !Object.is(raw, -0);
    case 'string':
    case 'boolean':
      return true;
    case 'object':
      return raw === null || Array.isArray(raw) || (isPlainObject(raw) && !Object.prototype.hasOwnProperty.call(raw, 'toJSON'));
    default:
      return false; // undefined (an array hole, a key JSON would drop), functions, symbols, bigints
  }
}

/**
 * The memo key of a request's selection: its preset name and config as JSON text, or undefined when
 * that text would not be the selection's data exactly (a -0, a non-finite number, an `undefined`, a
 * class instance or a `toJSON` anywhere, which JSON writes as something else or not at all) or is
 * longer than `MAX_KEPT_CONFIG_CHARS`. Two selections with the same key are the same data.
 */
export function selectionKey(request: ConfigSelection): string | undefined {
  let exact = true;
  const text = JSON.stringify([request.preset ?? null, request.config ?? null], function (this: unknown, key: string, value: unknown) {
    // `this` is the holder: its own value before any toJSON, which is what the merge reads.
    if (exact && !writtenExactly((this as Record<string, unknown>)[key])) exact = false;
    return value;
  });
  return exact && text.length <= MAX_KEPT_CONFIG_CHARS ? text : undefined;
}

function selectionMemoOf(policy: Policy<unknown>, presets: PresetTable): LruCache<string, ResolvedConfig<unknown>> {
  let ofTable = bySelection.get(presets);
  if (ofTable === undefined) {
    ofTable = new WeakMap();
    bySelection.set(presets, ofTable);
  }
  let memo = ofTable.get(policy);
  if (memo === undefined) {
    memo = new LruCache(RESOLVED_CONFIGS_PER_CLASS);
    ofTable.set(policy, memo);
  }
  return memo;
}

/**
 * Merges `request.config` over the preset `request.preset` (the operator's `presets` table, else
 * the policy's own) over `policy.defaults`, and validates the result against
 * `policy.configClass`. Throws `ConfigError`/`ScheduleInputError` naming the path.
 */
export function resolvePolicyConfig<C>(
  policy: Policy<C>,
  request: ConfigSelection,
  presets: PresetTable = NO_PRESETS,
): ResolvedConfig<C> {
  const selection = selectionKey(request);
  const selections = selection === undefined ? undefined : selectionMemoOf(policy as Policy<unknown>, presets);
  const found = selection === undefined ? undefined : selections?.get(selection);
  if (found !== undefined) return found as ResolvedConfig<C>;
  let base: unknown = policy.defaults;
  if (request.preset !== undefined) base = deepMerge(base, findPreset(policy, request.preset, presets), 'config');
  const merged = deepMerge(base, request.config, 'config');
  const key = resolvedConfigKey(merged);
  const memo = memoOf(policy.configClass);
  let resolved = key === undefined ? undefined : (memo.get(key) as ResolvedConfig<C> | undefined);
  if (resolved === undefined) {
    const config = validateConfig(policy.configClass, merged);
    resolved = deepFreeze({ merged, config, canonical: canonicalJson(merged) });
    if (key !== undefined) memo.set(key, resolved as ResolvedConfig<unknown>);
  }
  if (selection !== undefined) selections?.set(selection, resolved as ResolvedConfig<unknown>);
  return resolved;
}
