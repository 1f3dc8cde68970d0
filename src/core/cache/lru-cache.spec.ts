import { LruCache } from './lru-cache';

describe('LruCache', () => {
  it('keeps at most `capacity` entries, dropping the least recently used', () => {
    const c = new LruCache<string, number>(3);
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3);
    expect(c.get('a')).toBe(1); // a is now the most recent
    c.set('d', 4); // evicts b
    expect(c.size).toBe(3);
    expect(c.has('b')).toBe(false);
    expect([c.get('a'), c.get('c'), c.get('d')]).toEqual([1, 3, 4]);
  });

  it('replaces a value without growing', () => {
    const c = new LruCache<number, string>(2);
    c.set(1, 'x');
    c.set(1, 'y');
    expect(c.size).toBe(1);
    expect(c.get(1)).toBe('y');
    expect(c.get(2)).toBeUndefined();
  });

  it('can be cleared, and rejects a capacity that is not a positive integer', () => {
    const c = new LruCache<number, number>(1);
    c.set(1, 1);
    c.clear();
    expect(c.size).toBe(0);
    expect(() => new LruCache(0)).toThrow(RangeError);
    expect(() => new LruCache(1.5)).toThrow(RangeError);
  });
});
