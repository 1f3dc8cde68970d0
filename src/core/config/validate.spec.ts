import { IsBoolean } from 'class-validator';
import { ConfigError } from '../errors';
import {
  CrossCheck,
  EnumField,
  IsoTimeField,
  NameListField,
  NestedField,
  NestedListField,
  NumberField,
  NumberListField,
  OptionalField,
  RangeField,
  StringField,
} from './decorators';
import { knownKeys, validateConfig } from './validate';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

class Item {
  @StringField({ minLength: 1, maxLength: 5, pattern: /^[a-z]+$/, patternText: 'lower-case letters' })
  readonly name!: string;

  @RangeField({ min: -90, max: 90 })
  readonly span!: readonly [number, number];
}

class Sun {
  @NumberField({ min: 0, max: 180 })
  readonly min_angle_az!: number;

  @NumberField({ integer: true, min: 0 })
  readonly n_buffer!: number;

  @EnumField(['rising', 'setting'])
  readonly mode!: 'rising' | 'setting';

  @OptionalField()
  @StringField({ maxLength: 5 })
  readonly note?: string;
}

class Rules {
  @OptionalField()
  @NestedField(() => Sun)
  readonly 'sun-avoidance'?: Sun;
}

class Config {
  @NestedField(() => Rules)
  readonly rules!: Rules;

  @OptionalField()
  @NestedListField(() => Item, { minItems: 1, maxItems: 2 })
  readonly items?: readonly Item[];

  @OptionalField()
  @NumberListField({ min: 0, max: 90 }, { maxItems: 3 })
  readonly levels?: readonly number[];

  @OptionalField()
  @NameListField(['sun', 'moon', 'mars'], { noun: 'body', maxLength: 8 })
  readonly bodies?: readonly string[];

  @OptionalField()
  @IsoTimeField()
  readonly at?: string;

  @OptionalField()
  @NumberField({ positive: true })
  readonly weight?: number;

  @OptionalField()
  @CrossCheck('lowBelowHigh', (low: number, c: Config) =>
    c.high === undefined || low < c.high ? undefined : { why: `must be less than high (${c.high})` },
  )
  @NumberField()
  readonly low?: number;

  @OptionalField()
  @NumberField({ max: 100 })
  readonly high?: number;
}

const SUN = { min_angle_az: 6, n_buffer: 3, mode: 'rising' };
const validate = (value: unknown): Config => validateConfig(Config, value);
const problem = (value: unknown): ConfigError => errorOf(() => validate(value));
const atSun = (v: object): string => problem({ rules: { 'sun-avoidance': { ...SUN, ...v } } }).message;

