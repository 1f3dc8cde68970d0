/**
 * Property tests of `basic` over random windows in 2023 and random configs, with the real master
 * schedule: scans never overlap, stay inside the window, the same request gives the same text,
 * and master scans keep clear of the Sun (basic-policy F7) at every sample of their time grid.
 */
import fc from 'fast-check';
import { BODY_NAMES } from '../../astro/site';
import { sampleAzAlt } from '../../astro/track';
import { deepMerge, validateConfig } from '../../config';
import { isBodyName } from '../../astro/site';
import { sunSafeMask } from '../../rules/sun-avoidance';
import { parseInstant } from '../../time/iso';
import { describeWithReference, REFERENCE_DIR } from '../../../testing/reference';
import { basicPolicy } from './basic-policy';
import { planBasic } from './pipeline';
import { DEFAULT_SAFETY_FLOORS } from '../../safety/floors';

const YEAR0 = parseInstant('2023-01-01T00:00:00Z')!;
const YEAR_S = 364 * 86400;
const ctx = { dataDir: REFERENCE_DIR, seed: 'prop', now: new Date(0), floors: DEFAULT_SAFETY_FLOORS };

const targets = BODY_NAMES.filter((b) => b !== 'sun');

const arbRequest = fc.record({
  startS: fc.integer({ min: 0, max: YEAR_S - 2 * 86400 }),
  lengthS: fc.integer({ min: 600, max: 36 * 3600 }),
  sun: fc.record({
    min_angle_az: fc.integer({ min: 0, max: 40 }),
    min_angle_alt: fc.integer({ min: 0, max: 40 }),
    n_buffer: fc.integer({ min: 0, max: 10 }),
    time_step: fc.constantFrom(5, 10, 30, 60),
  }),
  targets: fc.subarray([...targets], { maxLength: 3 }),
  preferred: fc.constantFrom(0, 600, 1800, 1e9),
  minDuration: fc.option(fc.integer({ min: 0, max: 1200 }), { nil: undefined }),
  drift: fc.option(fc.constantFrom('rising', 'setting'), { nil: undefined }),
});

type Req = typeof arbRequest extends fc.Arbitrary<infer R> ? R : never;

function configOf(r: Req) {
  return validateConfig(
    basicPolicy.configClass,
    deepMerge(basicPolicy.defaults, {
      master_schedule: 'schedule_sat.txt',
      calibration_targets: r.targets,
      rules: {
        'sun-avoidance': r.sun,
        'make-source-scan': { preferred_length: r.preferred },
        ...(r.minDuration !== undefined ? { 'min-duration': { min_duration: r.minDuration } } : {}),
        ...(r.drift !== undefined ? { 'drift-mode': { mode: r.drift } } : {}),
      },
    }),
  );
}

describeWithReference('basic policy properties (fast-check)', () => {
  it('scans are disjoint, inside the window, reproducible, and master scans avoid the Sun', () => {
    fc.assert(
      fc.property(arbRequest, (r) => {
        const t0 = YEAR0 + r.startS * 1e6;
        const t1 = t0 + r.lengthS * 1e6;
        const cfg = configOf(r);
        const { scans } = planBasic(t0, t1, cfg, ctx);
        for (let i = 0; i < scans.length; i++) {
          const s = scans[i];
          expect(s.t0).toBeGreaterThanOrEqual(t0);
          expect(s.t1).toBeLessThanOrEqual(t1);
          expect(s.t1).toBeGreaterThanOrEqual(s.t0);
          if (i > 0) expect(scans[i - 1].t1).toBeLessThanOrEqual(s.t0);
          expect(s.az).toBeGreaterThanOrEqual(0);
          expect(s.az).toBeLessThan(360);
          if (!isBodyName(s.name)) {
            const sun = sampleAzAlt('sun', s.t0, s.t1, r.sun.time_step);
            const ok = sunSafeMask(s, sun.t, sun.az, sun.alt, r.sun)!;
            expect(ok.every(Boolean)).toBe(true);
          }
        }
        const a = basicPolicy.generate(t0, t1, cfg, ctx).commands;
        const b = basicPolicy.generate(t0, t1, configOf(r), ctx).commands;
        expect(a).toBe(b);
      }),
      { numRuns: 30, seed: 20230101 },
    );
  });
});
