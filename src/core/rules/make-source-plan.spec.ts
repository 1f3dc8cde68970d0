import { validateConfig } from '../config/validate';
import { sampleAzAlt } from '../astro/track';
import { sourceGetBlocks } from '../astro/events';
import { sourceBlock } from '../blocks/block';
import { flatten } from '../blocks/tree';
import type { ObservingWindow } from '../blocks/types';
import { PRNGKey } from '../random';
import { makeSourcePlan, MakeSourcePlanParams, PLAN_CACHE_SIZE, planSourceBlock } from './make-source-plan';
import { scanFromWindow } from './make-source-scan';
import { utc } from './rules.test-helpers';

const DEFAULT_PLAN = {
  specs: [{ bounds_x: [-0.5, 0.5] as [number, number], bounds_y: [-0.5, 0.5] as [number, number] }],
  spec_shape: 'ellipse' as const,
  max_obs_length: 6000,
};

// Saturn setting, trimmed to the start of 2023 (basic-policy §5.2 reference block).
const saturnSetting = sourceBlock({
  name: 'saturn',
  t0: utc('2023-01-01T00:00:00Z'),
  t1: utc('2023-01-01T01:59:04.435186Z'),
  mode: 'setting',
});

describe('make-source-plan (basic-policy §5.2 reference values)', () => {
  it('samples the block as the original (238 samples from 1672531200)', () => {
    const s = sampleAzAlt('saturn', saturnSetting.t0, saturnSetting.t1, 30);
    expect(s.t.length).toBe(238);
    expect(s.t[0]).toBe(1672531200);
    [263.78226, 263.73959, 263.69691].forEach((v, i) => expect(Math.abs(s.az[i] - v)).toBeLessThan(0.02));
    [26.37122, 26.25668, 26.14215].forEach((v, i) => expect(Math.abs(s.alt[i] - v)).toBeLessThan(0.02));
  });

  it('default spec: window 00:00–01:53 (227 samples) with the reference arrays', () => {
    const w = planSourceBlock(saturnSetting, DEFAULT_PLAN)!;
    expect(w).not.toBeNull();
    expect(w.t0).toBe(utc('2023-01-01T00:00:00Z'));
    expect(w.t1).toBe(utc('2023-01-01T01:53:00Z'));
    expect(w.tStart).toHaveLength(227);
    const check = (i: number, obs: number, az: number, alt: number, thr: number): void => {
      // §11.4: angles within 0.01°; passage times within a fraction of a second.
      expect(Math.abs(w.obsLength[i] - obs)).toBeLessThan(0.1);
      expect(Math.abs(w.azBore[i] - az)).toBeLessThan(0.01);
      expect(Math.abs(w.altBore[i] - alt)).toBeLessThan(0.01);
      expect(Math.abs(w.azThrow[i] - thr)).toBeLessThan(0.001);
    };
    check(0, 262.008539, 263.596018, 25.87122, 1.111386);
    check(100, 265.545765, 259.320628, 14.484189, 1.032827);
    check(226, 311.936306, 253.53906, 0.658349, 1.000066);
  });

  it('two specs: window 00:00–01:41 (203 samples), one throw constant before projection (F5)', () => {
    const w = planSourceBlock(saturnSetting, {
      ...DEFAULT_PLAN,
      specs: [
        { bounds_x: [-1, 2], bounds_y: [-0.5, 1.5] },
        { bounds_x: [-0.2, 0.2], bounds_y: [-2, 0] },
      ],
    })!;
    expect(w.t1).toBe(utc('2023-01-01T01:41:00Z'));
    expect(w.tStart).toHaveLength(203);
    expect(Math.abs(w.obsLength[0] - 918.051159)).toBeLessThan(0.1);
    expect(Math.abs(w.azBore[0] - 262.580828)).toBeLessThan(0.01);
    expect(Math.abs(w.altBore[0] - 24.87122)).toBeLessThan(0.01);
    expect(Math.abs(w.azThrow[0] - 3.204541)).toBeLessThan(0.001);
    expect(Math.abs(w.obsLength[202] - 1033.613693)).toBeLessThan(0.1);
    expect(Math.abs(w.azBore[202] - 253.641736)).toBeLessThan(0.01);
    expect(Math.abs(w.altBore[202] - 2.153181)).toBeLessThan(0.01);
    expect(Math.abs(w.azThrow[202] - 2.914798)).toBeLessThan(0.001);
    // F5: az_throw · cos(alt_center) is one constant (x_hi − x_lo) for every sample; here
    // alt_offset = (1.5 − 2)/2 = −0.25, so alt_center = alt_bore − 0.25.
    const widths = Array.from(w.azThrow, (thr, i) => thr * Math.cos(((w.altBore[i] - 0.25) * Math.PI) / 180));
    for (const k of widths) expect(k).toBeCloseTo(widths[0], 9);
  });

  it('make-source-scan on that window reproduces the §5.8 worked example', () => {
    const w = planSourceBlock(saturnSetting, DEFAULT_PLAN)!;
    const u = new PRNGKey([[2023, 1, 1], 0]).uniform();
    expect(u).toBeCloseTo(0.5315581032293439, 15);
    const sc = scanFromWindow(w, { preferred_length: 1800 }, u, { pointing: 'crossing' })!;
    // Same window start and draw, so the same start to the microsecond.
    expect(sc.t0).toBe(utc('2023-01-01T00:44:07.159354Z'));
    expect(Math.abs((sc.t1 - sc.t0) / 1e6 - 265.088836)).toBeLessThan(0.05);
    expect(Math.abs(sc.az - 259.8296)).toBeLessThan(0.01);
    expect(Math.abs(sc.alt - 15.815724)).toBeLessThan(0.01);
    expect(Math.abs(sc.throw - 1.039346)).toBeLessThan(0.001);
  });
});

