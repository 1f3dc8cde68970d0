import { kindOf, quoteInput } from './messages';

describe('message helpers', () => {
  it('quotes and cuts long inputs', () => {
    expect(quoteInput('abc')).toBe('"abc"');
    const q = quoteInput('x'.repeat(100));
    expect(q).toHaveLength(42);
    expect(q.endsWith('..."')).toBe(true);
  });

  it('names JSON kinds', () => {
    expect([null, [], {}, 1, true, 's', undefined].map(kindOf)).toEqual([
      'null',
      'an array',
      'an object',
      'a number',
      'a boolean',
      'a string',
      'undefined',
    ]);
  });
});
