/**
 * Rising, transit and setting times with PyEphem's definitions (basic-policy §4), and the rising/setting
 * source blocks built from them.
 *
 * - Rise/set (PyEphem 4.x `_find_rise_or_set`): the instant the topocentric hour angle reaches
 *   `±acos((sin h0 - sin φ sin δ) / (cos φ cos δ))` with `h0 = unrefract(-radius)`, i.e. the upper
 *   limb on the refracted horizon. Same first step and iteration, run to microsecond convergence
 *   (PyEphem stops within 0.1 s).
 * - Transit (PyEphem `_compute_transit`): the geocentric apparent hour angle reaches 0 (PyEphem
 *   compares the local apparent sidereal time with `g_ra`, the geocentric RA).
 *
 * Positions come from the interpolated node grid (`node-cache.ts`), whose error (< 0.01″ even for
 * the Moon) moves an event by well under a millisecond.
 */
import type { SourceBlock } from '../blocks/types';
import type { Micros } from '../time/micros';
import { US_PER_S } from '../time/micros';
import { earthRotationAngle, SECONDS_PER_DAY, utDays } from './geocentric';
import { COS_LAT, SIN_LAT, SITE_LON_RAD, topocentricState, type TopocentricState } from './horizon';
import { geocentricInterpolated } from './node-cache';
import { unrefract } from './refraction';
import type { BodyName } from './site';

const TAU = 2 * Math.PI;
/** PyEphem's `default_newton_precision` (a tenth of a second), used for its "already there" skip. */
const PYEPHEM_PRECISION_S = 0.1;
/** PyEphem's `tiny`: an arcsecond / 360, radians. */
const TINY = Math.PI / 180 / 3600 / 360;
/** Stop iterating once a step is below this, seconds. */
const CONVERGED_S = 1e-6;
const MAX_ITERATIONS = 60;

/** Python's `%` for a positive or negative modulus (the result takes the modulus's sign). */
function pyMod(a: number, m: number): number {
  const r = a % m;
  return r !== 0 && r < 0 !== m < 0 ? r + m : r;
}

/** Angle wrapped to [-π, π). */
function plusMinusPi(a: number): number {
  return pyMod(a - Math.PI, TAU) - Math.PI;
}

function stateAt(body: BodyName, ctime: number, v: Float64Array): TopocentricState {
  geocentricInterpolated(body, ctime, v);
  return topocentricState(body, v[0], v[1], v[2], earthRotationAngle(utDays(ctime)) + SITE_LON_RAD);
}

function isoOf(ctime: number): string {
  return new Date(Math.round(ctime * 1000)).toISOString();
}

/**
 * PyEphem's rise/set search from `start` (Unix seconds): `direction` +1 for the next event, -1
 * for the previous one. Throws a plain Error when the body does not cross the horizon.
 */
function findRiseOrSet(body: BodyName, start: number, direction: 1 | -1, rising: boolean): number {
  const v = new Float64Array(3);
  let t = start;
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    const st = stateAt(body, t, v);
    const h0 = unrefract(-st.radius);
    const arg = (Math.sin(h0) - SIN_LAT * Math.sin(st.decTopo)) / (COS_LAT * Math.cos(st.decTopo));
    if (arg < -1 || arg > 1) {
      const what = arg < -1 ? 'is always above' : 'never rises above';
      throw new Error(
        `${body} ${what} the horizon at ${isoOf(t)}: it has no ${rising ? 'rising' : 'setting'} there`,
      );
    }
    const absTarget = Math.acos(arg);
    const target = rising ? -absTarget : absTarget;
    let bump: number;
    if (iter === 0) {
      let diff = pyMod(target - st.haTopo, TAU);
      if (direction < 0) diff -= TAU;
      bump = (diff / TAU) * SECONDS_PER_DAY;
      // Already at the event: PyEphem moves on to the next (or previous) one.
      if (Math.abs(bump) < PYEPHEM_PRECISION_S) bump += direction * SECONDS_PER_DAY;
    } else {
      bump = (plusMinusPi(target - st.haTopo) / TAU) * SECONDS_PER_DAY;
    }
    if (Math.abs(bump) < CONVERGED_S) return t + bump;
    t += bump;
  }
  throw new Error(`${body}: the ${rising ? 'rising' : 'setting'} search from ${isoOf(start)} did not converge`);
}

