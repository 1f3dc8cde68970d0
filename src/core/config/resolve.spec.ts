import { ConfigError, ScheduleInputError } from '../errors';
import { NameListField, NestedField, NumberField } from './decorators';
import { deepFreeze } from './merge';
import type { Policy } from '../policy';
import { canonicalJson } from './merge';
import { MAX_KEPT_CONFIG_CHARS, RESOLVED_CONFIGS_PER_CLASS, resolvedConfigKey, resolvePolicyConfig, selectionKey } from './resolve';
import * as validate from './validate';

class Sun {
  @NumberField()
  readonly angle!: number;
}

class Rules {
  @NestedField(() => Sun)
  readonly sun!: Sun;
}

class Cfg {
  @NumberField({ min: 1 })
  readonly step!: number;

  @NestedField(() => Rules)
  readonly rules!: Rules;

  @NameListField(['uranus', 'saturn', 'jupiter'], { noun: 'target', maxLength: 16 })
  readonly targets!: readonly string[];
}

const defaults: Cfg = deepFreeze({ step: 10, rules: { sun: { angle: 6 } }, targets: ['uranus', 'saturn'] });

const policy: Policy<Cfg> = {
  name: 'test',
  description: 'test policy',
  defaults,
  configClass: Cfg,
  presets: deepFreeze({ coarse: { step: 20 }, fine: { step: 1 } }),
  generate: () => ({ commands: '' }),
};

