import { ConfigError } from '../errors';
import { parseConfig, s } from './schema';

function errorOf(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

describe('config schema', () => {
  const sun = s.object({
    min_angle_az: s.number({ min: 0, max: 180 }),
    n_buffer: s.number({ integer: true, min: 0 }),
    mode: s.enumOf(['rising', 'setting'] as const),
    note: s.optional(s.string({ maxLength: 5 })),
  });
  const schema = s.object({ rules: s.object({ 'sun-avoidance': sun }, { optional: ['sun-avoidance'] }) });

  it('parses a valid value', () => {
    const v = parseConfig(schema, { rules: { 'sun-avoidance': { min_angle_az: 6, n_buffer: 3, mode: 'rising' } } });
    expect(v.rules['sun-avoidance']?.min_angle_az).toBe(6);
    expect(parseConfig(schema, { rules: {} })).toEqual({ rules: {} });
  });

  it('names the dotted path of a wrong type', () => {
    const e = errorOf(() =>
      parseConfig(schema, { rules: { 'sun-avoidance': { min_angle_az: '6', n_buffer: 3, mode: 'rising' } } }),
    );
    expect(e.path).toBe('config.rules.sun-avoidance.min_angle_az');
    expect(e.message).toBe(
      'Invalid config: config.rules.sun-avoidance.min_angle_az must be a number between 0 and 180 (got "6").',
    );
  });

  it('rejects unknown keys naming the known ones', () => {
    const e = errorOf(() => parseConfig(schema, { rules: { 'sun-avoidence': {} } }));
    expect(e.path).toBe('config.rules.sun-avoidence');
    expect(e.message).toContain('known keys: sun-avoidance');
  });

  it('reports missing keys, ranges, integers and enums', () => {
    const base = { min_angle_az: 6, n_buffer: 3, mode: 'rising' };
    const at = (v: object) => errorOf(() => parseConfig(schema, { rules: { 'sun-avoidance': { ...base, ...v } } }));
    expect(at({ min_angle_az: undefined }).message).toContain('min_angle_az is required');
    expect(at({ min_angle_az: 200 }).message).toContain('between 0 and 180 (got 200)');
    expect(at({ n_buffer: 1.5 }).message).toContain('must be an integer at least 0');
    expect(at({ mode: 'both' }).message).toContain('one of "rising", "setting"');
    expect(at({ note: 'toolong' }).message).toContain('at most 5 characters');
  });

  it('checks arrays, tuples and records item by item', () => {
    const t = s.object({ r: s.tuple([s.number(), s.number()] as const), l: s.array(s.string(), { maxItems: 2 }) });
    expect(parseConfig(t, { r: [1, 2], l: ['a'] })).toEqual({ r: [1, 2], l: ['a'] });
    expect(errorOf(() => parseConfig(t, { r: [1, 'x'], l: [] })).path).toBe('config.r[1]');
    expect(errorOf(() => parseConfig(t, { r: [1], l: [] })).message).toContain('an array of 2 items');
    expect(errorOf(() => parseConfig(t, { r: [1, 2], l: ['a', 'b', 'c'] })).message).toContain('at most 2 items');
    const rec = s.record(s.number(), { keys: s.enumOf(['a', 'b'] as const) });
    expect(parseConfig(rec, { a: 1 })).toEqual({ a: 1 });
    expect(errorOf(() => parseConfig(rec, { c: 1 })).path).toBe('config.c');
  });

  it('parses ISO times to microseconds', () => {
    const t = s.object({ day_ref: s.isoTime() });
    expect(parseConfig(t, { day_ref: '2014-01-01T00:00:00Z' }).day_ref).toBe(Date.UTC(2014, 0, 1) * 1000);
    expect(errorOf(() => parseConfig(t, { day_ref: '2014-13-01' })).path).toBe('config.day_ref');
  });

  it('describes itself as JSON Schema', () => {
    const js = sun.toJsonSchema();
    expect(js).toMatchObject({ type: 'object', additionalProperties: false, required: ['min_angle_az', 'n_buffer', 'mode'] });
  });
});
