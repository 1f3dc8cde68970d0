import { ConfigError, ScheduleInputError } from '../../core/errors';
import { deepFreeze } from '../../core/config/merge';
import { parseConfig, s, type Infer } from '../../core/config/schema';
import type { Policy } from '../../core/policy';
import { parsePolicyField } from './parse-policy';
import { resolvePolicyConfig } from './resolve-config';

const schema = s.object({
  step: s.number({ min: 1 }),
  rules: s.object({ sun: s.object({ angle: s.number() }) }),
  targets: s.array(s.string()),
});
type Cfg = Infer<typeof schema>;

const defaults: Cfg = deepFreeze({ step: 10, rules: { sun: { angle: 6 } }, targets: ['uranus', 'saturn'] });

const policy: Policy<Cfg> = {
  name: 'test',
  description: 'test policy',
  defaults,
  validate: (c) => parseConfig(schema, c),
  generate: () => ({ commands: '' }),
};

describe('resolvePolicyConfig', () => {
  it('uses the defaults when there is no config', () => {
    const r = resolvePolicyConfig(policy, {});
    expect(r.config).toEqual(defaults);
    expect(r.merged).not.toBe(defaults);
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

  it('names an unknown preset and the available ones', () => {
    expect(() => resolvePolicyConfig(policy, { preset: 'x' }, { test: { fine: {} } })).toThrow(
      new ScheduleInputError('Unknown preset "x" for policy "test"; available presets: fine'),
    );
    expect(() => resolvePolicyConfig(policy, { preset: 'toString' })).toThrow(/available presets: none/);
  });

  it('reports the dotted path of a bad key', () => {
    expect(() => resolvePolicyConfig(policy, { config: { rules: { sun: { angle: '6' } } } })).toThrow(
      'Invalid config: config.rules.sun.angle must be a number (got "6").',
    );
    expect(() => resolvePolicyConfig(policy, { config: { rules: { moon: {} } } })).toThrow(
      /^Invalid config: config.rules.moon is not a known key/,
    );
  });

  describe('prototype pollution attempts', () => {
    const attempts = [
      '{"policy": "test", "config": {"__proto__": {"polluted": "yes"}}}',
      '{"policy": "test", "config": {"rules": {"__proto__": {"polluted": "yes"}}}}',
      '{"policy": "test", "config": {"constructor": {"prototype": {"polluted": "yes"}}}}',
      '{"policy": "test", "config": {"rules": {"sun": {"constructor": {"prototype": {"polluted": "yes"}}}}}}',
      '{"policy": "test", "config": {"prototype": {"polluted": "yes"}}}',
    ];

    it.each(attempts)('rejects %s parsed with JSON.parse', (text) => {
      const req = parsePolicyField(text);
      expect(() => resolvePolicyConfig(policy, req)).toThrow(ConfigError);
      expect(() => resolvePolicyConfig(policy, req)).toThrow(/is not an allowed key/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    });

    it.each(attempts)('rejects %s given inline (same object as a JSON body)', (text) => {
      const inline = JSON.parse(text) as Record<string, unknown>;
      const req = parsePolicyField(inline);
      expect(() => resolvePolicyConfig(policy, req)).toThrow(/^Invalid config: config\..*is not an allowed key\.$/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

    it('rejects an object whose prototype was set by a literal __proto__ (not plain JSON)', () => {
      const literal = { __proto__: { step: 1000 } } as unknown as Record<string, unknown>;
      expect(() => resolvePolicyConfig(policy, { config: literal })).toThrow(ConfigError);
    });
  });
});
