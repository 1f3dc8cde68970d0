import { ConfigError } from '../errors';
import { canonicalJson, deepFreeze, deepMerge, MAX_CONFIG_DEPTH } from './merge';

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
});

describe('canonicalJson', () => {
  it('sorts keys at every level', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: 2 } })).toBe('{"a":{"c":2,"d":[{"y":2,"z":1}]},"b":1}');
  });
});

describe('deepFreeze', () => {
  it('freezes nested values', () => {
    const v = deepFreeze({ a: { b: [1] } });
    expect(Object.isFrozen(v.a)).toBe(true);
    expect(Object.isFrozen(v.a.b)).toBe(true);
  });
});
