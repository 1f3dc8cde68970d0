import { Float64Arena, HEAP } from './arena';

describe('Float64Arena', () => {
  it('hands out zero-filled, disjoint arrays and copies', () => {
    const arena = new Float64Arena(8);
    const a = arena.take(3);
    a.fill(7);
    const b = arena.copy([1, 2, 3]);
    const c = arena.copy(Float64Array.of(4, 5));
    expect([...a]).toEqual([7, 7, 7]);
    expect([...b]).toEqual([1, 2, 3]);
    expect([...c]).toEqual([4, 5]);
  });

  it('grows past its buffer without touching what was taken, and reuses it after a reset', () => {
    const arena = new Float64Arena(4);
    const a = arena.copy([1, 2, 3]);
    const big = arena.take(10); // does not fit: a new, larger buffer
    big.fill(9);
    expect([...a]).toEqual([1, 2, 3]);
    expect(arena.capacity).toBeGreaterThanOrEqual(20);
    const capacity = arena.capacity;
    arena.reset();
    const again = arena.take(10);
    expect([...again]).toEqual(new Array(10).fill(0)); // zero-filled even where `big` was
    expect(arena.capacity).toBe(capacity);
  });

  it('HEAP allocates fresh arrays', () => {
    const a = HEAP.take(2);
    const b = HEAP.copy(a);
    b[0] = 1;
    expect([...a]).toEqual([0, 0]);
  });
});
