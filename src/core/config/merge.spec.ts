import fc from 'fast-check';
import { ConfigError } from '../errors';
import { canonicalJson, deepFreeze, seedText, deepMerge, isPlainObject, MAX_CONFIG_DEPTH, MAX_CONFIG_NODES } from './merge';

/** `n` levels of `{ k: … }` around `leaf`. */
const nest = (n: number, leaf: unknown): unknown => (n === 0 ? leaf : { k: nest(n - 1, leaf) });
/** `n` levels of `[…]` around `leaf`. */
const nestArrays = (n: number, leaf: unknown): unknown => (n === 0 ? leaf : [nestArrays(n - 1, leaf)]);
/** The ConfigError `f` throws (fails the test when it throws nothing or something else). */
function configError(f: () => unknown): ConfigError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('isPlainObject', () => {
  it('is true for {}-like objects only', () => {
    expect(isPlainObject({ a: 1 })).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    for (const v of [null, undefined, 0, 'x', true, [], [1], new Date(0), Object.create({}), () => 1]) expect(isPlainObject(v)).toBe(false);
  });
});

describe('deepMerge', () => {
  const defaults = { a: 1, rules: { sun: { az: 6, alt: 6 }, day: { mod: 1 } }, list: [1, 2] };

  it('merges objects key by key and replaces arrays and scalars', () => {
    const out = deepMerge(defaults, { rules: { sun: { az: 10 } }, list: [3] });
    expect(out).toEqual({ a: 1, rules: { sun: { az: 10, alt: 6 }, day: { mod: 1 } }, list: [3] });
  });

  it('never modifies its inputs', () => {
    const before = JSON.stringify(defaults);
    const override = { rules: { sun: { az: 10 }, extra: { x: 1 } } };
    deepMerge(defaults, override);
    expect(JSON.stringify(defaults)).toBe(before);
    expect(override).toEqual({ rules: { sun: { az: 10 }, extra: { x: 1 } } });
  });

  it('adds new nested keys (the original silently ignored them)', () => {
    expect(deepMerge(defaults, { rules: { 'alt-range': { alt_range: [20, 90] } } })).toMatchObject({
      rules: { 'alt-range': { alt_range: [20, 90] } },
    });
  });

  it('replaces an object by a scalar and a scalar by an object', () => {
    expect(deepMerge({ a: { x: 1 }, b: 1 }, { a: 5, b: { y: 2 } })).toEqual({ a: 5, b: { y: 2 } });
    expect(deepMerge({ a: { x: 1 } }, { a: [1] })).toEqual({ a: [1] });
  });

  it('copies null, strings and booleans, in the base and in the override', () => {
    const values = [null, 'x', '', true, false, 0];
    expect(deepMerge({ base: values }, { list: values })).toEqual({ base: values, list: values });
    expect(deepMerge({ s: 'x', t: true, n: null }, undefined)).toEqual({ s: 'x', t: true, n: null });
  });

  it('removes a key given as null', () => {
    expect(deepMerge(defaults, { rules: { day: null } })).toEqual({ a: 1, rules: { sun: { az: 6, alt: 6 } }, list: [1, 2] });
  });

  it('returns a copy of the defaults for no override', () => {
    const out = deepMerge(defaults, undefined);
    expect(out).toEqual(defaults);
    expect(out).not.toBe(defaults);
  });

  it.each([
    ['JSON.parse __proto__', () => JSON.parse('{"rules": {"__proto__": {"polluted": true}}}'), 'config.rules.__proto__'],
    ['top-level __proto__', () => JSON.parse('{"__proto__": {"polluted": true}}'), 'config.__proto__'],
    ['constructor', () => ({ constructor: { prototype: { polluted: true } } }), 'config.constructor'],
    ['prototype', () => ({ rules: { prototype: { polluted: true } } }), 'config.rules.prototype'],
    ['nested in a new key', () => JSON.parse('{"x": {"y": {"__proto__": {"polluted": 1}}}}'), 'config.x.y.__proto__'],
    ['in an array', () => JSON.parse('{"list": [{"__proto__": {"polluted": 1}}]}'), 'config.list[0].__proto__'],
  ])('rejects prototype keys: %s', (_name, make, path) => {
    let err: unknown;
    try {
      deepMerge(defaults, make());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).path).toBe(path);
    expect((err as ConfigError).message).toBe(`Invalid config: ${path} is not an allowed key.`);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects non-JSON values and non-finite numbers', () => {
    expect(() => deepMerge(defaults, { a: new Date() })).toThrow(/config\.a must be a JSON value/);
    expect(() => deepMerge(defaults, { a: Number.NaN })).toThrow(/config\.a must be a finite number/);
    expect(() => deepMerge(defaults, { f: () => 1 })).toThrow(ConfigError);
  });

  it('bounds depth and size', () => {
    let deep: unknown = 1;
    for (let i = 0; i < MAX_CONFIG_DEPTH + 2; i++) deep = { k: deep };
    expect(() => deepMerge({}, deep)).toThrow(/nested too deeply/);
    const wide = { big: Array.from({ length: 20_000 }, (_, i) => i) };
    expect(() => deepMerge({}, wide)).toThrow(/too large/);
  });

  it(`accepts exactly ${MAX_CONFIG_DEPTH} levels of objects or arrays and refuses one more`, () => {
    const tooDeep = `more than ${MAX_CONFIG_DEPTH} levels`;
    expect(deepMerge({}, nest(MAX_CONFIG_DEPTH, 1))).toEqual(nest(MAX_CONFIG_DEPTH, 1));
    expect(configError(() => deepMerge({}, nest(MAX_CONFIG_DEPTH + 1, 1))).message).toBe(
      `Invalid config: config${'.k'.repeat(MAX_CONFIG_DEPTH + 1)} is nested too deeply (${tooDeep}).`,
    );
    expect(deepMerge({}, nestArrays(MAX_CONFIG_DEPTH, 1))).toEqual(nestArrays(MAX_CONFIG_DEPTH, 1));
    expect(configError(() => deepMerge({}, nestArrays(MAX_CONFIG_DEPTH + 1, 1))).path).toBe(`config${'[0]'.repeat(MAX_CONFIG_DEPTH + 1)}`);
    // The base is held to the same bound, alone and under an override that follows its keys.
    expect(deepMerge(nest(MAX_CONFIG_DEPTH, 1), undefined)).toEqual(nest(MAX_CONFIG_DEPTH, 1));
    expect(() => deepMerge(nest(MAX_CONFIG_DEPTH + 1, 1), undefined)).toThrow(tooDeep);
    expect(deepMerge(nest(MAX_CONFIG_DEPTH - 1, 1), nest(MAX_CONFIG_DEPTH, 2))).toEqual(nest(MAX_CONFIG_DEPTH, 2));
    expect(() => deepMerge(nest(MAX_CONFIG_DEPTH, 1), nest(MAX_CONFIG_DEPTH + 1, 2))).toThrow(tooDeep);
  });

  it(`accepts exactly ${MAX_CONFIG_NODES} values and refuses one more, counting merged objects too`, () => {
    const zeros = (n: number) => new Array<number>(n).fill(0);
    const tooLarge = `makes the config too large (more than ${MAX_CONFIG_NODES} values)`;
    // The override, its array and the array's items.
    expect(deepMerge({}, { big: zeros(MAX_CONFIG_NODES - 2) })).toEqual({ big: zeros(MAX_CONFIG_NODES - 2) });
    expect(configError(() => deepMerge({}, { big: zeros(MAX_CONFIG_NODES - 1) })).message).toBe(
      `Invalid config: config.big[${MAX_CONFIG_NODES - 2}] ${tooLarge}.`,
    );
    // The last value counted is an object merged over the base's.
    expect(deepMerge({ a: {} }, { x: zeros(MAX_CONFIG_NODES - 3), a: {} })).toEqual({ a: {}, x: zeros(MAX_CONFIG_NODES - 3) });
    expect(configError(() => deepMerge({ a: {} }, { x: zeros(MAX_CONFIG_NODES - 2), a: {} })).message).toBe(`Invalid config: config.a ${tooLarge}.`);
    // A base alone is bounded as well.
    expect(deepMerge({ big: zeros(MAX_CONFIG_NODES - 2) }, undefined)).toEqual({ big: zeros(MAX_CONFIG_NODES - 2) });
    expect(() => deepMerge({ big: zeros(MAX_CONFIG_NODES - 1) }, undefined)).toThrow(tooLarge);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } })).toBe('{"a":{"c":2,"d":[{"y":2,"z":1}]},"b":1}');
  });
  it('keeps null and scalars as they are', () => {
    expect(canonicalJson({ n: null, l: [null, 'x', false] })).toBe('{"l":[null,"x",false],"n":null}');
    expect(canonicalJson(null)).toBe('null');
  });
});

