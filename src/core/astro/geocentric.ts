/**
 * The slowly varying half of a position: the body's geocentric apparent place, computed with
 * astronomy-engine (light time, aberration, precession and nutation to the true equator of date),
 * expressed in a frame that turns with the Earth Rotation Angle. In that frame the local hour
 * angle is simply `ERA(UT) + longitude - RA'`, so everything that moves fast (the Earth's spin,
 * parallax, the horizon, refraction) is done per instant in `horizon.ts`, and this part can be
 * interpolated safely (see `node-cache.ts`).
 */
import type { AstroTime, Body } from 'astronomy-engine';
import { astronomy } from './engine';
import type { BodyName } from './site';

// Math functions as module constants: under Jest's vm context each global lookup (`Math.x`)
// costs more than the maths itself, which made the hot loops ~20x slower in tests.
const { cos, floor, sin } = Math;

/** Unix time of the J2000 epoch, 2000-01-01T12:00:00Z, in seconds. */
export const J2000_UNIX_S = 946_728_000;
/** Seconds in a day. */
export const SECONDS_PER_DAY = 86_400;
const TAU = 2 * Math.PI;
const DEG = Math.PI / 180;
const ARCSEC = DEG / 3600;

// astronomy-engine's \`Body\` values (a string enum), spelled out so that the module loads lazily.
const ENGINE_BODY = {
  sun: 'Sun',
  moon: 'Moon',
  mercury: 'Mercury',
  venus: 'Venus',
  mars: 'Mars',
  jupiter: 'Jupiter',
  saturn: 'Saturn',
  uranus: 'Uranus',
  neptune: 'Neptune',
} as Readonly<Record<BodyName, Body>>;

/** A geocentric vector in the Earth-rotation-angle frame (see the file comment), AU. */
export interface EraVector {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/** Days of UT since J2000 for a Unix time in seconds. */
export function utDays(ctime: number): number {
  return (ctime - J2000_UNIX_S) / SECONDS_PER_DAY;
}

/**
 * Earth Rotation Angle, radians in [0, 2π), for UT days since J2000 (IAU 2000 formula, split as
 * astronomy-engine splits it so that the day fraction keeps full precision).
 */
export function earthRotationAngle(ut: number): number {
  // x - floor(x) is exact and, unlike `%` on doubles, fast in V8 (this runs once per sample).
  const a = 0.779057273264 + 0.00273781191135448 * ut + (ut - floor(ut));
  return (a - floor(a)) * TAU;
}

/**
 * GAST minus ERA, radians: the equation of the origins plus the equation of the equinoxes, as in
 * astronomy-engine's `sidereal_time`. Computed here rather than by `SiderealTime`, whose cache
 * could hand back a value computed with another instant's nutation.
 */
function siderealOffset(time: AstroTime, eqeqHours: number): number {
  const t = time.tt / 36525;
  const arcsec =
    15 * eqeqHours +
    0.014506 +
    ((((-0.0000000368 * t - 0.000029956) * t - 0.00000044) * t + 1.3915817) * t + 4612.156534) *
      t;
  return arcsec * ARCSEC;
}

/**
 * Geocentric apparent position of `body` at Unix time `ctime` (seconds, fractional allowed) in
 * the ERA frame, AU. The Moon is geometric, as in libastro (which applies no aberration to it).
 */
export function geocentricApparent(body: BodyName, ctime: number): EraVector {
  const { AstroTime: Time, GeoVector, RotateVector, Rotation_EQJ_EQD, e_tilt } = astronomy();
  const ut = utDays(ctime);
  const time = new Time(ut);
  // astronomy-engine reuses its nutation for any instant within 0.09 s of the previous call; a
  // call one day away first makes sure this instant's own nutation is the one used below.
  e_tilt(new Time(ut + 1));
  const tilt = e_tilt(time);
  const g = GeoVector(ENGINE_BODY[body], time, true);
  const v = RotateVector(Rotation_EQJ_EQD(time), g);
  const off = siderealOffset(time, tilt.ee);
  // Subtract the offset from the right ascension, so that hour angle = ERA + lon - RA'.
  const c = cos(off);
  const s = sin(off);
  return { x: c * v.x + s * v.y, y: c * v.y - s * v.x, z: v.z };
}
