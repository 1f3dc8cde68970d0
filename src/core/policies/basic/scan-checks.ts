/**
 * The rules `basic` applies to scans themselves, after they are made (beyond the original):
 * `mount`, the `sun-avoidance` box on the swept arc, `sun-guard`, `calibration-crossing`, and
 * `min-duration`. Each scan is trimmed to its safe part or dropped, and every change is tallied
 * by rule for the response's message.
 *
 * Order: the scan rules run on the calibration scans and on the master scans before they are
 * merged (so that time a calibration scan loses goes back to the master scan it displaced), the
 * merge is redone without calibration scans that lost their planet's crossing, the scan rules run
 * once more on the merged sequence (the promise is about what is finally sent; this pass is
 * expected to change nothing), and `min-duration` comes last.
 */
import { isBodyName, type BodyName } from '../../astro/site';
import { merge } from '../../blocks/ops';
import type { ScanBlock } from '../../blocks/types';
// The rules' own files, not their barrel: each name read through the barrel is a getter call.
import { holdsCrossing, type CalibrationCrossingParams } from '../../rules/calibration-crossing';
import type { MinDurationParams } from '../../rules/min-duration';
import { mountProblem, type MountParams } from '../../rules/mount';
import { sunAvoidanceArcPieces, sunPaddingSeconds, type SunAvoidanceParams } from '../../rules/sun-avoidance';
import { sunGuardPieces, type SunGuardParams } from '../../rules/sun-guard';
import type { SunAt } from '../../rules/swept-arc';
import { US_PER_S } from '../../time/micros';

/** What the scan rules need from the config; an absent entry is a rule turned off. */
export interface ScanRuleSettings {
  /** The `sun-avoidance` box and its padding; `swept_arc: false` leaves it to the original's per-block test. */
  readonly sunAvoidance: Pick<SunAvoidanceParams, 'min_angle_az' | 'min_angle_alt' | 'n_buffer' | 'time_step'> & {
    readonly swept_arc: boolean;
  };
  readonly sunGuard?: SunGuardParams;
  readonly mount?: MountParams;
  readonly calibrationCrossing?: CalibrationCrossingParams;
  readonly minDuration?: MinDurationParams;
}

/** Names of the scan rules in the order they apply, as the message names them. */
export const SCAN_RULE_NAMES = ['mount', 'sun-avoidance', 'sun-guard', 'calibration-crossing', 'min-duration'] as const;

/** One of `SCAN_RULE_NAMES`. */
export type ScanRuleName = (typeof SCAN_RULE_NAMES)[number];

/** Scans a rule trimmed (kept in part) and dropped (removed whole). */
export interface RuleCount {
  trimmed: number;
  dropped: number;
}

/** Changes by rule, and every scan a rule changed (as it was before that rule), for the distinct totals. */
export type ScanTally = Record<ScanRuleName, RuleCount> & { readonly changed: ScanBlock[] };

/** A tally with every count at zero. */
export function emptyTally(): ScanTally {
  const t = { changed: [] } as unknown as ScanTally;
  for (const name of SCAN_RULE_NAMES) t[name] = { trimmed: 0, dropped: 0 };
  return t;
}

function count(tally: ScanTally, rule: ScanRuleName, before: ScanBlock, after: readonly ScanBlock[]): void {
  if (after.length === 0) tally[rule].dropped++;
  else if (after.length !== 1 || after[0] !== before) tally[rule].trimmed++;
  else return;
  tally.changed.push(before);
}

/**
 * Applies a per-scan rule `f` (with its settings `a`) to every scan, tallying what changed. The
 * rules are module functions, not closures made at each call (see `TimeSearch` in safety/refine.ts).
 */
function eachScan<A>(scans: readonly ScanBlock[], rule: ScanRuleName, tally: ScanTally, f: (s: ScanBlock, a: A) => ScanBlock[], a: A): ScanBlock[] {
  const out: ScanBlock[] = [];
  for (const s of scans) {
    const pieces = f(s, a);
    count(tally, rule, s, pieces);
    out.push(...pieces);
  }
  return out;
}

/** `mount` on one scan: kept whole within the limits, else dropped. */
function mountPieces(s: ScanBlock, mount: MountParams): ScanBlock[] {
  return mountProblem(s, mount) === undefined ? [s] : [];
}

/** `sun-avoidance` on one scan's swept arc. */
function sunAvoidancePieces(s: ScanBlock, a: { readonly sunAvoidance: ScanRuleSettings['sunAvoidance']; readonly sunAt?: SunAt }): ScanBlock[] {
  return sunAvoidanceArcPieces(s, a.sunAvoidance, a.sunAt);
}

/** `sun-guard` on one scan. */
function sunGuardScanPieces(s: ScanBlock, a: { readonly sunGuard: SunGuardParams; readonly pad: number; readonly sunAt?: SunAt }): ScanBlock[] {
  return sunGuardPieces(s, a.sunGuard, a.pad, a.sunAt);
}

/** `min-duration` on one scan: kept when at least `minUs` long. */
function longEnoughPieces(s: ScanBlock, minUs: number): ScanBlock[] {
  return s.t1 - s.t0 >= minUs ? [s] : [];
}

