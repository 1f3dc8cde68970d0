/**
 * The checker's own Sun: astronomy-engine called directly (apparent place of date with aberration,
 * topocentric, its own 'normal' refraction). Nothing here is shared with the rules' ephemeris
 * (`src/core/astro`: node cache, libastro refraction), so a fault there cannot hide a fault here.
 */
import { Body, Equator, Horizon, MakeTime, Observer } from 'astronomy-engine';
import { SITE } from '../astro/site';

const OBSERVER = new Observer(SITE.latitudeDeg, SITE.longitudeDeg, SITE.elevationM);

/** Apparent azimuth (degrees from north through east) and refracted altitude of the Sun at Unix time `s` (seconds). */
export function checkerSun(s: number): { readonly az: number; readonly alt: number } {
  if (!Number.isFinite(s)) throw new RangeError(`checkerSun: time must be finite seconds, got ${s}`);
  const time = MakeTime(new Date(s * 1000));
  const eq = Equator(Body.Sun, time, OBSERVER, true, true);
  const h = Horizon(time, OBSERVER, eq.ra, eq.dec, 'normal');
  return { az: h.azimuth, alt: h.altitude };
}
