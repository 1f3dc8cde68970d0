/**
 * Reading the request's `policy` field in its three forms: a JSON string
 * `'{"policy": NAME, "config": {...}}'` (what clients send), the same object inline, or a bare
 * policy name such as `"dummy"` (older clients). `preset` is our extension.
 */
import { ScheduleInputError } from '../../core/errors';
import { isPlainObject } from '../../core/config/merge';
import { kindOf, quoteInput } from './parse-time';

/** The policy part of a request, before the policy is looked up. */
export interface PolicyRequest {
  /** Policy name as sent (not yet checked against the registry). */
  readonly name: string;
  /** The request's config overrides (a plain object), when given. */
  readonly config?: Readonly<Record<string, unknown>>;
  /** Name of a stored config between the defaults and `config` (extension), when given. */
  readonly preset?: string;
}

/** What the `policy` field may look like, for messages. */
export const POLICY_FORMS =
  'a JSON object such as {"policy": "dummy", "config": {}} (inline or as a JSON string) or a policy name such as "dummy"';

// Bare names: what a policy may be called. Anything else in a string must be JSON.
const NAME_RE = /^[A-Za-z][A-Za-z0-9_.-]*$/;

// JSON literals that also look like names: they are read as JSON (and rejected as non-objects).
const JSON_WORDS: ReadonlySet<string> = new Set(['null', 'true', 'false']);

function invalid(why: string): never {
  throw new ScheduleInputError(`Invalid policy: ${why}; expected ${POLICY_FORMS}`, 'policy');
}

function fromObject(obj: Record<string, unknown>): PolicyRequest {
  const name = obj.policy;
  if (name === undefined) invalid('the object has no "policy" key naming the policy');
  if (typeof name !== 'string' || name.trim() === '') {
    invalid(`the "policy" key must be a non-empty string (got ${kindOf(name)})`);
  }
  const config = obj.config;
  if (config !== undefined && config !== null && !isPlainObject(config)) {
    throw new ScheduleInputError(
      `Invalid config: config must be an object of settings such as {} (got ${kindOf(config)})`,
      'config',
    );
  }
  const preset = obj.preset;
  if (preset !== undefined && preset !== null && (typeof preset !== 'string' || preset.trim() === '')) {
    throw new ScheduleInputError(
      `Invalid preset: the "preset" key must be a non-empty string (got ${kindOf(preset)})`,
      'preset',
    );
  }
  return {
    name: name.trim(),
    ...(isPlainObject(config) ? { config } : {}),
    ...(typeof preset === 'string' ? { preset: preset.trim() } : {}),
  };
}

function fromString(text: string): PolicyRequest {
  const s = text.trim();
  if (s === '') invalid('it is an empty string');
  if (NAME_RE.test(s) && !JSON_WORDS.has(s)) return { name: s };
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch {
    invalid(`${quoteInput(s)} is neither valid JSON nor a policy name`);
  }
  // A JSON string holding a name ('"dummy"') is a bare name that was quoted once more.
  if (typeof parsed === 'string' && NAME_RE.test(parsed.trim())) return { name: parsed.trim() };
  if (!isPlainObject(parsed)) invalid(`the JSON string holds ${kindOf(parsed)}, not an object`);
  return fromObject(parsed);
}

/**
 * Parses the `policy` field. Throws `ScheduleInputError` saying what was expected when it is
 * missing, not JSON, not an object or without a usable name. The name is not looked up here.
 */
export function parsePolicyField(value: unknown): PolicyRequest {
  if (value === undefined) throw new ScheduleInputError('Missing policy field', 'policy');
  if (typeof value === 'string') return fromString(value);
  if (isPlainObject(value)) return fromObject(value);
  return invalid(`got ${kindOf(value)}`);
}
