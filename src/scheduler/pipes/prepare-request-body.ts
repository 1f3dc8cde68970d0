/**
 * What the schedule pipe does to the raw JSON body before class-transformer sees it. Both
 * class-transformer and `ValidationPipe` walk a value recursively (a body nested a few thousand
 * levels deep would overflow the stack), and class-transformer silently drops `__proto__` and
 * `constructor` keys; so the body is cut down to the fields the DTO reads, the `policy` field is
 * read into its object form, and the client's config is bounded, all without recursion.
 */
import { checkConfigShape, checkTargetLists, type ConfigLimits } from '../../core/config/limits';
import { isPlainObject, type PlainObject } from '../../core/config/merge';
import { ScheduleInputError } from '../../core/errors';
import { kindOf } from '../../core/messages';
import { readPolicyField } from '../dto/policy-field';

/** An example body, for the message of a body that is not an object. */
const BODY_EXAMPLE = '{"t0": "2026-11-29 21:05", "t1": "2026-11-29 22:05", "policy": "dummy"}';

function own(obj: PlainObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/**
 * An object or array that can only be refused for its kind ("got an array") is replaced by an
 * empty one of the same kind: the validators' messages stay the same and nothing deep is copied.
 */
function shallow(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Array.isArray(value) ? [] : {};
}

/** The `policy` field in object form with its config bounded, or left (shallow) for the validator to explain. */
function preparePolicy(value: unknown, limits: ConfigLimits): unknown {
  const reading = readPolicyField(value);
  if ('problem' in reading) return shallow(value);
  const config = own(reading.selection, 'config');
  if (isPlainObject(config)) {
    checkConfigShape(config, limits);
    checkTargetLists(config, limits.maxTargets);
  }
  return {
    policy: shallow(own(reading.selection, 'policy')),
    config: isPlainObject(config) ? config : shallow(config),
    preset: shallow(own(reading.selection, 'preset')),
  };
}

/**
 * Returns a new object with only `t0`, `t1` and `policy` of `body`, the policy in object form and
 * its config within `limits`. Throws `ScheduleInputError` when the body is not a JSON object and
 * `ConfigError` when the config is too deep, too large, has too many targets or a forbidden key.
 */
export function prepareScheduleBody(body: unknown, limits: ConfigLimits): PlainObject {
  if (!isPlainObject(body)) {
    throw new ScheduleInputError(`The request body must be a JSON object such as ${BODY_EXAMPLE} (got ${kindOf(body)})`);
  }
  return {
    t0: shallow(own(body, 't0')),
    t1: shallow(own(body, 't1')),
    policy: preparePolicy(own(body, 'policy'), limits),
  };
}
