import { ConfigError } from '../errors';
import { MAX_CONFIG_DEPTH, MAX_CONFIG_NODES } from './merge';
import { checkConfigShape, checkTargetLists, DEFAULT_CONFIG_LIMITS } from './limits';

function nested(depth: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('checkConfigShape', () => {
  it('defaults to the merge bounds', () => {
    expect(DEFAULT_CONFIG_LIMITS).toEqual({ maxDepth: MAX_CONFIG_DEPTH, maxValues: MAX_CONFIG_NODES, maxTargets: 32 });
  });

  it('accepts scalars, undefined and configs within the limits', () => {
    for (const v of [undefined, null, 3, 'x', {}, [], nested(4), { a: [1, 2, { b: 3 }] }]) {
      expect(() => checkConfigShape(v, { maxDepth: 4, maxValues: 10 })).not.toThrow();
    }
  });

  it('refuses a config nested deeper than the limit, naming the deepest path reached', () => {
    expect(() => checkConfigShape(nested(5), { maxDepth: 4, maxValues: 100 })).toThrow(
      new ConfigError('config.a.a.a.a', 'is nested too deeply: at most 4 levels are accepted (the configured limit)'),
    );
    expect(() => checkConfigShape({ x: [[[]]] }, { maxDepth: 3, maxValues: 100 })).toThrow(/config\.x\[0\]\[0\] is nested too deeply/);
  });

  it('refuses a config with too many values (the config object and arrays count)', () => {
    expect(() => checkConfigShape({ a: [1, 2] }, { maxDepth: 4, maxValues: 4 })).not.toThrow();
    expect(() => checkConfigShape({ a: [1, 2, 3] }, { maxDepth: 4, maxValues: 4 })).toThrow(
      'Invalid config: config is too large: more than 4 values (the configured limit).',
    );
  });

  it.each([
    ['{"__proto__": {"polluted": 1}}', 'config.__proto__'],
    ['{"a": {"constructor": {"prototype": {"polluted": 1}}}}', 'config.a.constructor'],
    ['{"a": [{"prototype": 1}]}', 'config.a[0].prototype'],
  ])('refuses a key that could reach a prototype in %s, naming its path', (text, path) => {
    expect(() => checkConfigShape(JSON.parse(text), { maxDepth: 8, maxValues: 100 })).toThrow(
      new ConfigError(path, 'is not an allowed key'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('does not overflow the stack on a pathological nesting', () => {
    expect(() => checkConfigShape(nested(200_000), { maxDepth: 16, maxValues: 1_000_000 })).toThrow(ConfigError);
  });
});

describe('checkTargetLists', () => {
  it('counts calibration and soft targets against the limit', () => {
    expect(() => checkTargetLists({ calibration_targets: ['a', 'b'], soft_targets: [] }, 2)).not.toThrow();
    expect(() => checkTargetLists({ calibration_targets: ['a', 'b', 'c'] }, 2)).toThrow(
      'Invalid config: config.calibration_targets lists 3 targets; at most 2 are accepted (the configured limit).',
    );
    expect(() => checkTargetLists({ soft_targets: ['a', 'b', 'c'] }, 2)).toThrow(/config\.soft_targets lists 3/);
  });

  it('leaves other shapes to the policy', () => {
    for (const v of [undefined, null, [], 'x', { calibration_targets: 'abc' }, { other: [1, 2, 3] }]) {
      expect(() => checkTargetLists(v, 2)).not.toThrow();
    }
  });
});
