/**
 * How client input is echoed in error messages: quoted and cut short so a message stays one
 * line, and JSON kinds named in plain words ("got an array").
 */

/** Echo of a client value in a message: JSON-quoted and cut short so a message stays one line. */
export function quoteInput(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max - 3)}...` : value;
  return JSON.stringify(cut);
}

/** Plain name of a JSON value's kind, for "got ..." in messages. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'object':
      return 'an object';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'string':
      return 'a string';
    default:
      return typeof value;
  }
}
