/**
 * Config of the `basic` policy: the defaults of the original server (e78b683, spec §6) and the
 * class every request's merged config is validated against.
 */
import { BODY_NAMES, type BodyName } from '../../astro/site';
import { NameListField, NestedField, OptionalField, StringField } from '../../config/decorators';
import { deepFreeze } from '../../config/merge';
import { DEFAULT_PLANNER_CONFIG, PlannerConfig } from '../../planner/config';
import {
  AltRangeParams,
  DayModParams,
  DriftModeParams,
  MakeSourcePlanParams,
  MakeSourceScanParams,
  MinDurationParams,
  RephaseFirstParams,
  SunAvoidanceParams,
} from '../../rules';

/** Longest accepted `master_schedule` (a file name, or inline TOAST text of up to ~16,000 rows). */
export const MAX_MASTER_SCHEDULE_CHARS = 4_000_000;

/** Longest body name accepted in a target list (bounds what an error message quotes). */
const MAX_BODY_NAME_CHARS = 32;

/** Rules of the policy: the three required ones and the optional ones (`null` in a request removes those). */
export class BasicRules {
  @NestedField(() => SunAvoidanceParams, { description: 'Cuts scans and source passages where they come too close to the Sun.' })
  readonly 'sun-avoidance'!: SunAvoidanceParams;

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

  @NameListField(BODY_NAMES, { noun: 'source', maxLength: MAX_BODY_NAME_CHARS, description: 'Bodies given calibration scans as they rise or set through the array.' })
  readonly calibration_targets!: readonly BodyName[];

  @NameListField(BODY_NAMES, { noun: 'source', maxLength: MAX_BODY_NAME_CHARS, description: 'Bodies planned and Sun-checked but not scheduled (as the original).' })
  readonly soft_targets!: readonly BodyName[];
}

/**
 * Defaults of the original server (e78b683, `configs/basic.py`), plus `master`: without a
 * `master_schedule` the policy generates the master schedule for the window with the planner.
 */
export const BASIC_DEFAULTS: BasicConfig = deepFreeze({
  master: DEFAULT_PLANNER_CONFIG,
  rules: {
    'sun-avoidance': { min_angle_az: 6, min_angle_alt: 6, time_step: 10, n_buffer: 3 },
    'day-mod': { day: 0, day_mod: 1, day_ref: '2014-01-01T00:00:00Z' },
    'calibration-min-duration': { min_duration: 300 },
    'make-source-plan': {
      specs: [{ bounds_x: [-0.5, 0.5], bounds_y: [-0.5, 0.5] }],
      spec_shape: 'ellipse',
      max_obs_length: 6000,
    },
    'make-source-scan': { preferred_length: 1800 },
  },
  calibration_targets: ['uranus', 'saturn'],
  soft_targets: [],
});
