/**
 * Property decorators of the policies' config classes. Each declares one key with class-validator
 * (class-transformer's `@Type` for nested classes), a description for the JSON Schema, and how a
 * rejected value is explained: `validateConfig` turns the explanation into a `ConfigError` naming
 * the dotted path of the key, or of the element inside it (`bounds_x[1]`), and what is accepted.
 *
 * class-validator runs a key's constraints in the order they were registered and stops at the
 * first failure; TypeScript applies stacked decorators bottom-up, so put a key's own decorator
 * right above the key and any `FieldCheck`/`CrossCheck` above that.
 *
 * The decorators only record themselves when a class is defined; `applyConfigDecorators` registers
 * them with the libraries, in the order TypeScript applied them, before anything reads the
 * metadata (`validateConfig`, `knownKeys`, `configJsonSchema`). A worker thread that only runs
 * policies, with configs already validated, so never loads class-validator, class-transformer and
 * class-validator-jsonschema (about 360 modules, 11 MB of each thread's memory).
 */
import type { ValidationOptions } from 'class-validator';
import { ACCEPTED_TIME_FORMATS, parseInstant } from '../time/iso';

/** A JSON Schema fragment (OpenAPI 3.0 flavour). */
export type JsonSchema = { [key: string]: unknown };

/** What is wrong with a value: where inside it (`[1]`, `[0].name`; absent for the key itself) and why. */
export interface Problem {
  readonly at?: string;
  /** Ends the message after the path: `must be a number between 0 and 180 (got 200)`. */
  readonly why: string;
}

/** A check of a key: `undefined` when the value is accepted, else the problem. `object` holds the key. */
export type Check<V = unknown, O = object> = (value: V, object: O) => Problem | undefined;

/** What the decorators attach to each class-validator constraint as `context`. */
export interface ConfigContext {
  /** Explains a failure of the constraint (called only after it failed). */
  readonly explain: (value: unknown, object: object) => Problem;
  /** JSON Schema fragment of a custom check (built-in constraints use the library's converters). */
  readonly jsonSchema?: JsonSchema;
  /** The class of a nested object, or of each item of a nested list. */
  readonly nestedClass?: () => new () => unknown;
}

/** Validation group of the checks across keys: they run only once every key passed on its own. */
export const CROSS_KEY_GROUP = 'config-cross-key';

/** Longest rendering of a rejected value in a message. */
const MAX_SHOWN_CHARS = 40;

/** Short rendering of a rejected value for messages (`"6"`, `[1,2]`, `nothing`). */
export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  let text: string;
  try {
    text = JSON.stringify(v) ?? String(v);
  } catch {
    text = String(v);
  }
  return text.length > MAX_SHOWN_CHARS ? `${text.slice(0, MAX_SHOWN_CHARS - 3)}...` : text;
}

/** Description of a key for the JSON Schema (its default comes from the policy's `defaults`). */
export interface FieldDoc {
  readonly description?: string;
}

/** Bounds of a number key (or of each number in a list). */
export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  /** Greater than 0 (strictly). */
  readonly positive?: boolean;
  readonly integer?: boolean;
}

/** Bounds of a string key. */
export interface StringBounds {
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: RegExp;
  /** Words for the pattern in messages ("a name of letters and digits"). */
  readonly patternText?: string;
}

/** Length bounds of a list key. */
export interface ListBounds {
  readonly minItems?: number;
  readonly maxItems?: number;
}

type Decorator = (target: object, key: string | symbol) => void;

/** The validation libraries, loaded on first use (see the header). */
interface Libraries {
  readonly cv: typeof import('class-validator');
  readonly ct: typeof import('class-transformer');
  readonly js: typeof import('class-validator-jsonschema');
}

let libraries: Libraries | undefined;

function libs(): Libraries {
  libraries ??= { cv: require('class-validator'), ct: require('class-transformer'), js: require('class-validator-jsonschema') };
  return libraries;
}

/** A decorator application recorded at class definition: the class's prototype, the key, and what to apply. */
interface PendingDecorator {
  readonly target: object;
  readonly key: string | symbol;
  readonly make: () => Decorator;
}

const pending: PendingDecorator[] = [];

/** Records `make`'s decorator for the key it decorates; `applyConfigDecorators` applies it. */
function deferred(make: () => Decorator): PropertyDecorator {
  return (target, key) => {
    pending.push({ target, key, make });
  };
}

