/**
 * class-validator decorators of the schedule request, each with the contract's message: it names
 * the field (or dotted path), what was sent and what is accepted.
 */
import { ValidateBy, type ValidationArguments, type ValidationOptions } from 'class-validator';
import { isPlainObject } from '../../core/config/merge';
import { kindOf } from '../../core/messages';
import { timeFieldProblem } from '../../core/time/time-field';
import { invalidPolicyMessage, readPolicyField } from './policy-field';

/** Whether `v` is a non-empty string once trimmed. */
function isName(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/**
 * A request time (`t0`, `t1`): `YYYY-MM-DD HH:MM[:SS]` or ISO 8601, UTC unless a zone is given.
 * "Missing t0 field" when absent; otherwise the field, the value and the accepted forms.
 */
export function IsScheduleTime(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isScheduleTime',
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => timeFieldProblem(args?.property ?? '', value) === undefined,
        defaultMessage: (args?: ValidationArguments) => timeFieldProblem(args?.property ?? '', args?.value) ?? '',
      },
    },
    options,
  );
}

/**
 * The `policy` field once read: an object (then checked as `PolicySelectionDto`). Anything else is
 * explained as `readPolicyField` does: missing, not JSON, not an object.
 */
export function IsPolicySelection(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPolicySelection',
      validator: {
        validate: (value: unknown) => value !== null && typeof value === 'object' && !Array.isArray(value),
        defaultMessage: (args?: ValidationArguments) => {
          const reading = readPolicyField(args?.value);
          return 'problem' in reading ? reading.problem : invalidPolicyMessage(`got ${kindOf(args?.value)}`);
        },
      },
    },
    options,
  );
}

/** The `policy` key of the selection: a non-empty name (looked up later, by the service). */
export function IsPolicyName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPolicyName',
      validator: {
        validate: isName,
        defaultMessage: (args?: ValidationArguments) =>
          invalidPolicyMessage(
            args?.value === undefined
              ? 'the object has no "policy" key naming the policy'
              : `the "policy" key must be a non-empty string (got ${kindOf(args.value)})`,
          ),
      },
    },
    options,
  );
}

/** The `config` key of the selection: an object of settings (checked by the policy's config class later). */
export function IsConfigObject(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isConfigObject',
      validator: {
        validate: isPlainObject,
        defaultMessage: (args?: ValidationArguments) =>
          `Invalid config: config must be an object of settings such as {} (got ${kindOf(args?.value)})`,
      },
    },
    options,
  );
}

/** The `preset` key of the selection (extension): a non-empty name. */
export function IsPresetName(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isPresetName',
      validator: {
        validate: isName,
        defaultMessage: (args?: ValidationArguments) =>
          `Invalid preset: the "preset" key must be a non-empty string (got ${kindOf(args?.value)})`,
      },
    },
    options,
  );
}