describe('make-source-plan behaviour', () => {
  it('plans jupiter passages into windows inside their blocks (§10.3)', () => {
    const blocks = sourceGetBlocks('jupiter', utc('2022-01-01T00:00:00Z'), utc('2022-01-02T00:00:00Z'));
    const windows = flatten(makeSourcePlan(DEFAULT_PLAN)(blocks)) as ObservingWindow[];
    expect(windows.length).toBeGreaterThan(0);
    for (const w of windows) {
      expect(w.kind).toBe('window');
      const src = blocks.find((b) => b.t0 <= w.t0 + 1e6 && w.t1 <= b.t1)!;
      expect(src).toBeDefined();
      expect(w.mode).toBe(src.mode);
      const n = w.tStart.length;
      for (const a of [w.obsLength, w.azBore, w.altBore, w.azThrow]) expect(a).toHaveLength(n);
      expect(w.t1 - w.t0).toBe((n - 1) * 30e6);
    }
  });
  it('drops short blocks instead of crashing (F11) and keeps mode "both"', () => {
    for (const sec of [60, 120, 149, 150]) {
      const b = sourceBlock({ name: 'saturn', t0: saturnSetting.t0, t1: saturnSetting.t0 + sec * 1e6, mode: 'setting' });
      expect(planSourceBlock(b, DEFAULT_PLAN)).toBeNull();
    }
    const both = sourceBlock({ ...saturnSetting, mode: 'both' });
    expect(makeSourcePlan(DEFAULT_PLAN)([both])).toEqual([both]);
  });
  it('max_obs_length and bounds_alt can remove every sample (F4: no range → dropped)', () => {
    expect(planSourceBlock(saturnSetting, { ...DEFAULT_PLAN, max_obs_length: 10 })).toBeNull();
    expect(planSourceBlock(saturnSetting, { ...DEFAULT_PLAN, bounds_alt: [80, 90] })).toBeNull();
  });
  it('bounds_alt narrows the window to boresight altitudes inside it', () => {
    const w = planSourceBlock(saturnSetting, { ...DEFAULT_PLAN, bounds_alt: [10, 20] })!;
    expect(Array.from(w.altBore).every((a) => a >= 10 && a <= 20)).toBe(true);
  });
  it('azimuth stays continuous across north (F8)', () => {
    // Uranus transits north of the zenith here: its setting block starts near az 0/360.
    const blocks = sourceGetBlocks('uranus', utc('2023-01-01T00:00:00Z'), utc('2023-01-03T00:00:00Z'));
    const windows = flatten(makeSourcePlan(DEFAULT_PLAN)(blocks)) as ObservingWindow[];
    for (const w of windows) {
      for (let i = 1; i < w.azBore.length; i++) expect(Math.abs(w.azBore[i] - w.azBore[i - 1])).toBeLessThan(5);
    }
  });
  it('validates specs and shape with dotted paths', () => {
    const path = 'config.rules.make-source-plan';
    expect(() => validateConfig(MakeSourcePlanParams, { ...DEFAULT_PLAN, specs: [] }, path)).toThrow(/specs must have at least 1/);
    expect(() =>
      validateConfig(MakeSourcePlanParams, { ...DEFAULT_PLAN, specs: [{ bounds_x: [1, 0], bounds_y: [0, 1] }] }, path),
    ).toThrow(/specs\[0\]\.bounds_x must be \[low, high\]/);
  });
});

