import { readPolicyField } from './policy-field';

describe('readPolicyField', () => {
  it('reads a JSON string, as clients send it', () => {
    expect(readPolicyField('{"policy": "dummy", "config": {}}')).toEqual({ selection: { policy: 'dummy', config: {} } });
    expect(readPolicyField(' {"policy": "basic", "preset": "winter"} ')).toEqual({ selection: { policy: 'basic', preset: 'winter' } });
  });

  it('reads the same object inline, as it is', () => {
    const inline = { policy: 'dummy', config: { x: [1, 2] } };
    expect(readPolicyField(inline)).toEqual({ selection: inline });
  });

  it('reads a bare name, and a name quoted once more', () => {
    expect(readPolicyField('dummy')).toEqual({ selection: { policy: 'dummy' } });
    expect(readPolicyField(' my-policy_2.1 ')).toEqual({ selection: { policy: 'my-policy_2.1' } });
    expect(readPolicyField('"dummy"')).toEqual({ selection: { policy: 'dummy' } });
  });

  it('says the field is missing', () => {
    expect(readPolicyField(undefined)).toEqual({ problem: 'Missing policy field' });
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
  ])('explains %p, saying what was expected', (value, re) => {
    const r = readPolicyField(value);
    expect('problem' in r && r.problem).toMatch(re);
  });

  it('keeps __proto__ from a JSON string as plain data, not as a prototype', () => {
    const r = readPolicyField('{"policy": "dummy", "config": {"__proto__": {"polluted": 1}}}');
    expect('selection' in r && Object.keys(r.selection.config as object)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
