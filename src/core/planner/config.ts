/**
 * Configuration of the master-schedule planner (the `master` key of the basic policy's config):
 * the sky patches, the horizontal filler, the scan elevations, the avoidance angles and the scan
 * lengths. The defaults mirror the real 2023 plan of the site (`schedule_sat.txt`).
 */
import { deepFreeze } from '../config/merge';
import { CrossCheck, NestedListField, NumberField, NumberListField, StringField, type Problem } from '../config/decorators';

/** A patch name: it fills a 34-character column of the TOAST text. */
const nameField = (description: string): PropertyDecorator =>
  StringField({
    minLength: 1,
    maxLength: 34,
    pattern: /^[A-Za-z0-9_.+\-]+$/,
    patternText: 'a name of letters, digits and _ . + - (it fills a 34-character column)',
    description,
  });

/** A sky patch: an RA/Dec box in degrees (J2000). `ra_min > ra_max` means the box wraps through 0. */
export class SkyPatch {
  @nameField('Name of the patch in the master schedule (unique among all patches).')
  readonly name!: string;

  @NumberField({ min: 0, max: 360, description: 'Western RA edge (degrees, J2000).' })
  readonly ra_min!: number;

  @NumberField({ min: 0, max: 360, description: 'Eastern RA edge (degrees); less than ra_min wraps through 0; less than 180 degrees wide.' })
  readonly ra_max!: number;

  @NumberField({ min: -90, max: 90, description: 'Southern Dec edge (degrees, J2000).' })
  readonly dec_min!: number;

  @NumberField({ min: -90, max: 90, description: 'Northern Dec edge (degrees), greater than dec_min.' })
  readonly dec_max!: number;

  @NumberField({ positive: true, max: 1e6, description: 'Relative share of observing time the patch should get.' })
  readonly weight!: number;
}

/** A horizontal patch: a fixed azimuth range at a fixed elevation, used as filler. */
export class HorizontalPatch {
  @nameField('Name of the filler in the master schedule (unique among all patches).')
  readonly name!: string;

  @NumberField({ min: 0, max: 360, description: 'Start of the azimuth range (degrees).' })
  readonly az_min!: number;

  @NumberField({ min: 0, max: 360, description: 'End of the azimuth range (degrees), greater than az_min.' })
  readonly az_max!: number;

  @NumberField({ min: 0, max: 90, description: 'Elevation (degrees), within el_min and el_max.' })
  readonly el!: number;

  @NumberField({ positive: true, max: 1e6, description: 'Order of preference among fillers (higher first).' })
  readonly weight!: number;
}

/** Width in degrees of RA from `ra_min` east to `ra_max`, in [0, 360). */
function raWidth(p: SkyPatch): number {
  return (((p.ra_max - p.ra_min) % 360) + 360) % 360;
}

/** The elevation limits can judge other keys only when they are in order. */
function elLimitsInOrder(c: PlannerConfig): boolean {
  return c.el_max >= c.el_min;
}

/** Names, RA widths and Dec order of the sky patches. */
function checkPatches(patches: readonly SkyPatch[]): Problem | undefined {
  const names = new Set<string>();
  for (const [i, p] of patches.entries()) {
    if (names.has(p.name)) return { at: `[${i}].name`, why: `repeats the patch name "${p.name}"` };
    names.add(p.name);
    const width = raWidth(p);
    if (!(width > 0 && width < 180)) {
      return { at: `[${i}].ra_max`, why: `must lie between 0 and 180 degrees of RA after ra_min (got a width of ${width})` };
    }
    if (!(p.dec_max > p.dec_min)) return { at: `[${i}].dec_max`, why: `must be greater than dec_min (${p.dec_min})` };
  }
  return undefined;
}

/** Names (unique with the sky patches'), azimuth order and elevations of the fillers. */
function checkFillers(fillers: readonly HorizontalPatch[], c: PlannerConfig): Problem | undefined {
  const names = new Set(c.patches.map((p) => p.name));
  for (const [i, h] of fillers.entries()) {
    if (names.has(h.name)) return { at: `[${i}].name`, why: `repeats the patch name "${h.name}"` };
    names.add(h.name);
    if (!(h.az_max > h.az_min)) return { at: `[${i}].az_max`, why: `must be greater than az_min (${h.az_min})` };
    if (elLimitsInOrder(c) && (h.el < c.el_min || h.el > c.el_max)) {
      return { at: `[${i}].el`, why: `must lie within el_min and el_max (${c.el_min} to ${c.el_max}, got ${h.el})` };
    }
  }
  return undefined;
}