describe('resolvePolicyConfig', () => {
  it('uses the defaults when there is no config', () => {
    const r = resolvePolicyConfig(policy, {});
    expect(r.config).toEqual(defaults);
    expect(r.merged).not.toBe(defaults);
  });

  it('resolves the defaults once per policy, for no config and an empty one, and never with a preset or keys', () => {
    const first = resolvePolicyConfig(policy, {});
    expect(resolvePolicyConfig(policy, { config: {} })).toBe(first);
    expect(Object.isFrozen(first.merged) && Object.isFrozen(first.config)).toBe(true);
    expect(resolvePolicyConfig(policy, { preset: 'coarse' }).config).toEqual({ ...defaults, step: 20 });
    expect(resolvePolicyConfig(policy, { config: { step: 3 } }).config).toEqual({ ...defaults, step: 3 });
    expect(resolvePolicyConfig(policy, {})).toBe(first);
  });

  it('refuses invalid defaults on every request (a failure is not kept)', () => {
    const broken: Policy<Cfg> = { ...policy, name: 'broken', defaults: deepFreeze({ ...defaults, step: 0 }) };
    for (let i = 0; i < 2; i++) expect(() => resolvePolicyConfig(broken, {})).toThrow(ConfigError);
  });

  it('merges nested keys and replaces arrays, leaving the defaults untouched', () => {
    const r = resolvePolicyConfig(policy, { config: { rules: { sun: { angle: 8 } }, targets: ['jupiter'] } });
    expect(r.config).toEqual({ step: 10, rules: { sun: { angle: 8 } }, targets: ['jupiter'] });
    expect(defaults.rules.sun.angle).toBe(6);
    expect(defaults.targets).toEqual(['uranus', 'saturn']);
  });

  it('applies a preset between the defaults and the config', () => {
    const presets = { test: { fine: { step: 2, rules: { sun: { angle: 9 } } } } };
    const r = resolvePolicyConfig(policy, { preset: 'fine', config: { step: 3 } }, presets);
    expect(r.config).toEqual({ step: 3, rules: { sun: { angle: 9 } }, targets: ['uranus', 'saturn'] });
  });

  it("applies the policy's own presets, and the operator's of the same name instead", () => {
    expect(resolvePolicyConfig(policy, { preset: 'coarse' }).config.step).toBe(20);
    expect(resolvePolicyConfig(policy, { preset: 'coarse', config: { step: 30 } }).config.step).toBe(30);
    const operator = { test: { coarse: { step: 40 } } };
    expect(resolvePolicyConfig(policy, { preset: 'coarse' }, operator).config.step).toBe(40);
    expect(resolvePolicyConfig(policy, { preset: 'fine' }, operator).config.step).toBe(1);
  });

  it('names an unknown preset and the available ones', () => {
    expect(() => resolvePolicyConfig(policy, { preset: 'x' }, { test: { extra: {} } })).toThrow(
      new ScheduleInputError('Unknown preset "x" for policy "test"; available presets: coarse, extra, fine'),
    );
    const bare: Policy<Cfg> = { ...policy, presets: undefined };
    expect(() => resolvePolicyConfig(bare, { preset: 'toString' })).toThrow(/available presets: none/);
    expect(() => resolvePolicyConfig(policy, { preset: 'toString' })).toThrow(/available presets: coarse, fine$/);
    // The error names the request's field.
    const err = (() => {
      try {
        resolvePolicyConfig(policy, { preset: 'x' });
      } catch (e) {
        return e as ScheduleInputError;
      }
      return undefined;
    })();
    expect(err?.path).toBe('preset');
  });

  it("names a preset's bad value by its config path", () => {
    const operator = { test: { broken: { rules: { sun: { angle: Infinity } } }, deep: { targets: { constructor: 1 } } } };
    expect(() => resolvePolicyConfig(policy, { preset: 'broken' }, operator)).toThrow('Invalid config: config.rules.sun.angle must be a finite number.');
    expect(() => resolvePolicyConfig(policy, { preset: 'deep' }, operator)).toThrow('Invalid config: config.targets.constructor is not an allowed key.');
  });

  it('validates what a preset brings', () => {
    expect(() => resolvePolicyConfig(policy, { preset: 'bad' }, { test: { bad: { step: 0 } } })).toThrow(
      'Invalid config: config.step must be a number at least 1 (got 0).',
    );
  });

  it('returns a frozen plain copy, not class instances', () => {
    const r = resolvePolicyConfig(policy, { config: { targets: ['jupiter'] } });
    expect(Object.getPrototypeOf(r.config)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(r.config.rules.sun)).toBe(Object.prototype);
    expect(Object.isFrozen(r.config.rules.sun)).toBe(true);
    expect(r.config).not.toBe(r.merged);
    expect(r.config).toEqual(r.merged);
  });

  it('reports the dotted path of a bad key', () => {
    expect(() => resolvePolicyConfig(policy, { config: { rules: { sun: { angle: '6' } } } })).toThrow(
      'Invalid config: config.rules.sun.angle must be a number (got "6").',
    );
    expect(() => resolvePolicyConfig(policy, { config: { rules: { moon: {} } } })).toThrow(
      /^Invalid config: config.rules.moon is not a known key/,
    );
  });

  describe('configs resolved before', () => {
    // A config class of its own per test: the memo is per class.
    const fresh = (): Policy<Cfg> => ({ ...policyOfClass });
    let policyOfClass: Policy<Cfg>;
    beforeEach(() => {
      class Fresh extends Cfg {}
      policyOfClass = { ...policy, configClass: Fresh };
    });
    afterEach(() => jest.restoreAllMocks());

    it('validates a config once and answers the same text with the same frozen result', () => {
      const p = fresh();
      const spy = jest.spyOn(validate, 'validateConfig');
      const first = resolvePolicyConfig(p, { config: { step: 3 } });
      const again = resolvePolicyConfig(p, { config: { step: 3 } });
      expect(again).toBe(first);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(Object.isFrozen(first.merged) && Object.isFrozen(first.config)).toBe(true);
      // The same merged text however it was reached: a preset giving the same data.
      expect(resolvePolicyConfig(p, { preset: 'coarse', config: { step: 3 } })).toBe(first);
      expect(spy).toHaveBeenCalledTimes(1);
      // Another policy object with the same config class (a registry's copy) shares the outcome;
      // another class has its own.
      expect(resolvePolicyConfig(fresh(), { config: { step: 3 } })).toBe(first);
      class Other extends Cfg {}
      expect(resolvePolicyConfig({ ...p, configClass: Other }, { config: { step: 3 } })).not.toBe(first);
      expect(spy).toHaveBeenCalledTimes(2);
    });

    it('keeps key order: the same data written in another order is its own entry, in its own order', () => {
      const p = fresh();
      const a = resolvePolicyConfig(p, { config: { rules: { sun: { angle: 7 } }, step: 4 } });
      const b = resolvePolicyConfig(p, { config: { step: 4, rules: { sun: { angle: 7 } } } });
      expect(b.config).toEqual(a.config);
      expect(Object.keys(b.merged as object)).toEqual(Object.keys(a.merged as object));
      const c = resolvePolicyConfig(p, { config: { targets: ['saturn'], step: 4 } });
      const d = resolvePolicyConfig(p, { config: { step: 4, targets: ['saturn'] } });
      expect(d).toBe(c);
    });

    it('never keeps a failure, and a valid config after it is still validated', () => {
      const p = fresh();
      const spy = jest.spyOn(validate, 'validateConfig');
      for (let i = 0; i < 3; i++) expect(() => resolvePolicyConfig(p, { config: { step: 0 } })).toThrow('config.step must be a number at least 1 (got 0)');
      expect(spy).toHaveBeenCalledTimes(3);
      expect(resolvePolicyConfig(p, { config: { step: 1 } }).config.step).toBe(1);
    });

    it('keeps no config holding a -0 (its JSON text is that of 0)', () => {
      const p = fresh();
      const spy = jest.spyOn(validate, 'validateConfig');
      const zero = resolvePolicyConfig(p, { config: { rules: { sun: { angle: 0 } } } });
      const negative = resolvePolicyConfig(p, { config: { rules: { sun: { angle: -0 } } } });
      expect(Object.is(negative.config.rules.sun.angle, -0)).toBe(true);
      expect(Object.is(zero.config.rules.sun.angle, 0)).toBe(true);
      expect(Object.is(resolvePolicyConfig(p, { config: { rules: { sun: { angle: -0 } } } }).config.rules.sun.angle, -0)).toBe(true);
      expect(Object.is(resolvePolicyConfig(p, { config: { rules: { sun: { angle: 0 } } } }).config.rules.sun.angle, 0)).toBe(true);
      expect(spy).toHaveBeenCalledTimes(3);
      expect(resolvedConfigKey({ a: [1, -0] })).toBeUndefined();
      expect(resolvedConfigKey({ a: [1, 0] })).toBe('{"a":[1,0]}');
    });

    it(`keeps the last ${RESOLVED_CONFIGS_PER_CLASS} configs of a config class`, () => {
      const p = fresh();
      const spy = jest.spyOn(validate, 'validateConfig');
      const steps = Array.from({ length: RESOLVED_CONFIGS_PER_CLASS + 1 }, (_, i) => i + 1);
      for (const step of steps) resolvePolicyConfig(p, { config: { step } });
      expect(spy).toHaveBeenCalledTimes(steps.length);
      resolvePolicyConfig(p, { config: { step: steps[steps.length - 1] } });
      resolvePolicyConfig(p, { config: { step: 2 } });
      expect(spy).toHaveBeenCalledTimes(steps.length);
      resolvePolicyConfig(p, { config: { step: 1 } }); // the oldest, dropped
      expect(spy).toHaveBeenCalledTimes(steps.length + 1);
    });

    it('finds a selection met before by its text, without merging again, per policy object and preset table', () => {
      const p = fresh();
      const first = resolvePolicyConfig(p, { config: { step: 3, targets: ['jupiter'] } });
      expect(first.canonical).toBe(canonicalJson(first.merged));
      const spy = jest.spyOn(JSON, 'stringify');
      // An equal selection in another object: the same resolution, found by one stringify (the selection's).
      expect(resolvePolicyConfig(p, { config: { step: 3, targets: ['jupiter'] } })).toBe(first);
      expect(spy).toHaveBeenCalledTimes(1);
      spy.mockRestore();
      // The preset name is part of the selection, and each preset table has its own entries.
      const operator = { test: { coarse: { step: 40, targets: ['saturn'] } } };
      expect(resolvePolicyConfig(p, { preset: 'coarse' }).config.step).toBe(20);
      expect(resolvePolicyConfig(p, { preset: 'coarse' }, operator).config).toEqual({ ...defaults, step: 40, targets: ['saturn'] });
      expect(resolvePolicyConfig(p, { preset: 'coarse' }).config.step).toBe(20);
      expect(resolvePolicyConfig(p, { preset: 'coarse' }, operator).config.step).toBe(40);
      expect(resolvePolicyConfig(p, { preset: 'coarse', config: { step: 5 } }, operator).config).toEqual({ ...defaults, step: 5, targets: ['saturn'] });
    });

    it('never answers a selection by the text of another: values JSON writes alike are resolved on their own', () => {
      const p = fresh();
      const spy = jest.spyOn(validate, 'validateConfig');
      // null removes a key (here an invalid config); Infinity, whose JSON text is also null, is refused by the merge.
      expect(resolvePolicyConfig(p, { config: { rules: { sun: { angle: 0 } } } }).config.rules.sun.angle).toBe(0);
      expect(Object.is(resolvePolicyConfig(p, { config: { rules: { sun: { angle: -0 } } } }).config.rules.sun.angle, -0)).toBe(true);
      expect(resolvePolicyConfig(p, { config: { targets: ['saturn'] } }).config.targets).toEqual(['saturn']);
      expect(() => resolvePolicyConfig(p, { config: { targets: ['saturn', undefined] } as never })).toThrow(ConfigError);
      expect(() => resolvePolicyConfig(p, { config: { step: Infinity } })).toThrow('config.step must be a finite number');
      expect(() => resolvePolicyConfig(p, { config: { step: NaN } })).toThrow('config.step must be a finite number');
      const three = resolvePolicyConfig(p, { config: { step: 3 } });
      expect(() => resolvePolicyConfig(p, { config: { step: { toJSON: () => 3 } } })).toThrow(ConfigError);
      expect(() => resolvePolicyConfig(p, { config: { step: new Number(3) } })).toThrow(ConfigError);
      expect(resolvePolicyConfig(p, { config: { step: 3 } })).toBe(three);
      expect(spy).toHaveBeenCalledTimes(4);
    });

    it('keys a selection by its JSON text only when that text is its data exactly', () => {
      expect(selectionKey({})).toBe('[null,null]');
      expect(selectionKey({ preset: 'fine', config: { a: [1, 'x', true, null, { b: 2.5 }] } })).toBe('["fine",{"a":[1,"x",true,null,{"b":2.5}]}]');
      expect(selectionKey({ config: Object.assign(Object.create(null) as object, { a: 1 }) as Record<string, unknown> })).toBe('[null,{"a":1}]');
      const inexact: unknown[] = [-0, NaN, Infinity, -Infinity, undefined, () => 1, Symbol('s'), new Date(0), new Number(1), new (class Thing {})(), { toJSON: () => 1 }, [1, , 2]];
      for (const v of inexact) {
        expect(selectionKey({ config: { a: v } })).toBeUndefined();
        expect(selectionKey({ config: { deep: [{ a: v }] } })).toBeUndefined();
      }
      const fits = MAX_KEPT_CONFIG_CHARS - selectionKey({ config: { s: '' } })!.length;
      expect(selectionKey({ config: { s: 'x'.repeat(fits) } })).toHaveLength(MAX_KEPT_CONFIG_CHARS);
      expect(selectionKey({ config: { s: 'x'.repeat(fits + 1) } })).toBeUndefined();
    });

    it(`keeps no config longer than ${MAX_KEPT_CONFIG_CHARS} characters of JSON`, () => {
      const text = (n: number): string => JSON.stringify({ s: 'x'.repeat(n) });
      const fits = MAX_KEPT_CONFIG_CHARS - text(0).length;
      expect(resolvedConfigKey({ s: 'x'.repeat(fits) })).toBe(text(fits));
      expect(resolvedConfigKey({ s: 'x'.repeat(fits + 1) })).toBeUndefined();
    });
  });

  describe('prototype pollution attempts', () => {
    const attempts = [
      '{"policy": "test", "config": {"__proto__": {"polluted": "yes"}}}',
      '{"policy": "test", "config": {"rules": {"__proto__": {"polluted": "yes"}}}}',
      '{"policy": "test", "config": {"constructor": {"prototype": {"polluted": "yes"}}}}',
      '{"policy": "test", "config": {"rules": {"sun": {"constructor": {"prototype": {"polluted": "yes"}}}}}}',
      '{"policy": "test", "config": {"prototype": {"polluted": "yes"}}}',
    ];

    it.each(attempts)('rejects %s parsed with JSON.parse, naming the key', (text) => {
      const req = JSON.parse(text) as { config: Record<string, unknown> };
      expect(() => resolvePolicyConfig(policy, req)).toThrow(ConfigError);
      expect(() => resolvePolicyConfig(policy, req)).toThrow(/^Invalid config: config\..*is not an allowed key\.$/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('rejects an object whose prototype was set by a literal __proto__ (not plain JSON)', () => {
      const literal = { __proto__: { step: 1000 } } as unknown as Record<string, unknown>;
      expect(() => resolvePolicyConfig(policy, { config: literal })).toThrow(ConfigError);
    });
  });
});
