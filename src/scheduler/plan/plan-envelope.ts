/**
 * The answer of `POST /<prefix>/schedule/plan`: the schedule envelope plus the plan as data (blocks,
 * summary, resolved config, the Sun check's verdict, the Sun and Moon tracks of the window).
 */
import {
  isoUtc,
  pointsTelescope,
  planBlockToJson,
  skyTracksToJson,
  summarizePlan,
  sunMoonTracks,
  type PlanBlockJson,
  type PlanSummary,
  type SkyTracksJson,
} from '../../core/plan';
import type { ScheduleResult } from '../../core/policy';
import type { SafetyBlockReport, SafetyCriteria, SafetyReport } from '../../core/safety/report';
import type { Micros } from '../../core/time/micros';
import { SUCCESS_MESSAGE, type SuccessEnvelope } from '../envelope';

/** A request parsed, resolved and run: what both endpoints answer from. */
export interface ComputedSchedule {
  readonly policy: string;
  readonly t0: Micros;
  readonly t1: Micros;
  /** The config the policy ran with: defaults, then preset, then the request's, validated. */
  readonly config: unknown;
  readonly result: ScheduleResult;
}

/** The independent Sun check as the plan reports it. */
export interface SunCheck {
  /** `safe`/`unsafe` from the checker; `unchecked` when it could not run (then `reason` says why). */
  readonly verdict: 'safe' | 'unsafe' | 'unchecked';
  readonly reason?: string;
  /** Smallest angle between the Sun and any scan (degrees); null when nothing was checked. */
  readonly minSunDistanceDeg: number | null;
  /** Per checked scan; `index` points into the answer's `blocks` (among the scans when there are none). */
  readonly blocks: readonly SafetyBlockReport[];
  /** What the checker held every scan to; absent when it did not run. */
  readonly criteria?: SafetyCriteria;
}
/** The plan envelope. */
export interface PlanEnvelope extends SuccessEnvelope {
  /** The window as the server read it (ISO 8601 UTC). */
  readonly window: { readonly t0: string; readonly t1: string };
  /** One per scan of `commands` (sleeps as `idle`), or null when the policy does not describe its plan. */
  readonly blocks: readonly PlanBlockJson[] | null;
  /** Null exactly when `blocks` is. */
  readonly summary: PlanSummary | null;
  readonly config: unknown;
  readonly sunCheck: SunCheck;
  readonly tracks: SkyTracksJson;
}

/** Why the check did not run, when the policy's result carries no report. */
export function uncheckedReason(policy: string, result: ScheduleResult): string {
  if (result.blocks !== undefined && !result.blocks.some(pointsTelescope)) {
    return `Policy "${policy}" points nothing in this schedule (no scans): there is nothing for the Sun check to check.`;
  }
  return `Policy "${policy}" has no independent Sun check: its scans were not checked.`;
}

/** A checker's report as the plan shows it; `scanIndex` maps a scan's position to its index in `blocks`. */
export function sunCheckOfReport(report: SafetyReport, scanIndex: (i: number) => number = (i) => i): SunCheck {
  return {
    verdict: report.verdict,
    minSunDistanceDeg: report.minSunDistanceDeg,
    blocks: report.blocks.map((b) => ({ ...b, index: scanIndex(b.index) })),
    criteria: report.criteria,
  };
}

/** The Sun check of a result: its report, or `unchecked` with the reason. */
export function sunCheckOf(policy: string, result: ScheduleResult): SunCheck {
  if (result.safety === undefined) {
    return { verdict: 'unchecked', reason: uncheckedReason(policy, result), minSunDistanceDeg: null, blocks: [] };
  }
  const blocks = result.blocks ?? [];
  const positions: number[] = [];
  blocks.forEach((b, i) => {
    if (pointsTelescope(b)) positions.push(i);
  });
  return sunCheckOfReport(result.safety, (i) => positions[i] ?? i);
}

/** Builds the plan envelope of a computed schedule. */
export function toPlanEnvelope(c: ComputedSchedule): PlanEnvelope {
  const { result } = c;
  const blocks = result.blocks;
  return {
    status: 'ok',
    commands: result.commands,
    message: result.note ?? SUCCESS_MESSAGE,
    window: { t0: isoUtc(c.t0), t1: isoUtc(c.t1) },
    blocks: blocks === undefined ? null : blocks.map(planBlockToJson),
    summary: blocks === undefined ? null : summarizePlan(blocks, c.t0, c.t1),
    config: c.config,
    sunCheck: sunCheckOf(c.policy, result),
    tracks: skyTracksToJson(sunMoonTracks(c.t0, c.t1)),
  };
}
