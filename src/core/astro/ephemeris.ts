/**
 * Exact positions: apparent topocentric azimuth and refracted altitude of a body at the site, as
 * PyEphem's `body.compute(observer)` gives them (basic-policy §4). Slow (a full ephemeris evaluation per
 * call); for many instants use `track.ts`.
 */
import { earthRotationAngle, geocentricApparent, utDays } from './geocentric';
import { azAltDeg, SITE_LON_RAD } from './horizon';
import type { BodyName } from './site';

/** Horizon coordinates in degrees: azimuth from north through east in [0, 360), altitude. */
export interface AzAlt {
  readonly az: number;
  readonly alt: number;
}

/**
 * Apparent topocentric azimuth and altitude (with libastro's refraction at 1010 mbar, 15 °C) of
 * `body` at Unix time `ctime` in seconds (fractional allowed).
 */
export function horizontal(body: BodyName, ctime: number): AzAlt {
  if (!Number.isFinite(ctime)) {
    throw new RangeError(`horizontal: ctime must be a finite number of seconds, got ${ctime}`);
  }
  const v = geocentricApparent(body, ctime);
  return azAltDeg(v.x, v.y, v.z, earthRotationAngle(utDays(ctime)) + SITE_LON_RAD);
}
