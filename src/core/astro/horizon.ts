/**
 * The fast half of a position: from a geocentric apparent vector in the ERA frame
 * (`geocentric.ts`) to topocentric hour angle, declination, azimuth and refracted altitude at the
 * site, following libastro's `cir_pos`: parallax with its Earth model (`ta_par`), then the
 * horizon, then `refract`.
 */
import { refract } from './refraction';
import { SITE, type BodyName } from './site';

// Math functions as module constants: under Jest's vm context each global lookup (`Math.x`)
// costs more than the maths itself, which made the hot loops ~20x slower in tests.
const { asin, atan2, cos, hypot, sin, sqrt } = Math;

const DEG = Math.PI / 180;
const TAU = 2 * Math.PI;

/** libastro's Earth equatorial radius, m. */
const ERAD_M = 6.37816e6;
/** libastro's astronomical unit, m. */
const MAU_M = 1.4959787e11;
/** libastro's Moon radius, m. */
const MOON_RADIUS_M = 1.74e6;
/** libastro's solar radius in AU (`4.65242e-3 / distance` is the angular radius). */
const SUN_RADIUS_AU = 4.65242e-3;
/** libastro's planet diameters at 1 AU, arcseconds (`plans.c`). */
const PLANET_DIAMETER_ARCSEC: Readonly<Partial<Record<BodyName, number>>> = {
  mercury: 6.74,
  venus: 16.92,
  mars: 9.36,
  jupiter: 196.74,
  saturn: 165.6,
  uranus: 65.8,
  neptune: 62.2,
};

/** Earth radii per AU in libastro's units. */
export const EARTH_RADII_PER_AU = MAU_M / ERAD_M;

const LAT = SITE.latitudeDeg * DEG;
/** Longitude, radians east-positive. */
export const SITE_LON_RAD = SITE.longitudeDeg * DEG;
/** Sine of the site's geodetic latitude. */
export const SIN_LAT = sin(LAT);
/** Cosine of the site's geodetic latitude. */
export const COS_LAT = cos(LAT);

// Observer in Earth radii, x towards the local meridian on the equator, z north (libastro ta_par).
const E2 = (2 - 1 / 298.257) / 298.257;
const R_OBS = 1 / sqrt(1 - E2 * SIN_LAT * SIN_LAT);
const HEIGHT_ER = SITE.elevationM / ERAD_M;
/** Observer's distance from the Earth's axis, Earth radii. */
export const X_OBS = (R_OBS + HEIGHT_ER) * COS_LAT;
/** Observer's height above the equatorial plane, Earth radii. */
export const Z_OBS = (R_OBS * (1 - E2) + HEIGHT_ER) * SIN_LAT;

/** Everything the events need about one instant. Angles in radians. */
export interface TopocentricState {
  /** Geocentric apparent hour angle, (-π, π]: zero at upper transit (PyEphem uses g_ra). */
  readonly haGeo: number;
  /** Topocentric hour angle, (-π, π]. */
  readonly haTopo: number;
  /** Topocentric apparent declination. */
  readonly decTopo: number;
  /** True (unrefracted) topocentric altitude. */
  readonly trueAlt: number;
  /** Azimuth from north through east, [0, 2π). */
  readonly az: number;
  /** Apparent angular radius as libastro sizes the body. */
  readonly radius: number;
}

/** Angular radius of `body` at topocentric distance `distAu`, radians, as libastro's `s_size / 2`. */
export function angularRadius(body: BodyName, distAu: number): number {
  if (body === 'sun') return SUN_RADIUS_AU / distAu;
  if (body === 'moon') return asin(MOON_RADIUS_M / (MAU_M * distAu));
  const dia = PLANET_DIAMETER_ARCSEC[body] ?? 0;
  return ((dia / distAu / 2) * DEG) / 3600;
}

/**
 * Topocentric state from an ERA-frame vector `(x, y, z)` in AU and the local rotation angle
 * `phi = ERA + longitude` (radians).
 */
export function topocentricState(
  body: BodyName,
  x: number,
  y: number,
  z: number,
  phi: number,
): TopocentricState {
  const c = cos(phi);
  const s = sin(phi);
  // Local equatorial frame: lx towards the meridian, ly towards the east (negative hour angle).
  const lx = (x * c + y * s) * EARTH_RADII_PER_AU;
  const ly = (y * c - x * s) * EARTH_RADII_PER_AU;
  const lz = z * EARTH_RADII_PER_AU;
  const tx = lx - X_OBS;
  const tz = lz - Z_OBS;
  const rxy = hypot(tx, ly);
  const dist = hypot(rxy, tz);
  const north = tz * COS_LAT - tx * SIN_LAT;
  const up = tx * COS_LAT + tz * SIN_LAT;
  let az = atan2(ly, north);
  if (az < 0) az += TAU;
  return {
    haGeo: atan2(-ly, lx),
    haTopo: atan2(-ly, tx),
    decTopo: atan2(tz, rxy),
    trueAlt: atan2(up, hypot(north, ly)),
    az,
    radius: angularRadius(body, dist / EARTH_RADII_PER_AU),
  };
}

/** Azimuth in degrees [0, 360) and refracted altitude in degrees, for the same inputs. */
export function azAltDeg(x: number, y: number, z: number, phi: number): { az: number; alt: number } {
  const c = cos(phi);
  const s = sin(phi);
  const tx = (x * c + y * s) * EARTH_RADII_PER_AU - X_OBS;
  const ly = (y * c - x * s) * EARTH_RADII_PER_AU;
  const tz = z * EARTH_RADII_PER_AU - Z_OBS;
  const north = tz * COS_LAT - tx * SIN_LAT;
  const up = tx * COS_LAT + tz * SIN_LAT;
  let az = atan2(ly, north) / DEG;
  if (az < 0) az += 360;
  if (az >= 360) az -= 360;
  const alt = refract(atan2(up, hypot(north, ly))) / DEG;
  return { az, alt };
}