describe('seedText', () => {
  it('is canonicalJson of the request seed object for any JSON config, policy name and times', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.string(), fc.integer({ min: -1e15, max: 1e16 }), fc.integer({ min: -1e15, max: 1e16 }), (config, policy, t0, t1) => {
        expect(seedText(t0, t1, policy, canonicalJson(config))).toBe(canonicalJson({ t0, t1, policy, config }));
      }),
      { numRuns: 500 },
    );
    expect(seedText(1, 2, 'a"b', '{"x":[]}')).toBe('{"config":{"x":[]},"policy":"a\\"b","t0":1,"t1":2}');
  });
});

describe('deepFreeze', () => {
  it('freezes nested values', () => {
    const v = deepFreeze({ a: { b: [1] } });
    expect(Object.isFrozen(v.a)).toBe(true);
    expect(Object.isFrozen(v.a.b)).toBe(true);
  });
  it('passes over null and scalars and stops at what is already frozen (cycles end)', () => {
    const v = deepFreeze({ n: null, s: 'x', list: [null, 1] });
    expect(Object.isFrozen(v.list)).toBe(true);
    const cyclic: { self?: unknown; inner: { x: number } } = { inner: { x: 1 } };
    cyclic.self = cyclic;
    expect(deepFreeze(cyclic)).toBe(cyclic);
    expect(Object.isFrozen(cyclic.inner)).toBe(true);
  });
});
