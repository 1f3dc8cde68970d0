/**
 * Sun and Moon tracks over a plan's window for drawing (the az/el view of the timeline page), from
 * the project's ephemeris: apparent, refracted positions at the site, as the rules see them.
 */
import { azAlt } from '../astro/track';
import type { BodyName } from '../astro/site';
import { US_PER_S, type Micros } from '../time/micros';
import { isoUtc } from './plan-block';

/** Preferred spacing of the samples (seconds). */
export const TRACK_STEP_S = 600;
/** Most samples per body: a 31-day window is sampled more sparsely rather than sent larger. */
export const TRACK_MAX_POINTS = 1500;

/** One sample: Unix time in microseconds, azimuth [0, 360) and altitude, degrees to 0.01. */
export interface TrackPoint {
  readonly t: Micros;
  readonly az: number;
  readonly alt: number;
}

/** The tracks of a window. */
export interface SkyTracks {
  /** Spacing of the samples (seconds, whole minutes); the last sample is `t1` itself. */
  readonly stepSeconds: number;
  readonly sun: readonly TrackPoint[];
  readonly moon: readonly TrackPoint[];
}

/** A sample on the wire: `t` as ISO 8601 UTC. */
export interface TrackPointJson {
  readonly t: string;
  readonly az: number;
  readonly alt: number;
}

/** `SkyTracks` on the wire. */
export interface SkyTracksJson {
  readonly stepSeconds: number;
  readonly sun: readonly TrackPointJson[];
  readonly moon: readonly TrackPointJson[];
}

/** Sample spacing for a window: `TRACK_STEP_S`, widened to whole minutes to stay within `TRACK_MAX_POINTS`. */
export function trackStepSeconds(t0: Micros, t1: Micros): number {
  const span = Math.max(0, (t1 - t0) / US_PER_S);
  const needed = span / (TRACK_MAX_POINTS - 1);
  return needed <= TRACK_STEP_S ? TRACK_STEP_S : Math.ceil(needed / 60) * 60;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function track(body: BodyName, times: readonly Micros[]): TrackPoint[] {
  const { az, alt } = azAlt(
    body,
    times.map((t) => t / US_PER_S),
  );
  // Rounding can carry 359.996 to 360: keep azimuths in [0, 360).
  return times.map((t, i) => ({ t, az: round2(az[i]) % 360, alt: round2(alt[i]) }));
}

/** Sun and Moon positions from `t0` to `t1` inclusive, at most `TRACK_MAX_POINTS` each. */
export function sunMoonTracks(t0: Micros, t1: Micros): SkyTracks {
  const stepSeconds = trackStepSeconds(t0, t1);
  const times: Micros[] = [];
  if (t1 >= t0) {
    for (let t = t0; t < t1; t += stepSeconds * US_PER_S) times.push(t);
    times.push(t1);
  }
  return { stepSeconds, sun: track('sun', times), moon: track('moon', times) };
}

/** The wire form of the tracks. */
export function skyTracksToJson(tracks: SkyTracks): SkyTracksJson {
  const points = (ps: readonly TrackPoint[]): TrackPointJson[] => ps.map((p) => ({ t: isoUtc(p.t), az: p.az, alt: p.alt }));
  return { stepSeconds: tracks.stepSeconds, sun: points(tracks.sun), moon: points(tracks.moon) };
}