describe('make-source-plan shares planned passes across applications', () => {
  /** The window the rule plans for `b` alone (null: dropped). */
  const plan = (b: typeof saturnSetting, p: MakeSourcePlanParams = DEFAULT_PLAN): ObservingWindow | null =>
    (flatten(makeSourcePlan(p)([b]))[0] as ObservingWindow | undefined) ?? null;
  /** Uranus's passes over `days` days from 2023-01-01 (whole passes: none is cut by the window). */
  const uranus = (days: number) => sourceGetBlocks('uranus', utc('2023-01-01T00:00:00Z'), utc('2023-01-01T00:00:00Z') + days * 86_400e6);

  it('gives the same window object for the same pass and params, equal to planning it afresh', () => {
    const a = plan(saturnSetting);
    expect(a).not.toBeNull();
    expect(plan(saturnSetting)).toBe(a);
    expect(a).toEqual(planSourceBlock(saturnSetting, DEFAULT_PLAN));
    // Equal params in another key order and another object share it too.
    const reordered = { max_obs_length: 6000, spec_shape: 'ellipse' as const, specs: [{ bounds_y: [-0.5, 0.5] as [number, number], bounds_x: [-0.5, 0.5] as [number, number] }] };
    expect(plan(saturnSetting, reordered)).toBe(a);
  });

  it('plans afresh for other params, another mode or other times', () => {
    const a = plan(saturnSetting)!;
    const narrowed = plan(saturnSetting, { ...DEFAULT_PLAN, bounds_alt: [10, 20] });
    expect(narrowed).not.toBe(a);
    expect(narrowed).toEqual(planSourceBlock(saturnSetting, { ...DEFAULT_PLAN, bounds_alt: [10, 20] }));
    const later = sourceBlock({ ...saturnSetting, t0: saturnSetting.t0 + 30e6 });
    expect(plan(later)).toEqual(planSourceBlock(later, DEFAULT_PLAN));
    expect(plan(later)!.t0).not.toBe(a.t0);
    // A dropped pass is remembered as dropped.
    expect(plan(saturnSetting, { ...DEFAULT_PLAN, max_obs_length: 10 })).toBeNull();
    expect(plan(saturnSetting, { ...DEFAULT_PLAN, max_obs_length: 10 })).toBeNull();
  });

  it(`keeps at most ${PLAN_CACHE_SIZE} passes, the least recently used leaving first`, () => {
    const passes = uranus(30);
    expect(passes.length).toBeGreaterThan(PLAN_CACHE_SIZE + 1);
    // Oldest to newest after these: passes 0, 1, …, PLAN_CACHE_SIZE − 1 (a full cache).
    const first = plan(passes[0]);
    const second = plan(passes[1]);
    for (const b of passes.slice(2, PLAN_CACHE_SIZE)) plan(b);
    // Used again, pass 0 is the newest: pass 1 is now the oldest, and leaves for the next one.
    expect(plan(passes[0])).toBe(first);
    plan(passes[PLAN_CACHE_SIZE]);
    expect(plan(passes[0])).toBe(first);
    const again = plan(passes[1]);
    expect(again).not.toBe(second);
    expect(again).toEqual(second);
  });

  it('leaves the shared windows as they were after the rest of the pipeline has used them', () => {
    const passes = uranus(2);
    const windows = flatten(makeSourcePlan(DEFAULT_PLAN)(passes)) as ObservingWindow[];
    const copies = windows.map((w) => structuredClone(w));
    for (const w of windows) {
      scanFromWindow(w, { preferred_length: 1800 }, 0.53, { pointing: 'crossing' });
      scanFromWindow(w, { preferred_length: 600 }, 0.1);
    }
    expect(windows).toEqual(copies);
    expect(flatten(makeSourcePlan(DEFAULT_PLAN)(passes))).toEqual(copies);
  });
});
