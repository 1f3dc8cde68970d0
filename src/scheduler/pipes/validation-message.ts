/**
 * Turns class-validator's errors into the contract's single message: the first error in the order
 * of the class's properties, deepest first. Our validators' messages name the field or dotted path
 * themselves, so the message is used as it is.
 */
import type { ValidationError } from 'class-validator';

// What @ValidateNested reports for a value that is not an object: the field's own validator says it better.
const NESTED_VALIDATION = 'nestedValidation';

/** The message of the first failed constraint in `errors` (depth first), or `undefined` when there is none. */
export function firstValidationMessage(errors: readonly ValidationError[]): string | undefined {
  for (const error of errors) {
    const constraints = Object.entries(error.constraints ?? {});
    const own = constraints.find(([name]) => name !== NESTED_VALIDATION);
    if (own) return own[1];
    const nested = firstValidationMessage(error.children ?? []);
    if (nested !== undefined) return nested;
    if (constraints.length > 0) return constraints[0][1];
  }
  return undefined;
}
