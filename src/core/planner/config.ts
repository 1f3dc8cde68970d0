/**
 * Configuration of the master-schedule planner (the `master` key of the basic policy's config):
 * the sky patches, the horizontal filler, the scan elevations, the avoidance angles and the scan
 * lengths. The defaults mirror the real 2023 plan of the site (`schedule_sat.txt`).
 */
import { ConfigError } from '../errors';
import { deepFreeze, s, type Schema } from '../config';

/** A sky patch: an RA/Dec box in degrees (J2000). `ra_min > ra_max` means the box wraps through 0. */
export interface SkyPatch {
  readonly name: string;
  readonly ra_min: number;
  readonly ra_max: number;
  readonly dec_min: number;
  readonly dec_max: number;
  /** Relative share of observing time the patch should get. */
  readonly weight: number;
}

/** A horizontal patch: a fixed azimuth range at a fixed elevation, used as filler. */
export interface HorizontalPatch {
  readonly name: string;
  readonly az_min: number;
  readonly az_max: number;
  readonly el: number;
  /** Order of preference among fillers (higher first). */
  readonly weight: number;
}

/** The planner's configuration (validated; see `plannerConfigSchema`). */
export interface PlannerConfig {
  readonly patches: readonly SkyPatch[];
  readonly horizontal_patches: readonly HorizontalPatch[];
  /** Elevations (degrees) constant-elevation scans may use, in order of preference on ties. */
  readonly elevations: readonly number[];
  /** Lowest and highest elevation any scan may use (degrees). */
  readonly el_min: number;
  readonly el_max: number;
  /** No point of a scan comes within this angle (degrees) of the Sun during the scan. */
  readonly sun_avoidance: number;
  /** Same for the Moon; 0 turns Moon avoidance off. */
  readonly moon_avoidance: number;
  /** Shortest scan worth taking (minutes). */
  readonly min_scan_length: number;
  /** Longest scan; longer passes are split into sub-scans (minutes). */
  readonly max_scan_length: number;
  /** Idle time between two passes, for the telescope to slew (seconds). */
  readonly gap: number;
  /** Boresight rotation advances by this many degrees each planning day (0 keeps it at 0). */
  readonly rotation_step: number;
}

/** The default 2023 strip edges: 5 strips from RA 301.935 to 360, 8 from 0 to 92.903. */
const DEFAULT_RA_EDGES: readonly (readonly [number, number])[] = [
  [301.935, 313.548],
  [313.548, 325.161],
  [325.161, 336.774],
  [336.774, 348.387],
  [348.387, 360.0],
  [0.0, 11.613],
  [11.613, 23.226],
  [23.226, 34.839],
  [34.839, 46.452],
  [46.452, 58.065],
  [58.065, 69.677],
  [69.677, 81.29],
  [81.29, 92.903],
];

/** The name the real plan gives a box: `DEC-050..-030_RA+000.000..+011.613`. */
export function patchName(raMin: number, raMax: number, decMin: number, decMax: number): string {
  const dec = (d: number): string => `${d < 0 ? '-' : '+'}${Math.abs(d).toFixed(0).padStart(3, '0')}`;
  const ra = (r: number): string => `+${r.toFixed(3).padStart(7, '0')}`;
  return `DEC${dec(decMin)}..${dec(decMax)}_RA${ra(raMin)}..${ra(raMax)}`;
}

/** Defaults: the thirteen 2023 strips, the `south` filler, elevations 50 and 60, Sun 45 degrees. */
export const DEFAULT_PLANNER_CONFIG: PlannerConfig = Object.freeze({
  patches: Object.freeze(
    DEFAULT_RA_EDGES.map(([a, b]) =>
      Object.freeze({ name: patchName(a, b, -50, -30), ra_min: a, ra_max: b, dec_min: -50, dec_max: -30, weight: 1 }),
    ),
  ),
  horizontal_patches: Object.freeze([Object.freeze({ name: 'south', az_min: 109.7, az_max: 141.9, el: 50, weight: 1 })]),
  elevations: Object.freeze([50, 60]),
  el_min: 30,
  el_max: 80,
  sun_avoidance: 45,
  moon_avoidance: 0,
  min_scan_length: 5,
  max_scan_length: 60,
  gap: 60,
  rotation_step: 45,
});

