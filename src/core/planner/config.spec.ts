import { ConfigError } from '../errors';
import { configJsonSchema, deepMerge, validateConfig } from '../config';
import { DEFAULT_PLANNER_CONFIG, patchName, PlannerConfig } from './config';

const withOverride = (override: unknown): unknown => deepMerge(DEFAULT_PLANNER_CONFIG, override);
const reject = (override: unknown): string => {
  try {
    validateConfig(PlannerConfig, withOverride(override), 'config.master');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('DEFAULT_PLANNER_CONFIG', () => {
  it('is valid and validates to an equal, frozen value', () => {
    const parsed = validateConfig(PlannerConfig, DEFAULT_PLANNER_CONFIG);
    expect(parsed).toEqual(DEFAULT_PLANNER_CONFIG);
    expect(Object.isFrozen(parsed.patches[0])).toBe(true);
  });

  it('holds the thirteen 2023 strips, 11.613 degrees wide, from RA 301.935 through 0 to 92.903', () => {
    const p = DEFAULT_PLANNER_CONFIG.patches;
    expect(p).toHaveLength(13);
    expect(p[0].name).toBe('DEC-050..-030_RA+301.935..+313.548');
    expect(p[4].name).toBe('DEC-050..-030_RA+348.387..+360.000');
    expect(p[5].name).toBe('DEC-050..-030_RA+000.000..+011.613');
    expect(p[12].name).toBe('DEC-050..-030_RA+081.290..+092.903');
    for (const x of p) {
      expect(((x.ra_max - x.ra_min + 360) % 360) - 11.613).toBeCloseTo(0, 2);
      expect([x.dec_min, x.dec_max]).toEqual([-50, -30]);
    }
    expect(DEFAULT_PLANNER_CONFIG.horizontal_patches).toEqual([
      { name: 'south', az_min: 109.7, az_max: 141.9, el: 50, weight: 1 },
    ]);
    expect(DEFAULT_PLANNER_CONFIG.elevations).toEqual([50, 60]);
    expect(DEFAULT_PLANNER_CONFIG.sun_avoidance).toBe(45);
  });

  it('names boxes like the real plan', () => {
    expect(patchName(0, 11.613, -50, -30)).toBe('DEC-050..-030_RA+000.000..+011.613');
    expect(patchName(350, 10, -5, 20)).toBe('DEC-005..+020_RA+350.000..+010.000');
  });
});

describe('PlannerConfig', () => {
  it('accepts a patch that wraps through RA 0 and an empty filler list', () => {
    const c = validateConfig(
      PlannerConfig,
      withOverride({
        patches: [{ name: 'wrap', ra_min: 350, ra_max: 10, dec_min: -60, dec_max: -40, weight: 2 }],
        horizontal_patches: [],
      }),
    );
    expect(c.patches[0].ra_min).toBe(350);
    expect(c.horizontal_patches).toEqual([]);
  });

  it('names the dotted path of a wrong or unknown key', () => {
    expect(reject({ sun_avoidance: '45' })).toBe(
      'Invalid config: config.master.sun_avoidance must be a number between 0 and 180 (got "45").',
    );
    expect(reject({ sun_avoid: 45 })).toMatch(/^Invalid config: config\.master\.sun_avoid is not a known key/);
    expect(reject({ patches: [{ name: 'x', ra_min: 0, ra_max: 10, dec_min: 0, dec_max: 5 }] })).toBe(
      'Invalid config: config.master.patches[0].weight is required.',
    );
    expect(reject({ min_scan_length: 2.5 })).toMatch(/config\.master\.min_scan_length must be an integer/);
  });

  it('checks what spans several keys', () => {
    expect(reject({ elevations: [50, 85] })).toMatch(/config\.master\.elevations\[1\] must lie within el_min and el_max/);
    expect(reject({ elevations: [50, 50] })).toMatch(/config\.master\.elevations must not repeat/);
    expect(reject({ el_min: 60, el_max: 50, elevations: [55] })).toMatch(/config\.master\.el_max must be at least el_min/);
    expect(reject({ min_scan_length: 30, max_scan_length: 20 })).toMatch(/config\.master\.max_scan_length must be at least/);
    expect(reject({ patches: [{ name: 'a', ra_min: 0, ra_max: 200, dec_min: 0, dec_max: 5, weight: 1 }] })).toMatch(
      /config\.master\.patches\[0\]\.ra_max must lie between 0 and 180 degrees of RA/,
    );
    expect(reject({ patches: [{ name: 'a', ra_min: 0, ra_max: 10, dec_min: 5, dec_max: 5, weight: 1 }] })).toMatch(
      /patches\[0\]\.dec_max must be greater than dec_min/,
    );
    expect(reject({ horizontal_patches: [{ name: 'h', az_min: 100, az_max: 90, el: 50, weight: 1 }] })).toMatch(
      /horizontal_patches\[0\]\.az_max must be greater than az_min/,
    );
    expect(reject({ horizontal_patches: [{ name: 'DEC-050..-030_RA+301.935..+313.548', az_min: 1, az_max: 9, el: 50, weight: 1 }] })).toMatch(
      /horizontal_patches\[0\]\.name repeats the patch name/,
    );
  });

  it('keeps names to what fits the 34-character TOAST column', () => {
    expect(reject({ horizontal_patches: [{ name: 'has space', az_min: 1, az_max: 9, el: 50, weight: 1 }] })).toMatch(
      /name must be a name of letters/,
    );
    expect(reject({ horizontal_patches: [{ name: 'x'.repeat(35), az_min: 1, az_max: 9, el: 50, weight: 1 }] })).toMatch(
      /at most 34 characters/,
    );
  });

  it('describes itself as JSON Schema for the docs, with the defaults', () => {
    const js = configJsonSchema({ configClass: PlannerConfig, defaults: DEFAULT_PLANNER_CONFIG }) as {
      properties: Record<string, { default?: unknown }>;
    };
    expect(Object.keys(js.properties)).toEqual(Object.keys(DEFAULT_PLANNER_CONFIG));
    expect(js.properties.sun_avoidance).toMatchObject({ type: 'number', minimum: 0, maximum: 180, default: 45 });
  });
});