/** `mount`, then the Sun rules on the swept arcs, on each scan. */
export function guardScans(scans: readonly ScanBlock[], settings: ScanRuleSettings, tally: ScanTally, sunAt?: SunAt): ScanBlock[] {
  let out = scans.slice();
  const { mount, sunGuard, sunAvoidance } = settings;
  if (mount) out = eachScan(out, 'mount', tally, mountPieces, mount);
  if (sunAvoidance.swept_arc) out = eachScan(out, 'sun-avoidance', tally, sunAvoidancePieces, { sunAvoidance, sunAt });
  if (sunGuard && sunGuard.min_distance_deg > 0) {
    const pad = sunPaddingSeconds(sunAvoidance);
    out = eachScan(out, 'sun-guard', tally, sunGuardScanPieces, { sunGuard, pad, sunAt });
  }
  return out;
}

/** True when `piece` is `parent` or a part of it (same name and pointing, inside its times). */
export function isPieceOf(piece: ScanBlock, parent: ScanBlock): boolean {
  return (
    piece.name === parent.name &&
    piece.az === parent.az &&
    piece.alt === parent.alt &&
    piece.throw === parent.throw &&
    piece.t0 >= parent.t0 &&
    piece.t1 <= parent.t1
  );
}

/** The scans of `seq` that are `parent` or parts of it, in order. */
function piecesOf(seq: readonly ScanBlock[], parent: ScanBlock): ScanBlock[] {
  const out: ScanBlock[] = [];
  for (const b of seq) if (isPieceOf(b, parent)) out.push(b);
  return out;
}

/** Whether some scan of `list` is `parent` or a part of it. */
function hasPieceOf(list: readonly ScanBlock[], parent: ScanBlock): boolean {
  for (const b of list) if (isPieceOf(b, parent)) return true;
  return false;
}

/** The pieces that hold `body`'s crossing, in order. */
function holdingCrossing(pieces: readonly ScanBlock[], body: BodyName, p: CalibrationCrossingParams): ScanBlock[] {
  const out: ScanBlock[] = [];
  for (const b of pieces) if (holdsCrossing(b, body, p)) out.push(b);
  return out;
}

/**
 * Merges calibration scans over master scans (calibration wins, as the original), then, with
 * `calibration-crossing`, drops the parts of calibration scans that do not hold their planet's
 * crossing and merges again without them, until every calibration part holds its crossing.
 */
export function mergeKeepingCrossings(
  master: readonly ScanBlock[],
  calibration: readonly ScanBlock[],
  p: CalibrationCrossingParams | undefined,
  tally: ScanTally,
): ScanBlock[] {
  let cal = calibration.slice();
  let seq = merge(master, cal);
  if (!p) return seq;
  // Each round removes at least one calibration part or stops; parts only shrink, so it ends.
  for (let round = 0; round <= calibration.length * 4 + 8; round++) {
    const next: ScanBlock[] = [];
    let changed = false;
    for (const parent of cal) {
      const pieces = piecesOf(seq, parent);
      const body = parent.name;
      const holding = isBodyName(body) ? holdingCrossing(pieces, body, p) : pieces;
      if (holding.length === pieces.length) {
        next.push(parent);
        continue;
      }
      changed = true;
      tally.changed.push(parent);
      if (holding.length === 0) tally['calibration-crossing'].dropped++;
      else tally['calibration-crossing'].trimmed++;
      next.push(...holding);
    }
    if (!changed) return seq;
    cal = next;
    seq = merge(master, cal);
  }
  throw new Error('calibration-crossing: the merge did not settle');
}

/** `min-duration` on the final sequence, tallied. */
export function dropShortScans(scans: readonly ScanBlock[], p: MinDurationParams | undefined, tally: ScanTally): ScanBlock[] {
  if (!p) return scans.slice();
  const minUs = p.min_duration * US_PER_S;
  return eachScan(scans, 'min-duration', tally, longEnoughPieces, minUs);
}

/**
 * Scans of `originals` (the scans before any rule) that some rule changed: `dropped` when no piece
 * of one is in `final`, else `trimmed`. A scan trimmed by one rule and dropped by another counts once, as dropped.
 */
export function distinctChanges(tally: ScanTally, originals: readonly ScanBlock[], final: readonly ScanBlock[]): RuleCount {
  const out: RuleCount = { trimmed: 0, dropped: 0 };
  for (const o of originals) {
    if (!hasPieceOf(tally.changed, o)) continue;
    if (hasPieceOf(final, o)) out.trimmed++;
    else out.dropped++;
  }
  return out;
}

/**
 * One sentence for the response's message saying how many scans of `originals` the rules trimmed
 * or dropped (each counted once, see `distinctChanges`) and which rule did what (a scan may appear
 * under several rules), or `undefined` when nothing changed.
 */
export function describeTally(tally: ScanTally, originals: readonly ScanBlock[], final: readonly ScanBlock[]): string | undefined {
  const parts: string[] = [];
  for (const name of SCAN_RULE_NAMES) {
    const { trimmed: t, dropped: d } = tally[name];
    const what = [t > 0 ? `trimmed ${t}` : '', d > 0 ? `dropped ${d}` : ''].filter(Boolean).join(' and ');
    if (what) parts.push(`${name} ${what}`);
  }
  if (parts.length === 0) return undefined;
  const { trimmed, dropped } = distinctChanges(tally, originals, final);
  const scans = (n: number) => `${n} scan${n === 1 ? '' : 's'}`;
  return `The scan rules trimmed ${scans(trimmed)} and dropped ${scans(dropped)}: ${parts.join(', ')}.`;
}
