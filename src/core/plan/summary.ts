/**
 * The numbers an operator reads first: how much of the window each kind of block takes and how
 * much is idle (scheduler-web's "time fractions").
 */
import { US_PER_S, type Micros } from '../time/micros';
import { isScanBlock, PLAN_KIND_ORDER, type PlanBlock } from './plan-block';

/** Time taken by one kind of block. */
export interface KindShare {
  readonly kind: string;
  /** Blocks of this kind. */
  readonly blocks: number;
  /** Seconds inside the window. */
  readonly seconds: number;
  /** `seconds` over the window's length (0 for an empty window). */
  readonly fraction: number;
}

/** Summary of a plan over its window. */
export interface PlanSummary {
  readonly windowSeconds: number;
  /** Seconds covered by scans (every kind but `idle` and `park`). */
  readonly scannedSeconds: number;
  /** Seconds when nothing is scanned: idle and park blocks and the gaps between blocks. */
  readonly idleSeconds: number;
  /** `idleSeconds` over the window. */
  readonly idleFraction: number;
  /** Scans (every kind but `idle` and `park`). */
  readonly scanCount: number;
  /** Per kind present, in `PLAN_KIND_ORDER` then by name. */
  readonly kinds: readonly KindShare[];
}

function kindRank(kind: string): number {
  const i = PLAN_KIND_ORDER.indexOf(kind);
  return i < 0 ? PLAN_KIND_ORDER.length : i;
}

const seconds = (us: number): number => us / US_PER_S;

/**
 * Sums the blocks over `[t0, t1]`: each block counts only inside the window, and scans that
 * overlap each other (they never should) count their union once in `scannedSeconds`.
 */
export function summarizePlan(blocks: readonly PlanBlock[], t0: Micros, t1: Micros): PlanSummary {
  const windowUs = Math.max(0, t1 - t0);
  const byKind = new Map<string, { blocks: number; us: number }>();
  const scanSpans: [number, number][] = [];
  let scanCount = 0;
  for (const b of blocks) {
    const a = Math.max(b.t0, t0);
    const z = Math.min(b.t1, t1);
    const us = Math.max(0, z - a);
    const entry = byKind.get(b.kind) ?? { blocks: 0, us: 0 };
    entry.blocks += 1;
    entry.us += us;
    byKind.set(b.kind, entry);
    if (isScanBlock(b)) {
      scanCount += 1;
      if (us > 0) scanSpans.push([a, z]);
    }
  }
  scanSpans.sort((x, y) => x[0] - y[0]);
  let scannedUs = 0;
  let end = -Infinity;
  for (const [a, z] of scanSpans) {
    if (z <= end) continue;
    scannedUs += z - Math.max(a, end);
    end = z;
  }
  const fraction = (us: number): number => (windowUs === 0 ? 0 : us / windowUs);
  const kinds = [...byKind.entries()]
    .sort(([a], [b]) => kindRank(a) - kindRank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([kind, e]) => ({ kind, blocks: e.blocks, seconds: seconds(e.us), fraction: fraction(e.us) }));
  const idleUs = windowUs - scannedUs;
  return {
    windowSeconds: seconds(windowUs),
    scannedSeconds: seconds(scannedUs),
    idleSeconds: seconds(idleUs),
    idleFraction: fraction(idleUs),
    scanCount,
    kinds,
  };
}