/**
 * Registers every config decorator recorded so far with class-validator, class-transformer and
 * class-validator-jsonschema, in the order the classes applied them (which class-validator keeps
 * as the order of a key's checks). Call before reading their metadata; cheap when nothing is new.
 */
export function applyConfigDecorators(): void {
  while (pending.length > 0) {
    const { target, key, make } = pending.shift()!;
    make()(target, key);
  }
}

/** Applies several property decorators in this order (class-validator then runs them in this order). */
function all(...decorators: readonly (Decorator | false | undefined)[]): Decorator {
  return (target, key) => {
    for (const d of decorators) if (d) d(target, key);
  };
}

/** Options of one class-validator constraint: a fixed message (no client text) and how to explain a failure. */
function explained(message: string, explain: ConfigContext['explain'], each = false): ValidationOptions {
  const context: ConfigContext = { explain };
  return { message, context, ...(each ? { each: true } : {}) };
}

/** `why` followed by the rejected value: `must be a string (got 5)`. */
function gotValue(why: string): ConfigContext['explain'] {
  return (v) => ({ why: `${why} (got ${describeValue(v)})` });
}

/** A string's length, anything else as `describeValue` shows it: a long text would fill the message. */
function lengthOf(v: unknown): string {
  return typeof v === 'string' ? String(v.length) : describeValue(v);
}

/** Explains an `each` constraint by the first item that `ok` refuses: `[2] must be ... (got ...)`. */
function firstBadItem(ok: (item: unknown) => boolean, why: string, show = describeValue): ConfigContext['explain'] {
  return (v) => {
    const items: readonly unknown[] = Array.isArray(v) ? v : [];
    const i = items.findIndex((item) => !ok(item));
    return i < 0 ? { why } : { at: `[${i}]`, why: `${why} (got ${show(items[i])})` };
  };
}

function documented(doc: FieldDoc): Decorator | undefined {
  return doc.description === undefined ? undefined : (libs().js.JSONSchema({ description: doc.description }) as Decorator);
}

/** "a number between 0 and 180", "an integer at least 1", "a number greater than 0 and at most 1000000". */
export function numberText(o: NumberBounds): string {
  const noun = o.integer ? 'an integer' : 'a number';
  const parts: string[] = [];
  if (o.positive) parts.push('greater than 0');
  if (o.min !== undefined && o.max !== undefined) parts.push(`between ${o.min} and ${o.max}`);
  else if (o.min !== undefined) parts.push(`at least ${o.min}`);
  else if (o.max !== undefined) parts.push(`at most ${o.max}`);
  return parts.length ? `${noun} ${parts.join(' and ')}` : noun;
}

const FINITE = { allowNaN: false, allowInfinity: false } as const;

/** The predicate the number constraints below amount to (class-validator's own functions). */
function numberOk(v: unknown, o: NumberBounds): boolean {
  const { isInt, isNumber, isPositive, min, max } = libs().cv;
  return (
    (o.integer ? isInt(v) : isNumber(v, FINITE)) &&
    (!o.positive || isPositive(v)) &&
    (o.min === undefined || min(v, o.min)) &&
    (o.max === undefined || max(v, o.max))
  );
}

/** The class-validator constraints of a bounded number, all sharing `options`. */
function numberConstraints(o: NumberBounds, options: ValidationOptions): Decorator[] {
  const { IsInt, IsNumber, IsPositive, Min, Max } = libs().cv;
  const list: Decorator[] = [o.integer ? IsInt(options) : IsNumber(FINITE, options)];
  if (o.positive) list.push(IsPositive(options));
  if (o.min !== undefined) list.push(Min(o.min, options));
  if (o.max !== undefined) list.push(Max(o.max, options));
  return list;
}

/** An array whose length is within `bounds`; `shape` overrides the messages (a pair wants "an array of 2 items"). */
function listConstraints(bounds: ListBounds, shape?: string): Decorator[] {
  const { IsArray, ArrayMinSize, ArrayMaxSize } = libs().cv;
  const count = (why: string): ConfigContext['explain'] => (v) => ({
    why: `${why} (got ${Array.isArray(v) ? v.length : describeValue(v)})`,
  });
  const list: Decorator[] = [IsArray(explained(shape ?? 'must be an array', gotValue(shape ?? 'must be an array')))];
  if (bounds.minItems !== undefined) {
    const why = shape ?? `must have at least ${bounds.minItems} items`;
    list.push(ArrayMinSize(bounds.minItems, explained(why, shape ? gotValue(why) : count(why))));
  }
  if (bounds.maxItems !== undefined) {
    const why = shape ?? `must have at most ${bounds.maxItems} items`;
    list.push(ArrayMaxSize(bounds.maxItems, explained(why, shape ? gotValue(why) : count(why))));
  }
  return list;
}

