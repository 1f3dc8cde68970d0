/**
 * The request's `policy` field in its three forms: a JSON string
 * `'{"policy": NAME, "config": {...}}'` (what clients send), the same object inline, or a bare
 * policy name such as `"dummy"` (older clients). `preset` is our extension.
 */
import { isPlainObject, type PlainObject } from '../../core/config/merge';
import { kindOf, quoteInput } from '../../core/messages';

/** What the `policy` field may look like, for messages. */
export const POLICY_FORMS =
  'a JSON object such as {"policy": "dummy", "config": {}} (inline or as a JSON string) or a policy name such as "dummy"';

/** Message of a request without a `policy` field. */
export const MISSING_POLICY_MESSAGE = 'Missing policy field';

/** What a policy may be called (so that it can be sent as a bare name). Anything else in a string must be JSON. */
export const POLICY_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_.-]*$/;
const NAME_RE = POLICY_NAME_PATTERN;

// JSON literals that also look like names: they are read as JSON (and refused as non-objects).
const JSON_WORDS: ReadonlySet<string> = new Set(['null', 'true', 'false']);

/** The `policy` field read as the selection object (not yet checked), or why it cannot be. */
export type PolicyFieldReading = { readonly selection: PlainObject } | { readonly problem: string };

/** The message of an unreadable `policy` field: what is wrong, then the accepted forms. */
export function invalidPolicyMessage(why: string): string {
  return `Invalid policy: ${why}; expected ${POLICY_FORMS}`;
}

function fromString(text: string): PolicyFieldReading {
  const s = text.trim();
  if (s === '') return { problem: invalidPolicyMessage('it is an empty string') };
  if (NAME_RE.test(s) && !JSON_WORDS.has(s)) return { selection: { policy: s } };
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    return { problem: invalidPolicyMessage(`${quoteInput(s)} is neither valid JSON nor a policy name`) };
  }
  // A JSON string holding a name ('"dummy"') is a bare name that was quoted once more.
  if (typeof parsed === 'string' && NAME_RE.test(parsed.trim())) return { selection: { policy: parsed.trim() } };
  if (!isPlainObject(parsed)) return { problem: invalidPolicyMessage(`the JSON string holds ${kindOf(parsed)}, not an object`) };
  return { selection: parsed };
}

/**
 * Reads the `policy` field into the object form `{policy, config?, preset?}` (its keys are
 * checked by `PolicySelectionDto`), or says why it cannot: missing, not JSON, not an object.
 */
export function readPolicyField(value: unknown): PolicyFieldReading {
  if (value === undefined) return { problem: MISSING_POLICY_MESSAGE };
  if (typeof value === 'string') return fromString(value);
  if (isPlainObject(value)) return { selection: value };
  return { problem: invalidPolicyMessage(`got ${kindOf(value)}`) };
}
