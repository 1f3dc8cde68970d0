/**
 * Config of the `basic` policy: the defaults of the original server (e78b683, basic-policy §6) and the
 * schema every request's merged config is validated with.
 */
import { BODY_NAMES, isBodyName, type BodyName } from '../../astro/site';
import { deepFreeze, s, type Infer, type Schema } from '../../config';
import { describeValue } from '../../config/schema';
import { ConfigError } from '../../errors';
import { DEFAULT_PLANNER_CONFIG, plannerConfigSchema } from '../../planner/config';
import {
  altRangeParams,
  dayModParams,
  driftModeParams,
  makeSourcePlanParams,
  makeSourceScanParams,
  minDurationParams,
  rephaseFirstParams,
  sunAvoidanceParams,
} from '../../rules';

/** Longest accepted `master_schedule` (a file name, or inline TOAST text of up to ~16,000 rows). */
export const MAX_MASTER_SCHEDULE_CHARS = 4_000_000;

/** A list of distinct body names (at most one per body). */
function targetList(): Schema<BodyName[]> {
  const list = s.array(s.string({ maxLength: 32 }), { maxItems: BODY_NAMES.length });
  return s.custom(
    (v, path) => {
      const names = list.parse(v, path);
      const seen = new Set<string>();
      names.forEach((name, i) => {
        if (!isBodyName(name)) {
          throw new ConfigError(`${path}[${i}]`, `must be one of ${BODY_NAMES.join(', ')} (got ${describeValue(name)})`);
        }
        if (seen.has(name)) throw new ConfigError(`${path}[${i}]`, `repeats "${name}"; list each source once`);
        seen.add(name);
      });
      return names as BodyName[];
    },
    { type: 'array', items: { type: 'string', enum: [...BODY_NAMES] }, maxItems: BODY_NAMES.length, uniqueItems: true },
  );
}

/** Rules of the policy: the three required ones and the optional ones (`null` in a request removes those). */
export const basicRulesSchema = s.object(
  {
    'sun-avoidance': sunAvoidanceParams,
    'make-source-plan': makeSourcePlanParams,
    'make-source-scan': makeSourceScanParams,
    'day-mod': dayModParams,
    'calibration-min-duration': minDurationParams,
    'drift-mode': driftModeParams,
    'alt-range': altRangeParams,
    'min-duration': minDurationParams,
    'rephase-first': rephaseFirstParams,
  },
  { optional: ['day-mod', 'calibration-min-duration', 'drift-mode', 'alt-range', 'min-duration', 'rephase-first'] },
);

/** The whole config of `basic`. */
export const basicConfigSchema = s.object(
  {
    master_schedule: s.string({ minLength: 1, maxLength: MAX_MASTER_SCHEDULE_CHARS }),
    master: plannerConfigSchema,
    rules: basicRulesSchema,
    calibration_targets: targetList(),
    soft_targets: targetList(),
  },
  { optional: ['master_schedule'] },
);

/** Validated config of `basic` (plain JSON: it is merged and validated again as such). */
export type BasicConfig = Infer<typeof basicConfigSchema>;

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

/** Parses a merged config, throwing `ConfigError` with the dotted path of the first problem. */
export function validateBasicConfig(config: unknown): BasicConfig {
  return basicConfigSchema.parse(config, 'config');
}
