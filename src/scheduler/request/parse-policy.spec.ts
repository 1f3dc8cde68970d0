import { ScheduleInputError } from '../../core/errors';
import { parsePolicyField } from './parse-policy';

describe('parsePolicyField', () => {
  it('reads a JSON string, as clients send it', () => {
    expect(parsePolicyField('{"policy": "dummy", "config": {}}')).toEqual({ name: 'dummy', config: {} });
    expect(parsePolicyField(' {"policy": "dummy"} ')).toEqual({ name: 'dummy' });
    expect(parsePolicyField('{"policy": "basic", "config": {"a": {"b": 1}}, "preset": "winter"}')).toEqual({
      name: 'basic',
      config: { a: { b: 1 } },
      preset: 'winter',
    });
  });

  it('reads the same object inline', () => {
    expect(parsePolicyField({ policy: 'dummy', config: { x: [1, 2] } })).toEqual({ name: 'dummy', config: { x: [1, 2] } });
  });

  it('reads a bare name, and a name quoted once more', () => {
    expect(parsePolicyField('dummy')).toEqual({ name: 'dummy' });
    expect(parsePolicyField(' my-policy_2.1 ')).toEqual({ name: 'my-policy_2.1' });
    expect(parsePolicyField('"dummy"')).toEqual({ name: 'dummy' });
  });

  it('treats a null config or preset as absent', () => {
    expect(parsePolicyField({ policy: 'dummy', config: null, preset: null })).toEqual({ name: 'dummy' });
  });

  it('says the field is missing', () => {
    expect(() => parsePolicyField(undefined)).toThrow(new ScheduleInputError('Missing policy field'));
  });

  it.each<[unknown, RegExp]>([
    ['{"policy": "dummy"', /^Invalid policy: "\{\\"policy\\": \\"dummy\\"" is neither valid JSON nor a policy name; expected a JSON object/],
    ['dummy policy', /neither valid JSON nor a policy name/],
    ['', /^Invalid policy: it is an empty string; expected/],
    ['[1, 2]', /^Invalid policy: the JSON string holds an array, not an object; expected/],
    ['null', /the JSON string holds null, not an object/],
    ['42', /the JSON string holds a number, not an object/],
    [42, /^Invalid policy: got a number; expected a JSON object such as \{"policy": "dummy", "config": \{\}\}/],
    [null, /^Invalid policy: got null/],
    [['dummy'], /^Invalid policy: got an array/],
    ['{"config": {}}', /the object has no "policy" key naming the policy/],
    [{ policy: '' }, /the "policy" key must be a non-empty string \(got a string\)/],
    [{ policy: 3 }, /the "policy" key must be a non-empty string \(got a number\)/],
    ['{"policy": {"name": "dummy"}}', /the "policy" key must be a non-empty string \(got an object\)/],
  ])('rejects %p saying what was expected', (value, re) => {
    let err: unknown;
    try {
      parsePolicyField(value);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScheduleInputError);
    expect((err as Error).message).toMatch(re);
    expect((err as ScheduleInputError).path).toBe('policy');
  });

  it('rejects a config that is not an object, naming config', () => {
    expect(() => parsePolicyField({ policy: 'dummy', config: [1] })).toThrow(
      'Invalid config: config must be an object of settings such as {} (got an array)',
    );
    expect(() => parsePolicyField('{"policy": "dummy", "config": "{}"}')).toThrow(/got a string/);
  });

  it('rejects a preset that is not a name', () => {
    expect(() => parsePolicyField({ policy: 'dummy', preset: 5 })).toThrow(/^Invalid preset: the "preset" key must be a non-empty string/);
  });

  it('keeps __proto__ from a JSON string as plain data, not as a prototype', () => {
    const p = parsePolicyField('{"policy": "dummy", "config": {"__proto__": {"polluted": 1}}}');
    expect(Object.keys(p.config ?? {})).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