/** Elevations within the limits, below 90, each once. */
function checkElevations(elevations: readonly number[], c: PlannerConfig): Problem | undefined {
  if (elLimitsInOrder(c)) {
    const i = elevations.findIndex((el) => el < c.el_min || el > c.el_max || el >= 90);
    if (i >= 0) {
      return {
        at: `[${i}]`,
        why: `must lie within el_min and el_max (${c.el_min} to ${c.el_max}) and below 90 (got ${elevations[i]})`,
      };
    }
  }
  return new Set(elevations).size === elevations.length ? undefined : { why: 'must not repeat an elevation' };
}

/** The planner's configuration (the `master` key of the basic policy's config). */
export class PlannerConfig {
  @CrossCheck('patchesConsistent', checkPatches)
  @NestedListField(() => SkyPatch, { maxItems: 200, description: 'Sky patches to share the observing time among.' })
  readonly patches!: readonly SkyPatch[];

  @CrossCheck('fillersConsistent', checkFillers)
  @NestedListField(() => HorizontalPatch, { maxItems: 20, description: 'Constant-elevation fillers for the time no sky patch can use.' })
  readonly horizontal_patches!: readonly HorizontalPatch[];

  @CrossCheck('elevationsConsistent', checkElevations)
  @NumberListField({ min: 0, max: 90 }, { minItems: 1, maxItems: 10, description: 'Elevations (degrees) constant-elevation scans may use, in order of preference on ties.' })
  readonly elevations!: readonly number[];

  @NumberField({ min: 0, max: 90, description: 'Lowest elevation any scan may use (degrees).' })
  readonly el_min!: number;

  @CrossCheck('elMaxAtLeastElMin', (elMax: number, c: PlannerConfig) =>
    elLimitsInOrder(c) ? undefined : { why: `must be at least el_min (${c.el_min})` },
  )
  @NumberField({ min: 0, max: 90, description: 'Highest elevation any scan may use (degrees).' })
  readonly el_max!: number;

  @NumberField({ min: 0, max: 180, description: 'No point of a scan comes within this angle (degrees) of the Sun during the scan.' })
  readonly sun_avoidance!: number;

  @NumberField({ min: 0, max: 180, description: 'The same for the Moon; 0 turns Moon avoidance off.' })
  readonly moon_avoidance!: number;

  @NumberField({ integer: true, min: 1, max: 1440, description: 'Shortest scan worth taking (minutes).' })
  readonly min_scan_length!: number;

  @CrossCheck('maxScanAtLeastMinScan', (maxLength: number, c: PlannerConfig) =>
    maxLength >= c.min_scan_length ? undefined : { why: `must be at least min_scan_length (${c.min_scan_length})` },
  )
  @NumberField({ integer: true, min: 1, max: 1440, description: 'Longest scan; longer passes are split into sub-scans (minutes).' })
  readonly max_scan_length!: number;

  @NumberField({ integer: true, min: 0, max: 3600, description: 'Idle time between two passes, for the telescope to slew (seconds).' })
  readonly gap!: number;

  @NumberField({ min: 0, max: 360, description: 'Boresight rotation advances by this many degrees each planning day (0 keeps it at 0).' })
  readonly rotation_step!: number;
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
export const DEFAULT_PLANNER_CONFIG: PlannerConfig = deepFreeze({
  patches: DEFAULT_RA_EDGES.map(([a, b]) => ({ name: patchName(a, b, -50, -30), ra_min: a, ra_max: b, dec_min: -50, dec_max: -30, weight: 1 })),
  horizontal_patches: [{ name: 'south', az_min: 109.7, az_max: 141.9, el: 50, weight: 1 }],
  elevations: [50, 60],
  el_min: 30,
  el_max: 80,
  sun_avoidance: 45,
  moon_avoidance: 0,
  min_scan_length: 5,
  max_scan_length: 60,
  gap: 60,
  rotation_step: 45,
});
