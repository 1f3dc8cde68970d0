/**
 * The answer of `POST /<prefix>/schedule/plan` as documented in OpenAPI: the success envelope plus
 * the plan as data. Property examples are values of the real answer in `plan-response.example.ts`.
 */
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { UNSAFE_SCHEDULE_MESSAGE } from '../envelope';
import { ScheduleErrorDto, ScheduleSuccessDto } from './schedule-response.dto';

/** The window as the server read it. */
export class PlanWindowDto {
  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: 'Start, ISO 8601 UTC.' })
  t0!: string;

  @ApiProperty({ example: '2026-12-01T01:00:00Z', description: 'End, ISO 8601 UTC.' })
  t1!: string;
}

/** One block of the plan: a scan of `commands`, or an idle span. */
export class PlanBlockDto {
  @ApiProperty({ example: 'DEC-050..-030_RA+034.839..+046.452', description: 'The scan\'s name (patch or source), as in the script.' })
  name!: string;

  @ApiProperty({
    example: 'cmb',
    description:
      '`cmb` (a master-schedule CMB patch), `calibration` (a planet crossing), `filler` (a horizontal filler patch), `park` (a Sun-safe pointing held before a scan, not scanning), `idle` (nothing moves: the `dummy` sleeps), or a host policy\'s own kind.',
  })
  kind!: string;

  @ApiProperty({ example: '2026-12-01T00:00:00Z', description: 'Start, ISO 8601 UTC (microseconds when the scan has them).' })
  t0!: string;

  @ApiProperty({ example: '2026-12-01T00:20:07.590329Z', description: 'Stop, ISO 8601 UTC.' })
  t1!: string;

  @ApiProperty({ type: Number, nullable: true, example: 109.69, description: 'Start azimuth (degrees); null for an idle block.' })
  az!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 50, description: 'Elevation (degrees); null for an idle block.' })
  alt!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 32.24, description: 'Azimuth sweep (degrees); null for an idle block.' })
  throw!: number | null;
}

/** Time taken by one kind of block. */
export class KindShareDto {
  @ApiProperty({ example: 'cmb' })
  kind!: string;

  @ApiProperty({ example: 2, description: 'Blocks of this kind.' })
  blocks!: number;

  @ApiProperty({ example: 1586.428053, description: 'Seconds inside the window.' })
  seconds!: number;

  @ApiProperty({ example: 0.44067445916666664, description: '`seconds` over the window.' })
  fraction!: number;
}

/** The time fractions of the plan. */
export class PlanSummaryDto {
  @ApiProperty({ example: 3600 })
  windowSeconds!: number;

  @ApiProperty({ example: 3600, description: 'Seconds covered by scans (every kind but `idle` and `park`).' })
  scannedSeconds!: number;

  @ApiProperty({ example: 0, description: 'Seconds when nothing scans: idle and park blocks and gaps.' })
  idleSeconds!: number;

  @ApiProperty({ example: 0, description: '`idleSeconds` over the window.' })
  idleFraction!: number;

  @ApiProperty({ example: 4, description: 'The scans of the script (blocks that are neither idle nor park).' })
  scanCount!: number;

  @ApiProperty({ type: [KindShareDto], description: 'Per kind present: cmb, calibration, filler, park, idle, then others by name.' })
  kinds!: KindShareDto[];
}

/** The checker's finding for one block. */
export class SunCheckBlockDto {
  @ApiProperty({ example: 0, description: 'Index into `blocks`.' })
  index!: number;

  @ApiProperty({ example: 'DEC-050..-030_RA+034.839..+046.452' })
  name!: string;

  @ApiProperty({ example: 103.98682631528895, description: 'Smallest angle between the Sun and the scan\'s sweep over the padded scan (degrees).' })
  minSunDistanceDeg!: number;

  @ApiProperty({ type: [String], example: [], description: 'What the scan breaks, in words; empty when it is safe.' })
  problems!: string[];
}

/** What the checker held every scan to: the stricter of the config and the operator's floors. */
export class SafetyCriteriaDto {
  @ApiProperty({ example: 10, description: 'Least angle from the Sun to every swept point (degrees; 0: not checked).' })
  sunDistanceDeg!: number;

  @ApiProperty({
    type: 'object',
    nullable: true,
    properties: { minAzDeg: { type: 'number' }, minAltDeg: { type: 'number' } },
    example: { minAzDeg: 6, minAltDeg: 6 },
    description: 'The `sun-avoidance` box on the swept arc (degrees), or null when it is not applied to arcs.',
  })
  sunBox!: { minAzDeg: number; minAltDeg: number } | null;

  @ApiProperty({ example: 30, description: 'Seconds added before and after each scan for the Sun tests.' })
  paddingS!: number;

