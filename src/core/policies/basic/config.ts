/**
 * Config of the `basic` policy: the defaults of the original server (e78b683, basic-policy §6) with the
 * safety rules on, the class every request's merged config is validated against, and the policy's
 * own presets (`original-2023`: the original's results, for parity checks).
 */
import { BODY_NAMES, type BodyName } from '../../astro/site';
import { BooleanField, FieldCheck, NameListField, NestedField, OptionalField, StringField } from '../../config/decorators';
import { deepFreeze } from '../../config/merge';
import { DEFAULT_PLANNER_CONFIG, PlannerConfig } from '../../planner/config';
import {
  AltRangeParams,
  CalibrationCrossingParams,
  DayModParams,
  DriftModeParams,
  MakeSourcePlanParams,
  MakeSourceScanParams,
  MinDurationParams,
  MountParams,
  RephaseFirstParams,
  SunAvoidanceParams,
  SunGuardParams,
} from '../../rules';
import { ParkParams } from './parks';

/** Longest accepted `master_schedule` (a file name, or inline TOAST text of up to ~16,000 rows). */
export const MAX_MASTER_SCHEDULE_CHARS = 4_000_000;

/** Longest body name accepted in a target list (bounds what an error message quotes). */
const MAX_BODY_NAME_CHARS = 32;

/** `sun-avoidance` as `basic` takes it: the rule's params, and whether the box also holds on swept arcs. */
export class BasicSunAvoidanceParams extends SunAvoidanceParams {
  @BooleanField({
    description:
      'Also apply the box to what every final scan sweeps ([az, az + throw] at its elevation, over [t0 − pad, t1 + pad] with pad = n_buffer × time_step), trimming or dropping scans; false keeps only the original per-block test.',
  })
  readonly swept_arc!: boolean;
}

/** The Sun is never a calibration or soft target: pointing at it is what every Sun rule forbids. */
const notTheSun = FieldCheck<readonly string[]>('notTheSun', (v) => {
  const i = Array.isArray(v) ? v.indexOf('sun') : -1;
  return i < 0 ? undefined : { at: `[${i}]`, why: 'is the Sun, which is never a calibration or soft target' };
});

/** Rules of the policy: the three required ones and the optional ones (`null` in a request removes those). */
export class BasicRules {
  @NestedField(() => BasicSunAvoidanceParams, { description: 'Cuts scans and source passages where they come too close to the Sun.' })
  readonly 'sun-avoidance'!: BasicSunAvoidanceParams;

  @NestedField(() => MakeSourcePlanParams, { description: 'Plans a crossing of the array for each rising or setting calibration source.' })
  readonly 'make-source-plan'!: MakeSourcePlanParams;

  @NestedField(() => MakeSourceScanParams, { description: 'Turns each planned crossing into one calibration scan.' })
  readonly 'make-source-scan'!: MakeSourceScanParams;

  @OptionalField()
  @NestedField(() => DayModParams, { description: 'Keeps calibration passages starting on selected sidereal days.' })
  readonly 'day-mod'?: DayModParams;

  @OptionalField()
  @NestedField(() => MinDurationParams, { description: 'Drops calibration passages shorter than min_duration.' })
  readonly 'calibration-min-duration'?: MinDurationParams;

  @OptionalField()
  @NestedField(() => DriftModeParams, { description: 'Keeps calibration passages of one mode (rising or setting).' })
  readonly 'drift-mode'?: DriftModeParams;

  @OptionalField()
  @NestedField(() => AltRangeParams, { description: 'Cuts calibration passages to an altitude range.' })
  readonly 'alt-range'?: AltRangeParams;

  @OptionalField()
  @NestedField(() => MinDurationParams, { description: 'Drops scans of the final schedule shorter than min_duration.' })
  readonly 'min-duration'?: MinDurationParams;

  @OptionalField()
  @NestedField(() => RephaseFirstParams, { description: 'Delays the first master scan by a random fraction of what it can spare.' })
  readonly 'rephase-first'?: RephaseFirstParams;

  @OptionalField()
  @NestedField(() => SunGuardParams, { description: 'Keeps every swept point of every scan this far from the Sun on the sky; trims or drops scans.' })
  readonly 'sun-guard'?: SunGuardParams;

  @OptionalField()
  @NestedField(() => CalibrationCrossingParams, {
    description: "Drops calibration scans that do not hold their planet's crossing of the scan elevation; their time goes back to the scan they displaced.",
  })
  readonly 'calibration-crossing'?: CalibrationCrossingParams;

