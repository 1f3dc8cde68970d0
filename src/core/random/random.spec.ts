import { dailyStaticKey, Mt19937, PRNGKey, pyHash, seedFromText, seedOfKey, type PyKey } from '.';

const US = 1_000_000;
const utc = (y: number, m: number, d: number): number => Date.UTC(y, m - 1, d) * 1000;

describe('pyHash', () => {
  it.each<[PyKey, bigint]>([
    [42, 42n],
    [-5, -5n],
    [-1, -2n],
    [0, 0n],
    [(1n << 61n) - 1n, 0n],
    [1n << 61n, 1n],
    [-(1n << 61n), -2n],
    [1n << 64n, 8n],
  ])('hashes the int %p like CPython', (key, expected) => {
    expect(pyHash(key)).toBe(expected);
  });

  it.each<[PyKey, bigint]>([
    [[], 5740354900026072187n],
    [[1], -6644214454873602895n],
    [[-1], 8078679518589016365n],
    [[42, 0], 6038560907587197923n],
    [[2020, 1, 1], 447199698237071815n],
    [[2023, 1, 1], -1610283898141558107n],
    [[[2023, 1, 1], 0], 9111164115821031240n],
    [[[2023, 1, 1], 1], -2827939201786521951n],
    [[[1, 2], [3, [4, 5]]], 8418944986667272387n],
    [[1n << 70n, -3], 4044050317269857422n],
  ])('hashes the tuple %p like CPython', (key, expected) => {
    expect(pyHash(key)).toBe(expected);
  });

  it('treats number and bigint ints alike', () => {
    expect(pyHash([2023n, 1n, 1n])).toBe(pyHash([2023, 1, 1]));
  });

  it('rejects non-integers', () => {
    expect(() => pyHash(1.5)).toThrow(TypeError);
  });
});

describe('Mt19937', () => {
  it('gives the reference init_genrand(5489) outputs', () => {
    const g = new Mt19937(5489);
    expect([g.nextUint32(), g.nextUint32(), g.nextUint32()]).toEqual([3499211612, 581869302, 3890346734]);
  });

  it('gives numpy RandomState random_sample values', () => {
    const g = new Mt19937(0);
    expect(g.random()).toBe(0.5488135039273248);
    expect(g.random()).toBe(0.7151893663724195);
    expect(new Mt19937(4294967295).random()).toBe(0.0976320289940138);
  });

  it('keeps going past one state regeneration', () => {
    const g = new Mt19937(42);
    const xs = Array.from({ length: 2000 }, () => g.random());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Set(xs).size).toBe(2000);
  });

  it("gives the C++ standard's 10,000th output of the default seed (16 regenerations)", () => {
    const g = new Mt19937(5489);
    for (let i = 1; i < 10_000; i++) g.nextUint32();
    expect(g.nextUint32()).toBe(4123659995);
  });

  it('gives the outputs of the reference block regeneration, across blocks', () => {
    // genrand_int32 as mt19937ar.c writes it: all 624 words regenerated when a block starts.
    const reference = (seed: number, count: number): number[] => {
      const mt = new Uint32Array(624);
      mt[0] = seed;
      for (let i = 1; i < 624; i++) mt[i] = (Math.imul(1812433253, mt[i - 1] ^ (mt[i - 1] >>> 30)) + i) >>> 0;
      const twist = (a: number, b: number, c: number): number => {
        const y = (a & 0x80000000) | (b & 0x7fffffff);
        return (c ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0)) >>> 0;
      };
      const out: number[] = [];
      let mti = 624;
      while (out.length < count) {
        if (mti >= 624) {
          for (let k = 0; k < 624; k++) mt[k] = twist(mt[k], mt[(k + 1) % 624], mt[(k + 397) % 624]);
          mti = 0;
        }
        let y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        out.push(y >>> 0);
      }
      return out;
    };
    for (const seed of [0, 1, 42, 5489, 2 ** 31, 4294967295]) {
      const g = new Mt19937(seed);
      expect(Array.from({ length: 1_500 }, () => g.nextUint32())).toEqual(reference(seed, 1_500));
    }
  });

  it('rejects a seed that is not a uint32', () => {
    expect(() => new Mt19937(-1)).toThrow(RangeError);
    expect(() => new Mt19937(2 ** 32)).toThrow(RangeError);
  });
});