describe('validateConfig', () => {
  it('returns a frozen plain copy equal to the input', () => {
    const input = { rules: { 'sun-avoidance': SUN }, items: [{ name: 'a', span: [1, 2] }], levels: [10], at: '2014-01-01' };
    const out = validate(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect(Object.getPrototypeOf(out.rules)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(out.items?.[0])).toBe(Object.prototype);
    expect(Object.isFrozen(out.items?.[0].span)).toBe(true);
    expect(Object.isFrozen(input.rules)).toBe(false);
    expect(validate({ rules: {} })).toEqual({ rules: {} });
  });

  it('names the dotted path of a wrong type, with the accepted values and the value given', () => {
    const e = problem({ rules: { 'sun-avoidance': { ...SUN, min_angle_az: '6' } } });
    expect(e.path).toBe('config.rules.sun-avoidance.min_angle_az');
    expect(e.message).toBe('Invalid config: config.rules.sun-avoidance.min_angle_az must be a number between 0 and 180 (got "6").');
    expect(errorOf(() => validateConfig(Config, { rules: 5 }, 'settings')).message).toBe(
      'Invalid config: settings.rules must be an object (got 5).',
    );
  });

  it('refuses unknown keys naming the known ones, before the known keys are checked', () => {
    const e = problem({ rules: { 'sun-avoidence': {} } });
    expect(e.path).toBe('config.rules.sun-avoidence');
    expect(e.message).toBe('Invalid config: config.rules.sun-avoidence is not a known key (known keys: sun-avoidance).');
    expect(problem({ zzz: 1, rules: 5 }).path).toBe('config.zzz');
    expect(knownKeys(Sun)).toEqual(['min_angle_az', 'n_buffer', 'mode', 'note']);
  });

  it('reports missing keys, ranges, integers, enums and lengths', () => {
    const { min_angle_az: _dropped, ...withoutAz } = SUN;
    expect(problem({ rules: { 'sun-avoidance': withoutAz } }).message).toBe(
      'Invalid config: config.rules.sun-avoidance.min_angle_az is required.',
    );
    expect(atSun({ min_angle_az: 200 })).toContain('between 0 and 180 (got 200)');
    expect(atSun({ min_angle_az: null })).toContain('must be a number between 0 and 180 (got null)');
    expect(atSun({ n_buffer: 1.5 })).toContain('n_buffer must be an integer at least 0 (got 1.5)');
    expect(atSun({ mode: 'both' })).toContain('mode must be one of "rising", "setting" (got "both")');
    expect(atSun({ note: 'toolong' })).toContain('note must be a string of at most 5 characters (got 7)');
    expect(problem({ rules: {}, weight: 0 }).message).toContain('weight must be a number greater than 0 (got 0)');
  });

  it('refuses non-finite numbers, arrays for objects and objects for arrays', () => {
    expect(atSun({ min_angle_az: Number.NaN })).toMatch(/min_angle_az must be a finite number/);
    expect(errorOf(() => validate({ rules: { 'sun-avoidance': { ...SUN, min_angle_az: Infinity } } })).path).toBe(
      'config.rules.sun-avoidance.min_angle_az',
    );
    expect(problem({ rules: [] }).message).toBe('Invalid config: config.rules must be an object (got []).');
    expect(problem({ rules: { 'sun-avoidance': [SUN] } }).message).toContain('sun-avoidance must be an object (got [{');
    expect(problem({ rules: {}, items: { name: 'a' } }).message).toContain('config.items must be an array (got {"name":"a"})');
    expect(errorOf(() => validate([])).message).toBe('Invalid config: config must be an object (got []).');
    expect(errorOf(() => validate(null)).message).toBe('Invalid config: config must be an object (got null).');
  });

  it('checks lists item by item with element paths', () => {
    expect(problem({ rules: {}, items: [] }).message).toContain('config.items must have at least 1 items (got 0)');
    const three = [1, 2, 3].map(() => ({ name: 'a', span: [0, 1] }));
    expect(problem({ rules: {}, items: three }).message).toContain('config.items must have at most 2 items (got 3)');
    expect(problem({ rules: {}, items: [{ name: 'a', span: [0, 1] }, [1]] }).message).toContain(
      'config.items[1] must be an object (got [1])',
    );
    expect(problem({ rules: {}, items: [{ name: 'A', span: [0, 1] }] }).message).toContain(
      'config.items[0].name must be lower-case letters (got "A")',
    );
    expect(problem({ rules: {}, items: [{ name: 'a', span: [0, 1], extra: 1 }] }).path).toBe('config.items[0].extra');
    expect(problem({ rules: {}, levels: [10, 95] }).message).toBe(
      'Invalid config: config.levels[1] must be a number between 0 and 90 (got 95).',
    );
    expect(problem({ rules: {}, levels: [1, 2, 3, 4] }).message).toContain('must have at most 3 items (got 4)');
  });

  it('checks [low, high] pairs: shape, then each number, then the order', () => {
    const span = (v: unknown): ConfigError => problem({ rules: {}, items: [{ name: 'a', span: v }] });
    expect(span([1]).message).toContain('config.items[0].span must be an array of 2 items (got [1])');
    expect(span('1,2').message).toContain('must be an array of 2 items (got "1,2")');
    expect(span([1, 'x']).path).toBe('config.items[0].span[1]');
    expect(span([1, 'x']).message).toContain('span[1] must be a number between -90 and 90 (got "x")');
    expect(span([-100, 0]).path).toBe('config.items[0].span[0]');
    expect(span([60, 20]).message).toBe('Invalid config: config.items[0].span must be [low, high] with low ≤ high (got [60,20]).');
  });

  it('checks name lists: known names, each once', () => {
    expect(validate({ rules: {}, bodies: ['moon', 'sun'] }).bodies).toEqual(['moon', 'sun']);
    expect(problem({ rules: {}, bodies: ['sun', 'pluto'] }).message).toBe(
      'Invalid config: config.bodies[1] must be one of sun, moon, mars (got "pluto").',
    );
    expect(problem({ rules: {}, bodies: ['sun', 5] }).message).toContain('config.bodies[1] must be a string (got 5)');
    expect(problem({ rules: {}, bodies: ['mars', 'mars'] }).message).toBe('Invalid config: config.bodies[1] repeats "mars"; list each body once.');
    expect(problem({ rules: {}, bodies: ['sun', 'moon', 'mars', 'sun'] }).message).toContain('must have at most 3 items (got 4)');
    expect(problem({ rules: {}, bodies: ['x'.repeat(100)] }).message).toContain('bodies[0] must be a string of at most 8 characters (got 100)');
  });

  it('checks time strings and keeps them as text', () => {
    expect(validate({ rules: {}, at: '2014-01-01T00:00:00Z' }).at).toBe('2014-01-01T00:00:00Z');
    expect(problem({ rules: {}, at: '2014-13-01' }).path).toBe('config.at');
    expect(problem({ rules: {}, at: '2014-13-01' }).message).toMatch(/config\.at must be a time string, YYYY-MM-DD/);
    expect(problem({ rules: {}, at: 20140101 }).message).toContain('config.at must be a string (got 20140101)');
  });

  it('runs the checks across keys only once every key passed on its own', () => {
    expect(problem({ rules: {}, low: 5, high: 3 }).message).toBe('Invalid config: config.low must be less than high (3).');
    // high is wrong on its own: that is what is reported, not the comparison.
    expect(problem({ rules: {}, low: 500, high: 300 }).message).toContain('config.high must be a number at most 100 (got 300)');
    expect(validate({ rules: {}, low: 5 }).low).toBe(5);
  });

  it('never reflects the $-tokens of class-validator messages from a client value', () => {
    expect(problem({ rules: {}, at: '$property $value' }).message).toContain('(got "$property $value")');
  });

  it('refuses non-JSON values and prototype keys before the classes see them', () => {
    expect(problem({ rules: {}, at: new Date() }).message).toMatch(/config\.at must be a JSON value/);
    expect(problem(JSON.parse('{"rules": {"__proto__": {"x": 1}}}')).message).toMatch(/config\.rules\.__proto__ is not an allowed key/);
  });

  it('explains plain class-validator decorators with their own message', () => {
    class Plain {
      @IsBoolean()
      readonly flag!: boolean;
    }
    expect(errorOf(() => validateConfig(Plain, { flag: 'yes' })).message).toBe(
      'Invalid config: config.flag is not accepted: flag must be a boolean value (got "yes").',
    );
    expect(validateConfig(Plain, { flag: true })).toEqual({ flag: true });
  });
});