/** PyEphem's next upper transit after `start` (Unix seconds): geocentric hour angle 0. */
function findTransit(body: BodyName, start: number): number {
  const v = new Float64Array(3);
  const f = (t: number): number => plusMinusPi(-stateAt(body, t, v).haGeo);
  let haToMove = pyMod(-stateAt(body, start, v).haGeo, TAU);
  if (Math.abs(haToMove) < TINY) haToMove = TAU;
  // Secant method from a first guess and a minute later, as PyEphem's `newton`.
  let x0 = start + (haToMove / TAU) * SECONDS_PER_DAY;
  let x1 = x0 + 60;
  let f0 = f(x0);
  let f1 = f(x1);
  for (let iter = 0; iter < MAX_ITERATIONS; iter++) {
    if (f1 === 0 || f1 === f0 || Math.abs(x1 - x0) <= CONVERGED_S) return x1;
    const x2 = x1 + (x1 - x0) / (f0 / f1 - 1);
    x0 = x1;
    f0 = f1;
    x1 = x2;
    f1 = f(x1);
  }
  throw new Error(`${body}: the transit search from ${isoOf(start)} did not converge`);
}

const toSeconds = (t: Micros): number => {
  if (!Number.isFinite(t)) throw new RangeError(`event search: instant must be finite microseconds, got ${t}`);
  return t / US_PER_S;
};
const toMicros = (s: number): Micros => Math.round(s * US_PER_S);

/** Latest rising of `body` (upper limb on the refracted horizon) before `t`. */
export function previousRising(body: BodyName, t: Micros): Micros {
  return toMicros(findRiseOrSet(body, toSeconds(t), -1, true));
}

/** First rising of `body` after `t`. */
export function nextRising(body: BodyName, t: Micros): Micros {
  return toMicros(findRiseOrSet(body, toSeconds(t), 1, true));
}

/** First upper meridian transit of `body` after `t`. */
export function nextTransit(body: BodyName, t: Micros): Micros {
  return toMicros(findTransit(body, toSeconds(t)));
}

/** First setting of `body` (upper limb on the refracted horizon) after `t`. */
export function nextSetting(body: BodyName, t: Micros): Micros {
  return toMicros(findRiseOrSet(body, toSeconds(t), 1, false));
}

/** Latest setting of `body` before `t`. */
export function previousSetting(body: BodyName, t: Micros): Micros {
  return toMicros(findRiseOrSet(body, toSeconds(t), -1, false));
}

/**
 * Rising (rise → transit) and setting (transit → set) blocks of `body` covering `[t0, t1]`, from
 * the rising before `t0` until the first setting at or after `t1` (basic-policy §4 `source_get_blocks`).
 * Throws a plain Error if the body does not rise or set.
 */
export function sourceGetBlocks(body: BodyName, t0: Micros, t1: Micros): SourceBlock[] {
  if (!Number.isFinite(t0) || !Number.isFinite(t1)) {
    throw new RangeError(`sourceGetBlocks: t0 and t1 must be finite microseconds, got ${t0}, ${t1}`);
  }
  const blocks: SourceBlock[] = [];
  const pass = (r: Micros): Micros => {
    const m = nextTransit(body, r);
    const s = nextSetting(body, m);
    blocks.push({ kind: 'source', name: body, t0: r, t1: m, mode: 'rising' });
    blocks.push({ kind: 'source', name: body, t0: m, t1: s, mode: 'setting' });
    return s;
  };
  let s = pass(previousRising(body, t0));
  while (s < t1) {
    const next = pass(nextRising(body, s));
    if (next <= s) throw new Error(`${body}: rise/set search went backwards at ${isoOf(s / US_PER_S)}`);
    s = next;
  }
  return blocks;
}