describe('PRNGKey (basic-policy §7 table)', () => {
  it.each<[PyKey, number, number]>([
    [42, 42, 0.3745401188473625],
    [41, 41, 0.25092362374494015],
    [[42, 0], 790160138, 0.5003419064532738],
    [[2020, 1, 1], 2605311880, 0.37387895647369485],
    [[2023, 1, 1], 1902434808, 0.779341878495311],
    [[[2023, 1, 1], 0], 71158470, 0.5315581032293439],
    [[[2023, 1, 1], 1], 1205730024, 0.8493800493702891],
  ])('key %p has seed %p and u0 %p', (key, seed, u0) => {
    const k = new PRNGKey(key);
    expect(k.seed).toBe(seed);
    expect(seedOfKey(key)).toBe(seed);
    expect(k.uniform()).toBe(u0);
  });

  it('uses floor-mod so a negative hash gives a non-negative seed', () => {
    expect(pyHash([2023, 1, 1]) < 0n).toBe(true);
    expect(new PRNGKey([2023, 1, 1]).seed).toBe(1902434808);
  });
});

describe('PRNGKey (basic-policy §10.1)', () => {
  it('returns the same values on repeated, interleaved use', () => {
    const a = new PRNGKey(42);
    const b = new PRNGKey(41);
    const seen = [a.uniform(), b.uniform(), a.uniform(), b.uniform(), a.uniform(0, 1)];
    const expected = [0.37454, 0.250923, 0.37454, 0.250923, 0.37454];
    seen.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 5));
    expect(seen[2]).toBe(seen[0]);
    expect(seen[3]).toBe(seen[1]);
  });

  it('scales uniform(lo, hi) as numpy does', () => {
    const k = new PRNGKey(42);
    expect(k.uniform(10, 20)).toBe(10 + 10 * 0.3745401188473625);
    expect(k.uniform(0, 1)).toBe(k.uniform(0, 1));
  });

  it('split gives (key, i) children and leaves the parent unchanged', () => {
    const parent = new PRNGKey(42);
    const kids = parent.split(3);
    expect(kids.map((k) => k.key)).toEqual([
      [42, 0],
      [42, 1],
      [42, 2],
    ]);
    expect(kids[0].uniform()).toBeCloseTo(0.500341, 5);
    expect(parent.uniform()).toBe(0.3745401188473625);
    expect(parent.key).toBe(42);
  });

  it('nests splits like the policy does', () => {
    const [saturn, uranus] = new PRNGKey([2023, 1, 1]).split(2);
    expect(saturn.uniform()).toBe(0.5315581032293439);
    expect(uranus.uniform()).toBe(0.8493800493702891);
  });

  it('daily_static_key uses the UTC date', () => {
    expect(dailyStaticKey(utc(2020, 1, 1)).uniform()).toBeCloseTo(0.373878, 5);
    expect(dailyStaticKey(utc(2020, 1, 1) + 86_399 * US).key).toEqual([2020, 1, 1]);
    expect(dailyStaticKey(utc(2023, 1, 1) + 12 * 3600 * US).uniform()).toBe(0.779341878495311);
    expect(dailyStaticKey(utc(1969, 12, 31) + 1).key).toEqual([1969, 12, 31]);
  });
});

describe('seedFromText', () => {
  it('is the first 4 bytes of SHA-256, big-endian', () => {
    expect(seedFromText('hello')).toBe(754077114);
  });

  it('hashes the UTF-8 bytes of any text, as createHash does', () => {
    const { createHash } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    for (const text of ['', 'héllo ☃ 𝄞', '{"policy":"dummy","t0":1}', 'x'.repeat(10_000)]) {
      expect(seedFromText(text)).toBe(createHash('sha256').update(text, 'utf8').digest().readUInt32BE(0));
    }
  });

  it('is a stable uint32 that depends on the text', () => {
    const a = seedFromText('{"t0":1}');
    expect(seedFromText('{"t0":1}')).toBe(a);
    expect(seedFromText('{"t0":2}')).not.toBe(a);
    expect(Number.isInteger(a) && a >= 0 && a < 2 ** 32).toBe(true);
  });
});
