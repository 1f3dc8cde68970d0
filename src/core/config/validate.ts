/**
 * Validation of a policy's merged config against its config class (class-validator and
 * class-transformer). The first problem becomes a `ConfigError` with the dotted path of the key
 * and what it accepts; a valid config comes back as plain, frozen JSON data, never as class
 * instances (configs are posted to worker threads and hashed as canonical JSON).
 */
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { ConfigError } from '../errors';
import { applyConfigDecorators, CROSS_KEY_GROUP, describeValue, type ConfigContext } from './decorators';
import { deepFreeze, deepMerge, isPlainObject } from './merge';

/** A config class: decorated keys, no constructor arguments, no methods the data could lack. */
export type ConfigClass<C = unknown> = new () => C;

/** First pass: each key on its own, unknown keys refused, first failure per key only. */
const KEY_PASS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: false,
  stopAtFirstError: true,
  strictGroups: true,
  validationError: { target: true, value: true },
};

/** Second pass: only the checks across keys (and the nesting that reaches them). */
const CROSS_KEY_PASS: ValidatorOptions = {
  groups: [CROSS_KEY_GROUP],
  forbidUnknownValues: false,
  stopAtFirstError: true,
  validationError: { target: true, value: true },
};

const WHITELIST_CONSTRAINT = 'whitelistValidation';

const knownKeysByClass = new WeakMap<object, readonly string[]>();

/** The keys a config class declares, in declaration order (inherited ones after). */
export function knownKeys(cls: object): readonly string[] {
  let keys = knownKeysByClass.get(cls);
  if (keys === undefined) {
    applyConfigDecorators();
    const metadata = getMetadataStorage().getTargetValidationMetadatas(cls as new () => unknown, '', true, false);
    keys = Object.freeze([...new Set(metadata.map((m) => m.propertyName))]);
    knownKeysByClass.set(cls, keys);
  }
  return keys;
}

function problemOf(e: ValidationError, constraint: string, path: string): ConfigError {
  if (constraint === WHITELIST_CONSTRAINT) {
    const known = e.target ? knownKeys(e.target.constructor) : [];
    return new ConfigError(path, `is not a known key (known keys: ${known.length ? known.join(', ') : 'none'})`);
  }
  if (e.value === undefined) return new ConfigError(path, 'is required');
  const context = e.contexts?.[constraint] as ConfigContext | undefined;
  if (typeof context?.explain === 'function') {
    const p = context.explain(e.value, e.target ?? {});
    return new ConfigError(`${path}${p.at ?? ''}`, p.why);
  }
  // A class decorated with plain class-validator decorators: its own message, then the value.
  return new ConfigError(path, `is not accepted: ${e.constraints?.[constraint]} (got ${describeValue(e.value)})`);
}

/** The first failure in key order, depth first; `inArray` when `errors` are items of a list. */
function firstProblem(errors: readonly ValidationError[], parent: string, inArray: boolean): ConfigError | undefined {
  for (const e of errors) {
    const path = inArray ? `${parent}[${e.property}]` : `${parent}.${e.property}`;
    const failed = e.constraints ? Object.keys(e.constraints) : [];
    if (failed.length > 0) return problemOf(e, failed[0], path);
    const inner = firstProblem(e.children ?? [], path, Array.isArray(e.value));
    if (inner) return inner;
  }
  return undefined;
}

/**
 * Validates `merged` (the deep merge of defaults, preset and request, as plain JSON) against
 * `cls` and returns it as a frozen plain copy typed `C`. Throws `ConfigError` for the first
 * problem: each key's own checks in declaration order (unknown keys of an object first), then the
 * checks across keys. `path` names the config in messages.
 */
export function validateConfig<C>(cls: ConfigClass<C>, merged: unknown, path = 'config'): C {
  if (!isPlainObject(merged)) throw new ConfigError(path, `must be an object (got ${describeValue(merged)})`);
  // A checked copy (JSON values only, no prototype keys, bounded): the caller's object stays its own.
  const data = deepMerge(merged, undefined, path);
  applyConfigDecorators();
  const instance = plainToInstance(cls, data) as object;
  for (const options of [KEY_PASS, CROSS_KEY_PASS]) {
    const problem = firstProblem(validateSync(instance, options), path, false);
    if (problem) throw problem;
  }
  return deepFreeze(data) as C;
}
