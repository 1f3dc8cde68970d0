import { configJsonSchema, validateConfig } from '../config';
import { ConfigError } from '../errors';
import { Mt19937 } from '../random';
import type { PolicyContext } from '../policy';
import { formatHundredths } from '../script/python-literal';
import { DUMMY_MAX_SLEEPS, dummyPolicy, sleepBlocks, splitCentiseconds } from './dummy';
import { DEFAULT_SAFETY_FLOORS } from '../safety/floors';

const T0 = Date.parse('2026-11-29T21:05:00Z') * 1000;
const HOUR = 3600 * 1e6;
const ctx = (seed: string): PolicyContext => ({ dataDir: '/nonexistent', seed, now: new Date('2026-11-29T21:05:03.250Z'), floors: DEFAULT_SAFETY_FLOORS });

function sleepsOf(commands: string): string[] {
  return commands
    .split('\n')
    .filter((l) => l.startsWith('time.sleep('))
    .map((l) => /^time\.sleep\((\d+\.\d\d)\)$/.exec(l)?.[1] ?? `bad line ${l}`);
}

const centis = (s: string) => Math.round(Number(s) * 100);

describe('dummyPolicy', () => {
  it('writes import time, the generation comment, then sleeps and a final newline', () => {
    const { commands } = dummyPolicy.generate(T0, T0 + HOUR, {}, ctx('a'));
    const lines = commands.split('\n');
    expect(lines[0]).toBe('import time');
    expect(lines[1]).toBe(
      '# generated 2026-11-29T21:05:03.250Z by the dummy policy for 2026-11-29T21:05:00+00:00 to 2026-11-29T22:05:00+00:00',
    );
    expect(lines[lines.length - 1]).toBe('');
    expect(lines.slice(2, -1).every((l) => /^time\.sleep\(\d+\.\d\d\)$/.test(l))).toBe(true);
  });

  it('adds the sleeps up to the window exactly, for many seeds and windows', () => {
    const windows = [1, 0.5, 59.999, 3600, 86_400 * 31, 12.345678, 0.001];
    for (const seconds of windows) {
      for (let i = 0; i < 40; i++) {
        const { commands } = dummyPolicy.generate(T0, T0 + Math.round(seconds * 1e6), {}, ctx(`seed-${i}`));
        const sleeps = sleepsOf(commands);
        expect(sleeps.length).toBeGreaterThanOrEqual(1);
        expect(sleeps.length).toBeLessThanOrEqual(DUMMY_MAX_SLEEPS);
        expect(sleeps.reduce((a, x) => a + centis(x), 0)).toBe(Math.round(seconds * 100));
      }
    }
  });

  it('gives the same sleeps for the same seed, whatever the wall clock', () => {
    const a = dummyPolicy.generate(T0, T0 + HOUR, {}, ctx('same'));
    const b = dummyPolicy.generate(T0, T0 + HOUR, {}, { ...ctx('same'), now: new Date('2030-01-01T00:00:00Z'), floors: DEFAULT_SAFETY_FLOORS });
    expect(sleepsOf(a.commands)).toEqual(sleepsOf(b.commands));
  });

  it('varies the number and the split with the seed, using every count from 1 to 10', () => {
    const counts = new Set<number>();
    const texts = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const sleeps = sleepsOf(dummyPolicy.generate(T0, T0 + HOUR, {}, ctx(`request ${i}`)).commands);
      counts.add(sleeps.length);
      texts.add(sleeps.join(','));
    }
    expect([...counts].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(texts.size).toBeGreaterThan(250);
  });

  it('accepts only the empty config, naming an unknown key', () => {
    const validate = (config: unknown): unknown => validateConfig(dummyPolicy.configClass, config);
    expect(validate({})).toEqual({});
    expect(() => validate({ speed: 2 })).toThrow(ConfigError);
    expect(() => validate({ speed: 2 })).toThrow('Invalid config: config.speed is not a known key (known keys: none).');
    expect(() => validate([])).toThrow(/^Invalid config: config must be an object/);
    expect(configJsonSchema(dummyPolicy)).toEqual({ type: 'object', properties: {}, additionalProperties: false });
  });

  it('keeps its defaults frozen', () => {
    expect(Object.isFrozen(dummyPolicy.defaults)).toBe(true);
    expect(dummyPolicy.name).toBe('dummy');
  });
});

describe('dummy helpers', () => {
  it('prints centiseconds with two decimals', () => {
    expect([0, 5, 100, 12345, 360000].map(formatHundredths)).toEqual(['0.00', '0.05', '1.00', '123.45', '3600.00']);
  });

  it('splits into the asked number of non-negative parts with the right sum', () => {
    const rng = new Mt19937(12345);
    for (let count = 1; count <= 10; count++) {
      const parts = splitCentiseconds(1000, count, rng);
      expect(parts).toHaveLength(count);
      expect(parts.every((p) => Number.isInteger(p) && p >= 0)).toBe(true);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(1000);
    }
  });
});

describe('dummy plan blocks', () => {
  it('gives one idle block per sleep line, back to back from t0, with the printed durations', () => {
    for (let i = 0; i < 50; i++) {
      const t1 = T0 + HOUR + i * 7_919;
      const { commands, blocks = [] } = dummyPolicy.generate(T0, t1, {}, ctx(`blocks ${i}`));
      const sleeps = sleepsOf(commands);
      expect(blocks).toHaveLength(sleeps.length);
      expect(blocks.every((b) => b.kind === 'idle' && b.az === null && b.alt === null && b.throw === null)).toBe(true);
      expect(blocks.map((b) => (b.t1 - b.t0) / 10_000)).toEqual(sleeps.map(centis));
      expect(blocks[0].t0).toBe(T0);
      blocks.slice(1).forEach((b, k) => expect(b.t0).toBe(blocks[k].t1));
      // The sleeps add up to the window rounded to 0.01 s, so the last block ends within 5 ms of t1.
      expect(Math.abs(blocks[blocks.length - 1].t1 - t1)).toBeLessThanOrEqual(5_000);
    }
  });

  it('sleepBlocks places the given centiseconds from t0', () => {
    expect(sleepBlocks(0, [150, 0, 25]).map((b) => [b.t0, b.t1])).toEqual([
      [0, 1_500_000],
      [1_500_000, 1_500_000],
      [1_500_000, 1_750_000],
    ]);
  });
});
