/**
 * Operator limits on what a request's config may hold: nesting depth, number of values, keys that
 * could reach a prototype, and the length of target lists. Checked on the raw request, before
 * class-transformer copies it (it recurses and silently drops `__proto__`/`constructor` keys) and
 * before any merge, so a hostile config costs little to refuse.
 */
import { ConfigError } from '../errors';
import { FORBIDDEN_KEYS, isPlainObject, MAX_CONFIG_DEPTH, MAX_CONFIG_NODES } from './merge';

/** Limits on a request's config; the merge's own bounds (`MAX_CONFIG_*`) still apply above them. */
export interface ConfigLimits {
  /** Deepest nesting accepted (the config object itself is level 0). */
  readonly maxDepth: number;
  /** Values (objects, arrays and scalars) accepted in all. */
  readonly maxValues: number;
  /** Longest `calibration_targets` / `soft_targets` list accepted in a request's config. */
  readonly maxTargets: number;
}

/** The limits when nothing is configured: the merge's hard bounds and 32 targets per list. */
export const DEFAULT_CONFIG_LIMITS: ConfigLimits = Object.freeze({
  maxDepth: MAX_CONFIG_DEPTH,
  maxValues: MAX_CONFIG_NODES,
  maxTargets: 32,
});

/** Config keys holding lists of sources to schedule, each source costing ephemeris work. */
export const TARGET_LIST_KEYS: readonly string[] = ['calibration_targets', 'soft_targets'];

/**
 * Throws `ConfigError` (with the dotted path) when `config` nests deeper than `maxDepth`, holds
 * more than `maxValues` values or has a key of `FORBIDDEN_KEYS` at any level. Iterative, so even a
 * pathological nesting cannot overflow the stack.
 */
export function checkConfigShape(config: unknown, limits: Pick<ConfigLimits, 'maxDepth' | 'maxValues'>, path = 'config'): void {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: config, path, depth: 0 }];
  let count = 0;
  while (stack.length > 0) {
    const { value, path: p, depth } = stack.pop()!;
    if (++count > limits.maxValues) {
      throw new ConfigError(path, `is too large: more than ${limits.maxValues} values (the configured limit)`);
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= limits.maxDepth) {
      throw new ConfigError(p, `is nested too deeply: at most ${limits.maxDepth} levels are accepted (the configured limit)`);
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, path: `${p}[${i}]`, depth: depth + 1 }));
    } else {
      for (const [k, v] of Object.entries(value)) {
        if (FORBIDDEN_KEYS.has(k)) throw new ConfigError(`${p}.${k}`, 'is not an allowed key');
        stack.push({ value: v, path: `${p}.${k}`, depth: depth + 1 });
      }
    }
  }
}

/**
 * Throws `ConfigError` when a target list of `config` (`TARGET_LIST_KEYS`) is longer
 * than `maxTargets`; lists of another type are left to the policy's own validation.
 */
export function checkTargetLists(config: unknown, maxTargets: number, path = 'config'): void {
  if (!isPlainObject(config)) return;
  for (const key of TARGET_LIST_KEYS) {
    const list = Object.prototype.hasOwnProperty.call(config, key) ? config[key] : undefined;
    if (Array.isArray(list) && list.length > maxTargets) {
      throw new ConfigError(
        `${path}.${key}`,
        `lists ${list.length} targets; at most ${maxTargets} are accepted (the configured limit)`,
      );
    }
  }
}
