/**
 * The independent checker's result for one schedule (`ScheduleResult.safety`): plain JSON, so it
 * crosses the worker-thread boundary as it is and a later endpoint can show it.
 */

/** What the checker held every held or swept pointing to (the stricter of the config and the operator's floors). */
export interface SafetyCriteria {
  /** Least great-circle distance from the Sun to every swept point, degrees (0: not checked). */
  readonly sunDistanceDeg: number;
  /** The `sun-avoidance` box on the swept arc, degrees, or `null` when it is not applied to arcs. */
  readonly sunBox: { readonly minAzDeg: number; readonly minAltDeg: number } | null;
  /** Seconds added before `t0` and after `t1` of each scan for the Sun tests. */
  readonly paddingS: number;
  /** Elevations every scan must lie within, degrees. */
  readonly mountElLimits: readonly [number, number];
  /** Azimuths every swept range and held pointing must lie within, degrees, or `null` when there is no azimuth limit. */
  readonly mountAzLimits: readonly [number, number] | null;
}

/** The check of one group of the script, a scan (its arc and the wait before it) or a park (`index`: its position among the groups, from 0). */
export interface SafetyBlockReport {
  readonly index: number;
  readonly name: string;
  /** Smallest great-circle distance from the Sun to what the group holds or sweeps, padded, degrees. */
  readonly minSunDistanceDeg: number;
  /** What the scan breaks, in words; empty when it is safe. */
  readonly problems: readonly string[];
}

/** The verdict on a whole schedule. */
export interface SafetyReport {
  readonly verdict: 'safe' | 'unsafe';
  /** Smallest of the scans' `minSunDistanceDeg`, or `null` for a schedule without scans. */
  readonly minSunDistanceDeg: number | null;
  readonly blocks: readonly SafetyBlockReport[];
  readonly criteria: SafetyCriteria;
}