/** A finite number (an integer with `integer`) within the bounds. */
export function NumberField(o: NumberBounds & FieldDoc = {}): PropertyDecorator {
  const why = `must be ${numberText(o)}`;
  return deferred(() => all(...numberConstraints(o, explained(why, gotValue(why))), documented(o)));
}

/** The constraints of `StringField`, registered at once. */
function stringField(o: StringBounds & FieldDoc): Decorator {
  const { IsString, MinLength, MaxLength, Matches } = libs().cv;
  const atLeast = `must be a string of at least ${o.minLength} characters`;
  const atMost = `must be a string of at most ${o.maxLength} characters`;
  const matching = `must be ${o.patternText ?? `a string matching ${o.pattern}`}`;
  return all(
    IsString(explained('must be a string', gotValue('must be a string'))),
    o.minLength !== undefined && MinLength(o.minLength, explained(atLeast, gotValue(atLeast))),
    o.maxLength !== undefined && MaxLength(o.maxLength, explained(atMost, (v) => ({ why: `${atMost} (got ${lengthOf(v)})` }))),
    o.pattern !== undefined && Matches(o.pattern, explained(matching, gotValue(matching))),
    documented(o),
  );
}

/** A string within the bounds. */
export function StringField(o: StringBounds & FieldDoc = {}): PropertyDecorator {
  return deferred(() => stringField(o));
}

/** `true` or `false`. */
export function BooleanField(doc: FieldDoc = {}): PropertyDecorator {
  const why = 'must be true or false';
  return deferred(() => all(libs().cv.IsBoolean(explained(why, gotValue(why))), documented(doc)));
}

/** One of a fixed list of strings. */
export function EnumField(values: readonly string[], doc: FieldDoc = {}): PropertyDecorator {
  const why = `must be one of ${values.map((x) => `"${x}"`).join(', ')}`;
  return deferred(() => all(libs().cv.IsIn([...values], explained(why, gotValue(why))), documented(doc)));
}

/** A nested object of class `cls` (validated key by key, its unknown keys refused). */
export function NestedField(cls: () => new () => unknown, doc: FieldDoc = {}): PropertyDecorator {
  const why = 'must be an object';
  const nested: ValidationOptions = { always: true, context: { explain: gotValue(why), nestedClass: cls } satisfies ConfigContext };
  return deferred(() => {
    const { cv, ct } = libs();
    return all(cv.IsObject(explained(why, gotValue(why))), cv.ValidateNested(nested), ct.Type(cls), documented(doc));
  });
}

/** A list of objects of class `cls`. */
export function NestedListField(cls: () => new () => unknown, bounds: ListBounds & FieldDoc = {}): PropertyDecorator {
  const why = 'must be an object';
  const isObjectItem = (item: unknown): boolean => item !== null && typeof item === 'object' && !Array.isArray(item);
  const nested: ValidationOptions = {
    each: true,
    always: true,
    context: { explain: gotValue(why), nestedClass: cls } satisfies ConfigContext,
  };
  return deferred(() => {
    const { cv, ct } = libs();
    return all(
      ...listConstraints(bounds),
      // Before ValidateNested, which would take an array item for a nested list.
      registerCheck('objectItems', (v) => {
        if (!Array.isArray(v)) return undefined;
        const i = v.findIndex((item) => !isObjectItem(item));
        return i < 0 ? undefined : { at: `[${i}]`, why: `${why} (got ${describeValue(v[i])})` };
      }),
      cv.ValidateNested(nested),
      ct.Type(cls),
      documented(bounds),
    );
  });
}

/** A list of numbers, each within `item`; the message names the first bad item (`elevations[1]`). */
export function NumberListField(item: NumberBounds, bounds: ListBounds & FieldDoc = {}): PropertyDecorator {
  const why = `must be ${numberText(item)}`;
  const each = explained(why, firstBadItem((x) => numberOk(x, item), why), true);
  return deferred(() => all(...listConstraints(bounds), ...numberConstraints(item, each), documented(bounds)));
}