  @OptionalField()
  @NestedField(() => ParkParams, {
    description:
      "Parks the telescope at a Sun-safe pointing while a scan's start pointing is too close to the Sun during the wait before the scan; required while the Sun is checked.",
  })
  readonly park?: ParkParams;
}

/** The whole config of `basic`: its class-validator class and, as plain JSON, its type. */
export class BasicConfig {
  @OptionalField()
  @StringField({
    minLength: 1,
    maxLength: MAX_MASTER_SCHEDULE_CHARS,
    description:
      'A file name inside the data directory, or the TOAST text itself (anything with a newline). Absent: the planner generates the master schedule for the window with `master`.',
  })
  readonly master_schedule?: string;

  @NestedField(() => PlannerConfig, { description: "The planner's config, used when master_schedule is absent." })
  readonly master!: PlannerConfig;

  @NestedField(() => BasicRules, { description: 'Parameters of the rules, by rule name.' })
  readonly rules!: BasicRules;

  @OptionalField()
  @NestedField(() => MountParams, { description: 'Limits of the mount: scans pointing or sweeping outside them are dropped.' })
  readonly mount?: MountParams;

  @notTheSun
  @NameListField(BODY_NAMES, { noun: 'source', maxLength: MAX_BODY_NAME_CHARS, description: 'Bodies given calibration scans as they rise or set through the array (never the Sun).' })
  readonly calibration_targets!: readonly BodyName[];

  @notTheSun
  @NameListField(BODY_NAMES, { noun: 'source', maxLength: MAX_BODY_NAME_CHARS, description: 'Bodies planned and Sun-checked but not scheduled, as the original (never the Sun).' })
  readonly soft_targets!: readonly BodyName[];
}

/**
 * Shortest scan kept by default, seconds: one back-and-forth of the widest throw of the master
 * schedule (47.95°) at the SAT ACU's default scan speed 1°/s with 1°/s² turnarounds (socs ACU
 * agent, `DEFAULT_SCAN_PARAMS['satp']`): 2 × 48 s of sweeping plus 2 × 2 s of turning.
 */
export const DEFAULT_MIN_SCAN_S = 100;

/**
 * Defaults of the original server (e78b683, `configs/basic.py`), plus `master` (without a
 * `master_schedule` the policy generates the master schedule for the window with the planner),
 * plus the safety and usefulness rules: the Sun box on swept arcs, `sun-guard` 10°, `mount` (the
 * SAT platform's range), `alt-range` [20, 90] (the original's own default from July 2023),
 * `calibration-crossing`, `min-duration` and `park` (Sun-safe waits before scans).
 */
export const BASIC_DEFAULTS: BasicConfig = deepFreeze({
  master: DEFAULT_PLANNER_CONFIG,
  mount: { el_limits: [20, 90], az_limits: [-90, 480] },
  rules: {
    'sun-avoidance': { min_angle_az: 6, min_angle_alt: 6, time_step: 10, n_buffer: 3, swept_arc: true },
    'sun-guard': { min_distance_deg: 10 },
    'day-mod': { day: 0, day_mod: 1, day_ref: '2014-01-01T00:00:00Z' },
    'calibration-min-duration': { min_duration: 300 },
    'make-source-plan': {
      specs: [{ bounds_x: [-0.5, 0.5], bounds_y: [-0.5, 0.5] }],
      spec_shape: 'ellipse',
      max_obs_length: 6000,
    },
    'make-source-scan': { preferred_length: 1800 },
    'alt-range': { alt_range: [20, 90] },
    'calibration-crossing': { margin_s: 0 },
    'min-duration': { min_duration: DEFAULT_MIN_SCAN_S },
    park: { azimuths: [0, 90, 180, 270] },
  },
  calibration_targets: ['uranus', 'saturn'],
  soft_targets: [],
});

/** Name of the preset that reproduces the original's results. */
export const ORIGINAL_2023_PRESET = 'original-2023';

/**
 * The policy's own presets. `original-2023` turns off what the original did not have (the Sun
 * box on swept arcs, `sun-guard`, `mount`, `alt-range`, `calibration-crossing`, `min-duration`, `park`)
 * and so reproduces the June-2023 results; it needs a server whose floors are 0 (otherwise the
 * guard of 0 and the missing mount limits are refused). Quoting names in the script stays on.
 */
export const BASIC_PRESETS: Readonly<Record<string, unknown>> = deepFreeze({
  [ORIGINAL_2023_PRESET]: {
    mount: null,
    rules: {
      'sun-avoidance': { swept_arc: false },
      'sun-guard': { min_distance_deg: 0 },
      'alt-range': null,
      'calibration-crossing': null,
      'min-duration': null,
      park: null,
    },
  },
});
