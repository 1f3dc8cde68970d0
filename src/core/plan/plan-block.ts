/**
 * The plan as data: one `PlanBlock` per scan (or sleep) of a generated script, in script order, so
 * clients can see a schedule without reading Python. Policies fill `ScheduleResult.blocks` with these.
 */
import type { ScanBlock } from '../blocks/types';
import { isoformat } from '../time/format';
import type { Micros } from '../time/micros';

/** The kinds the built-in policies give; host policies may use others. */
export const PLAN_BLOCK_KINDS = Object.freeze({
  /** A scan of a master-schedule CMB patch. */
  cmb: 'cmb',
  /** A short scan of a planet (or other calibration source) crossing the array. */
  calibration: 'calibration',
  /** A horizontal filler scan (e.g. the planner's `south`), taken when no sky patch can be. */
  filler: 'filler',
  /** Nothing moves (the `dummy` policy's sleeps). */
  idle: 'idle',
  /** The telescope holds a Sun-safe pointing, not scanning, until it moves to the next scan's start (`basic`'s parks). */
  park: 'park',
} as const);

/** One of the built-in kinds. */
export type PlanBlockKind = (typeof PLAN_BLOCK_KINDS)[keyof typeof PLAN_BLOCK_KINDS];

/** Order in which kinds are listed (summaries, legends); unknown kinds follow alphabetically. */
export const PLAN_KIND_ORDER: readonly string[] = ['cmb', 'calibration', 'filler', 'park', 'idle'];

/** One block of a plan: a scan (pointing set), a park (pointing set, throw 0) or an idle span (pointing null). */
export interface PlanBlock {
  readonly name: string;
  /** `cmb`, `calibration`, `filler`, `idle`, or a host policy's own kind. */
  readonly kind: string;
  readonly t0: Micros;
  readonly t1: Micros;
  /** Start azimuth (degrees), null when nothing moves. */
  readonly az: number | null;
  /** Elevation (degrees), null when nothing moves. */
  readonly alt: number | null;
  /** Azimuth sweep (degrees), null when nothing moves. */
  readonly throw: number | null;
}

/** A plan block as it goes on the wire: times as ISO 8601 UTC text. */
export interface PlanBlockJson {
  readonly name: string;
  readonly kind: string;
  readonly t0: string;
  readonly t1: string;
  readonly az: number | null;
  readonly alt: number | null;
  readonly throw: number | null;
}

/** The plan block of a scan, with the kind the policy gives it. */
export function scanPlanBlock(scan: ScanBlock, kind: string): PlanBlock {
  return Object.freeze({ name: scan.name, kind, t0: scan.t0, t1: scan.t1, az: scan.az, alt: scan.alt, throw: scan.throw });
}

/** An idle span `[t0, t1]` (no pointing). */
export function idlePlanBlock(name: string, t0: Micros, t1: Micros): PlanBlock {
  return Object.freeze({ name, kind: PLAN_BLOCK_KINDS.idle, t0, t1, az: null, alt: null, throw: null });
}

/** A park: the telescope holds (`az`, `alt`) over `[t0, t1]` without scanning. */
export function parkPlanBlock(name: string, t0: Micros, t1: Micros, az: number, alt: number): PlanBlock {
  return Object.freeze({ name, kind: PLAN_BLOCK_KINDS.park, t0, t1, az, alt, throw: 0 });
}

/** Whether a block scans (every kind but `idle` and `park`). */
export function isScanBlock(b: PlanBlock): boolean {
  return b.kind !== PLAN_BLOCK_KINDS.idle && b.kind !== PLAN_BLOCK_KINDS.park;
}

/** Whether a block points the telescope (everything but `idle`): what a Sun check reports on. */
export function pointsTelescope(b: PlanBlock): boolean {
  return b.kind !== PLAN_BLOCK_KINDS.idle;
}

/** ISO 8601 in UTC with `Z` (`2026-12-01T00:00:00Z`; `.ffffff` only when the instant has microseconds). */
export function isoUtc(t: Micros): string {
  return `${isoformat(t).slice(0, -'+00:00'.length)}Z`;
}

const numberOrNull = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * Plain copies of the documented fields only: what a worker thread may post back (a policy's own
 * objects could carry members that do not survive the structured clone) and all a client sees.
 */
export function copyPlanBlocks(blocks: readonly PlanBlock[]): PlanBlock[] {
  return blocks.map((b) => ({
    name: String(b.name),
    kind: String(b.kind),
    t0: b.t0,
    t1: b.t1,
    az: numberOrNull(b.az),
    alt: numberOrNull(b.alt),
    throw: numberOrNull(b.throw),
  }));
}

/** The wire form of a block. */
export function planBlockToJson(b: PlanBlock): PlanBlockJson {
  return { name: b.name, kind: b.kind, t0: isoUtc(b.t0), t1: isoUtc(b.t1), az: b.az, alt: b.alt, throw: b.throw };
}