/** A `[low, high]` pair of numbers (each within `item`) with low ≤ high. */
export function RangeField(item: NumberBounds & FieldDoc = {}): PropertyDecorator {
  const why = `must be ${numberText(item)}`;
  const each = explained(why, firstBadItem((x) => numberOk(x, item), why), true);
  return deferred(() =>
    all(
      ...listConstraints({ minItems: 2, maxItems: 2 }, 'must be an array of 2 items'),
      ...numberConstraints(item, each),
      registerCheck('orderedPair', (v) =>
        Array.isArray(v) && v[0] > v[1] ? { why: `must be [low, high] with low ≤ high (got ${JSON.stringify(v)})` } : undefined,
      ),
      documented(item),
    ),
  );
}

/** Options of `NameListField`. */
export interface NameListOptions extends FieldDoc {
  /** What one name stands for, in the message about a repeated name ("source"). */
  readonly noun: string;
  /** Longest accepted name (a bound on what a message may quote). */
  readonly maxLength: number;
}

/** A list of distinct names out of `names`, at most one of each. */
export function NameListField(names: readonly string[], o: NameListOptions): PropertyDecorator {
  const string = 'must be a string';
  const short = `must be a string of at most ${o.maxLength} characters`;
  const known = `must be one of ${names.join(', ')}`;
  return deferred(() => {
    const { IsString, MaxLength, IsIn, ArrayUnique, isString, maxLength, isIn } = libs().cv;
    return all(
      ...listConstraints({ maxItems: names.length }),
      IsString(explained(string, firstBadItem(isString, string), true)),
      MaxLength(o.maxLength, explained(short, firstBadItem((x) => maxLength(x, o.maxLength), short, lengthOf), true)),
      IsIn([...names], explained(known, firstBadItem((x) => isIn(x, [...names]), known), true)),
      ArrayUnique({
        message: 'must not repeat a name',
        context: {
          explain: (v) => {
            const items = v as readonly unknown[];
            const i = items.findIndex((x, k) => items.indexOf(x) !== k);
            return { at: `[${i}]`, why: `repeats ${describeValue(items[i])}; list each ${o.noun} once` };
          },
        } satisfies ConfigContext,
      }),
      documented(o),
    );
  });
}

/** A time string: ISO 8601 or `YYYY-MM-DD HH:MM[:SS]` (UTC), kept as text. */
export function IsoTimeField(doc: FieldDoc = {}): PropertyDecorator {
  const why = `must be a time string, ${ACCEPTED_TIME_FORMATS}`;
  return deferred(() =>
    all(
      stringField({ maxLength: 64 }),
      registerCheck(
        'isoTime',
        (v) => (typeof v === 'string' && parseInstant(v) === undefined ? { why: `${why} (got ${describeValue(v)})` } : undefined),
        {},
        { type: 'string', format: 'date-time' },
      ),
      documented(doc),
    ),
  );
}

/**
 * The key may be absent (a request's `null` removes it before validation). A present value is
 * checked as usual, `null` included.
 */
export function OptionalField(): PropertyDecorator {
  return deferred(() => libs().cv.ValidateIf((_object, value) => value !== undefined, { always: true }));
}

function registerCheck(name: string, check: Check, options: ValidationOptions = {}, jsonSchema?: JsonSchema): Decorator {
  return (target, key) => {
    const explain = (value: unknown, object: object): Problem => check(value, object) ?? { why: 'is not accepted' };
    const context: ConfigContext = jsonSchema ? { explain, jsonSchema } : { explain };
    libs().cv.registerDecorator({
      name,
      target: target.constructor,
      propertyName: key as string,
      options: { ...options, context },
      validator: {
        validate: (value, args) => check(value, args!.object) === undefined,
        defaultMessage: (args) => explain(args!.value, args!.object).why,
      },
    });
  };
}

/**
 * A check of one key beyond its type (`name` is the constraint's name, unique per key). It runs
 * after the constraints registered before it passed; `jsonSchema` is its part of the JSON Schema.
 */
export function FieldCheck<V = unknown>(name: string, check: Check<V>, jsonSchema?: JsonSchema): PropertyDecorator {
  return deferred(() => registerCheck(name, check as Check, {}, jsonSchema));
}

/**
 * A check across keys (`el_max` at least `el_min`), put on the key its message names. It runs only
 * once every key of the whole config passed its own checks, so it sees well-typed values.
 */
export function CrossCheck<V, O>(name: string, check: Check<V, O>): PropertyDecorator {
  return deferred(() => registerCheck(name, check as Check, { groups: [CROSS_KEY_GROUP] }));
}
