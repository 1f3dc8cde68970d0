/**
 * The config a policy runs with: its defaults, then a named preset (extension), then the
 * request's `config`, deep-merged and validated against the policy's config class. Defaults are
 * never modified.
 */
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

/**
 * Each policy's defaults, merged and validated once: a request without config keys or preset
 * (what `dummy` clients send) resolves to them. Validation is a pure function of the policy's
 * config class and the data, so the first outcome is every later one; a failure is not kept.
 */
const resolvedDefaults = new WeakMap<Policy<unknown>, ResolvedConfig<unknown>>();

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
    const known = resolvedDefaults.get(policy as Policy<unknown>);
    if (known) return known as ResolvedConfig<C>;
  }
  let base: unknown = policy.defaults;
  if (request.preset !== undefined) base = deepMerge(base, findPreset(policy, request.preset, presets), 'config');
  const merged = deepMerge(base, request.config, 'config');
  const resolved: ResolvedConfig<C> = { merged, config: validateConfig(policy.configClass, merged) };
  if (defaultsOnly) resolvedDefaults.set(policy as Policy<unknown>, deepFreeze(resolved) as ResolvedConfig<unknown>);
  return resolved;
}
