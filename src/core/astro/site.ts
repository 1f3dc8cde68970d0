/**
 * The observing site and the bodies the scheduler knows (basic-policy §4). The site and the atmosphere are
 * those of the original's PyEphem observer: refraction stays on at 1010 mbar and 15 °C even at 5200 m.
 */

/** Observatory site, degrees east-positive and metres, with PyEphem's default atmosphere. */
export const SITE = Object.freeze({
  /** Geodetic latitude, degrees (negative is south). */
  latitudeDeg: -22.958,
  /** Longitude, degrees east-positive (this site is 67.786° W). */
  longitudeDeg: -67.786,
  /** Height above sea level, metres. */
  elevationM: 5200,
  /** Pressure used for refraction, millibar (PyEphem default, kept by the original). */
  pressureMbar: 1010,
  /** Temperature used for refraction, °C (PyEphem default). */
  temperatureC: 15,
});

/** Names of the bodies the scheduler can observe or avoid, as PyEphem spells them. */
export const BODY_NAMES = [
  'sun',
  'moon',
  'mercury',
  'venus',
  'mars',
  'jupiter',
  'saturn',
  'uranus',
  'neptune',
] as const;

/** One of `BODY_NAMES`. */
export type BodyName = (typeof BODY_NAMES)[number];

const BODY_SET: ReadonlySet<string> = new Set(BODY_NAMES);

/** True when `x` is one of the known body names (exact, lower-case spelling). */
export function isBodyName(x: unknown): x is BodyName {
  return typeof x === 'string' && BODY_SET.has(x);
}