  @ApiProperty({ type: [Number], example: [20, 90], description: 'Elevations every scan must lie within (degrees).' })
  mountElLimits!: [number, number];

  @ApiProperty({ type: [Number], nullable: true, example: [-90, 480], description: 'Azimuths every sweep must lie within (degrees), or null.' })
  mountAzLimits!: [number, number] | null;
}

/** The independent Sun check. */
export class SunCheckDto {
  @ApiProperty({
    enum: ['safe', 'unsafe', 'unchecked'],
    example: 'safe',
    description: '`safe` or `unsafe` from the independent checker; `unchecked` when it could not run (`reason` says why).',
  })
  verdict!: 'safe' | 'unsafe' | 'unchecked';

  @ApiPropertyOptional({
    example: 'Policy "dummy" points nothing in this schedule (no scans): there is nothing for the Sun check to check.',
    description: 'Only with `unchecked`: why the check did not run.',
  })
  reason?: string;

  @ApiProperty({ type: Number, nullable: true, example: 103.98682631528895, description: 'Smallest Sun distance over all scans (degrees); null when nothing was checked.' })
  minSunDistanceDeg!: number | null;

  @ApiProperty({ type: [SunCheckBlockDto], description: 'Per checked scan; `index` points into `blocks`.' })
  blocks!: SunCheckBlockDto[];

  @ApiPropertyOptional({ type: SafetyCriteriaDto, description: 'What the checker held the scans to; absent with `unchecked`.' })
  criteria?: SafetyCriteriaDto;
}

/** One sample of a body's track. */
export class TrackPointDto {
  @ApiProperty({ example: '2026-12-01T00:00:00Z' })
  t!: string;

  @ApiProperty({ example: 239.56, description: 'Azimuth, degrees [0, 360).' })
  az!: number;

  @ApiProperty({ example: -12.53, description: 'Apparent (refracted) altitude, degrees.' })
  alt!: number;
}

/** The Sun and Moon over the window, for drawing. */
export class SkyTracksDto {
  @ApiProperty({ example: 600, description: 'Sample spacing (seconds; wider for long windows, at most 1500 samples); the last sample is t1.' })
  stepSeconds!: number;

  @ApiProperty({ type: [TrackPointDto] })
  sun!: TrackPointDto[];

  @ApiProperty({ type: [TrackPointDto] })
  moon!: TrackPointDto[];
}

/** HTTP 200 of the plan route. */
export class PlanSuccessDto extends ScheduleSuccessDto {
  @ApiProperty({ type: PlanWindowDto })
  window!: PlanWindowDto;

  @ApiProperty({
    type: [PlanBlockDto],
    nullable: true,
    description: 'One per group of `commands` (scans and parks), in order (the `dummy` sleeps as `idle`); null when the policy does not describe its plan.',
  })
  blocks!: PlanBlockDto[] | null;

  @ApiProperty({ type: PlanSummaryDto, nullable: true, description: 'Null exactly when `blocks` is.' })
  summary!: PlanSummaryDto | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { calibration_targets: ['uranus', 'saturn'] },
    description: "The resolved config the schedule was made with: the policy's defaults, then the preset, then the request's `config`, validated.",
  })
  config!: Record<string, unknown>;

  @ApiProperty({ type: SunCheckDto })
  sunCheck!: SunCheckDto;

  @ApiProperty({ type: SkyTracksDto })
  tracks!: SkyTracksDto;
}

/** The plan route's 500 for a schedule the safety check refused (an example; the numbers are made up). */
export const UNSAFE_PLAN_EXAMPLE = {
  status: 'error',
  message: UNSAFE_SCHEDULE_MESSAGE,
  sunCheck: {
    verdict: 'unsafe',
    minSunDistanceDeg: 4.2,
    blocks: [
      { index: 0, name: 'DEC-050..-030_RA+034.839..+046.452', minSunDistanceDeg: 48.1, problems: [] },
      { index: 1, name: 'saturn', minSunDistanceDeg: 4.2, problems: ['comes within 4.200° of the Sun at 2026-12-01T21:14:30+00:00 (at least 10° required)'] },
    ],
    criteria: { sunDistanceDeg: 10, sunBox: { minAzDeg: 6, minAltDeg: 6 }, paddingS: 30, mountElLimits: [20, 90], mountAzLimits: null },
  },
};

/** HTTP 500 of the plan route: the error envelope, plus the failing report when the safety check refused the schedule. */
export class UnsafePlanDto extends ScheduleErrorDto {
  @ApiPropertyOptional({
    type: SunCheckDto,
    description: 'Only for a schedule that failed the safety check: the checker\'s report (`verdict: unsafe`; `index` counts the scans).',
  })
  sunCheck?: SunCheckDto;
}
