/**
 * The checker's own Sun: astronomy-engine called directly (apparent place of date with aberration,
 * topocentric, its own 'normal' refraction). Nothing here is shared with the rules' ephemeris
 * (`src/core/astro`: node cache, libastro refraction), so a fault there cannot hide a fault here.
 */
import type { Observer } from 'astronomy-engine';
import { astronomy } from '../astro/engine';
import { SITE } from '../astro/site';

// Made on first use: astronomy-engine loads lazily (the HTTP process imports this module but never
// checks a schedule itself; loading the library there costs 2.5 MB of resident memory).
let observer: Observer | undefined;

/** Apparent azimuth (degrees from north through east) and refracted altitude of the Sun at Unix time `s` (seconds). */
export function checkerSun(s: number): { readonly az: number; readonly alt: number } {
  if (!Number.isFinite(s)) throw new RangeError(`checkerSun: time must be finite seconds, got ${s}`);
  const { Body, Equator, Horizon, MakeTime, Observer } = astronomy();
  observer ??= new Observer(SITE.latitudeDeg, SITE.longitudeDeg, SITE.elevationM);
  const time = MakeTime(new Date(s * 1000));
  const eq = Equator(Body.Sun, time, observer, true, true);
  const h = Horizon(time, observer, eq.ra, eq.dec, 'normal');
  return { az: h.azimuth, alt: h.altitude };
}
