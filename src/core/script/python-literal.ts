/**
 * Python literals for the scripts the telescope executes. Every value a policy puts into a script
 * goes through one of these, so no text from a request, a file or a config can become code:
 * strings are escaped by Python's own rules into ASCII-only literals, numbers must be finite.
 * Exported for host apps' policies too (`src/core/script`).
 */

/** Hex digits of `n`, upper-case-free and zero-padded to `width` (Python accepts either case). */
function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/**
 * The escape of one code point, or `undefined` when it stands for itself: printable ASCII other
 * than the backslash (and the quote, when `quote` is set). Control characters and everything
 * beyond ASCII become `\xNN`, `\uNNNN` or `\UNNNNNNNN`, lone surrogates included (`\ud800`),
 * so a script is plain ASCII whatever the name holds and the escape reads back to the same text.
 */
function escapeCodePoint(cp: number, quote: boolean): string | undefined {
  switch (cp) {
    case 0x5c:
      return '\\\\';
    case 0x27:
      return quote ? "\\'" : undefined;
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
  }
  if (cp >= 0x20 && cp < 0x7f) return undefined;
  if (cp <= 0xff) return `\\x${hex(cp, 2)}`;
  if (cp <= 0xffff) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

/**
 * True when every character of `text` stands for itself (`escapeCodePoint` gives `undefined` for
 * each): printable ASCII, not the backslash, not the quote when `quote` is set. Such a text is its
 * own escape; the names and times of a schedule almost always are.
 */
function standsForItself(text: string, quote: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === 0x5c || (quote && c === 0x27)) return false;
  }
  return true;
}

function escapeText(text: string, quote: boolean): string {
  if (typeof text !== 'string') throw new TypeError(`python literal: expected a string, got ${typeof text}`);
  if (standsForItself(text, quote)) return text;
  let out = '';
  // for..of walks code points; a lone surrogate comes out alone, as one UTF-16 unit.
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    out += escapeCodePoint(cp, quote) ?? ch;
  }
  return out;
}

/**
 * A Python `str` literal in single quotes that evaluates to exactly `text` (`ast.literal_eval`
 * round-trips it), ASCII-only: `Fornax's field` → `'Fornax\'s field'`.
 */
export function pyStr(text: string): string {
  return `'${escapeText(text, true)}'`;
}

/**
 * A comment line `# text` that stays one comment line whatever `text` holds: line breaks,
 * control and non-ASCII characters and backslashes are written as their Python escapes (quotes
 * are left alone), so printable-ASCII names read as they are and nothing can start a new line.
 */
export function pyComment(text: string): string {
  return `# ${escapeText(text, false)}`;
}

function requireFinite(x: number, what: string): void {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw new RangeError(`python literal: ${what} must be a finite number, got ${String(x)}`);
  }
}

/**
 * Python `'{:.2f}'.format(x)` for a finite `x`: correctly rounded on the exact binary value,
 * exact ties to even. Throws `RangeError` for NaN and ±Infinity (`nan`/`inf` are names, not
 * literals, in Python). `toFixed` is also exact but sends ties away from zero, and ties only
 * happen when x·8 is an odd integer (fractions .125, .375, .625, .875), so those are rounded
 * here with integers.
 */
export function formatFixed2(x: number): string {
  requireFinite(x, 'a .2f value');
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  const a = Math.abs(x);
  if (a >= 1e21) return `${sign}${BigInt(a).toString()}.00`; // toFixed switches to exponent form
  const m = a * 8; // exact: scaling by a power of two
  if (Number.isInteger(m) && m % 2 === 1) {
    // a·100 = 25m/2 lies exactly between (25m − 1)/2 and (25m + 1)/2; take the even one.
    const lo = (25n * BigInt(m) - 1n) / 2n;
    const n = lo % 2n === 0n ? lo : lo + 1n;
    const frac = (n % 100n).toString().padStart(2, '0');
    return `${sign}${(n / 100n).toString()}.${frac}`;
  }
  return `${sign}${a.toFixed(2)}`;
}

/**
 * A non-negative whole number of hundredths written as a decimal literal with two places,
 * exactly (`12345` → `123.45`). Throws `RangeError` for anything but a safe non-negative integer.
 */
export function formatHundredths(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`python literal: hundredths must be a non-negative safe integer, got ${String(n)}`);
  }
  return `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
}