const nameSchema = s.string({
  minLength: 1,
  maxLength: 34,
  pattern: /^[A-Za-z0-9_.+\-]+$/,
  patternText: 'a name of letters, digits and _ . + - (it fills a 34-character column)',
});

const skyPatchSchema = s.object({
  name: nameSchema,
  ra_min: s.number({ min: 0, max: 360 }),
  ra_max: s.number({ min: 0, max: 360 }),
  dec_min: s.number({ min: -90, max: 90 }),
  dec_max: s.number({ min: -90, max: 90 }),
  weight: s.number({ exclusiveMin: 0, max: 1e6 }),
});

const horizontalPatchSchema = s.object({
  name: nameSchema,
  az_min: s.number({ min: 0, max: 360 }),
  az_max: s.number({ min: 0, max: 360 }),
  el: s.number({ min: 0, max: 90 }),
  weight: s.number({ exclusiveMin: 0, max: 1e6 }),
});

const shape = s.object({
  patches: s.array(skyPatchSchema, { maxItems: 200 }),
  horizontal_patches: s.array(horizontalPatchSchema, { maxItems: 20 }),
  elevations: s.array(s.number({ min: 0, max: 90 }), { minItems: 1, maxItems: 10 }),
  el_min: s.number({ min: 0, max: 90 }),
  el_max: s.number({ min: 0, max: 90 }),
  sun_avoidance: s.number({ min: 0, max: 180 }),
  moon_avoidance: s.number({ min: 0, max: 180 }),
  min_scan_length: s.number({ integer: true, min: 1, max: 1440 }),
  max_scan_length: s.number({ integer: true, min: 1, max: 1440 }),
  gap: s.number({ integer: true, min: 0, max: 3600 }),
  rotation_step: s.number({ min: 0, max: 360 }),
});

/** Checks what one key alone cannot: ordered bounds, RA widths, elevation limits, unique names. */
function checkConsistency(c: PlannerConfig, path: string): PlannerConfig {
  if (!(c.el_max >= c.el_min)) throw new ConfigError(`${path}.el_max`, `must be at least el_min (${c.el_min})`);
  const names = new Set<string>();
  const unique = (name: string, at: string): void => {
    if (names.has(name)) throw new ConfigError(at, `repeats the patch name "${name}"`);
    names.add(name);
  };
  c.patches.forEach((p, i) => {
    const at = `${path}.patches[${i}]`;
    unique(p.name, `${at}.name`);
    const width = (((p.ra_max - p.ra_min) % 360) + 360) % 360;
    if (!(width > 0 && width < 180)) {
      throw new ConfigError(`${at}.ra_max`, `must lie between 0 and 180 degrees of RA after ra_min (got a width of ${width})`);
    }
    if (!(p.dec_max > p.dec_min)) throw new ConfigError(`${at}.dec_max`, `must be greater than dec_min (${p.dec_min})`);
  });
  c.horizontal_patches.forEach((h, i) => {
    const at = `${path}.horizontal_patches[${i}]`;
    unique(h.name, `${at}.name`);
    if (!(h.az_max > h.az_min)) throw new ConfigError(`${at}.az_max`, `must be greater than az_min (${h.az_min})`);
    if (h.el < c.el_min || h.el > c.el_max) {
      throw new ConfigError(`${at}.el`, `must lie within el_min and el_max (${c.el_min} to ${c.el_max}, got ${h.el})`);
    }
  });
  c.elevations.forEach((el, i) => {
    if (el < c.el_min || el > c.el_max || el >= 90) {
      throw new ConfigError(
        `${path}.elevations[${i}]`,
        `must lie within el_min and el_max (${c.el_min} to ${c.el_max}) and below 90 (got ${el})`,
      );
    }
  });
  if (new Set(c.elevations).size !== c.elevations.length) {
    throw new ConfigError(`${path}.elevations`, 'must not repeat an elevation');
  }
  if (c.max_scan_length < c.min_scan_length) {
    throw new ConfigError(`${path}.max_scan_length`, `must be at least min_scan_length (${c.min_scan_length})`);
  }
  return c;
}

/** Schema of the `master` config (the planner's): every key required once merged over the defaults. */
export const plannerConfigSchema: Schema<PlannerConfig> = s.custom(
  (v, path) => deepFreeze(checkConsistency(shape.parse(v, path), path)),
  shape.toJsonSchema(),
);
