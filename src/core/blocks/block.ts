/**
 * Constructors and value semantics of blocks (basic-policy §2). Blocks are frozen plain objects; two
 * blocks are equal when they have the same kind and equal fields, as the original's dataclasses.
 */
import { ScheduleInputError } from '../errors';
import { US_PER_S, type Micros } from '../time/micros';
import type { Block, ObservingWindow, PlainBlock, ScanBlock, SourceBlock, SourceMode, WindowColumn } from './types';

const KINDS: ReadonlySet<string> = new Set(['block', 'scan', 'source', 'window']);
const MODES: readonly SourceMode[] = ['rising', 'setting', 'both'];

function checkTimes(t0: Micros, t1: Micros): void {
  if (!Number.isSafeInteger(t0) || !Number.isSafeInteger(t1)) {
    throw new RangeError(`Block times must be integer microseconds, got ${t0}, ${t1}`);
  }
}

/** A bare interval `[t0, t1]`. */
export function plainBlock(t0: Micros, t1: Micros): PlainBlock {
  checkTimes(t0, t1);
  return Object.freeze({ kind: 'block', t0, t1 });
}

/** A constant-elevation scan (degrees): starts at `az` and sweeps `throw` in positive azimuth. */
export function scanBlock(f: Omit<ScanBlock, 'kind'>): ScanBlock {
  checkTimes(f.t0, f.t1);
  return Object.freeze({ kind: 'scan', name: f.name, t0: f.t0, t1: f.t1, az: f.az, alt: f.alt, throw: f.throw });
}

/** Checks a source mode; anything but rising / setting / both is a client error. */
export function checkSourceMode(mode: string): SourceMode {
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new ScheduleInputError(`Invalid source mode "${mode}": expected one of ${MODES.join(', ')}`);
  }
  return mode as SourceMode;
}

/** A rising / setting passage of a source; `mode` is checked (ScheduleInputError otherwise). */
export function sourceBlock(f: { name: string; t0: Micros; t1: Micros; mode: string }): SourceBlock {
  checkTimes(f.t0, f.t1);
  return Object.freeze({ kind: 'source', name: f.name, t0: f.t0, t1: f.t1, mode: checkSourceMode(f.mode) });
}

/** An observing window (make-source-plan output); the arrays are copied and frozen. */
export function observingWindow(f: Omit<ObservingWindow, 'kind'>): ObservingWindow {
  checkTimes(f.t0, f.t1);
  const n = f.tStart.length;
  if ([f.obsLength, f.azBore, f.altBore, f.azThrow].some((a) => a.length !== n)) {
    throw new RangeError('ObservingWindow arrays must all have the same length');
  }
  return Object.freeze({
    kind: 'window',
    name: f.name,
    t0: f.t0,
    t1: f.t1,
    mode: checkSourceMode(f.mode),
    tStart: Object.freeze(Array.from(f.tStart)),
    obsLength: Object.freeze(Array.from(f.obsLength)),
    azBore: Object.freeze(Array.from(f.azBore)),
    altBore: Object.freeze(Array.from(f.altBore)),
    azThrow: Object.freeze(Array.from(f.azThrow)),
  });
}

/** A copy of `b` with new times, every other field kept (the original's `replace(b, t0=…, t1=…)`). */
export function withTimes<B extends Block>(b: B, t0: Micros, t1: Micros): B {
  checkTimes(t0, t1);
  const copy: B = { ...b, t0, t1 };
  return Object.freeze(copy);
}

/** `t1 − t0` in seconds. */
export function durationSeconds(b: Block): number {
  return (b.t1 - b.t0) / US_PER_S;
}

/** True when `x` is a block (a plain object with a known `kind` and numeric times). */
export function isBlock(x: unknown): x is Block {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as { kind?: unknown; t0?: unknown; t1?: unknown };
  return typeof o.kind === 'string' && KINDS.has(o.kind) && typeof o.t0 === 'number' && typeof o.t1 === 'number';
}

function arraysEqual(a: WindowColumn, b: WindowColumn): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Value equality: same kind and all fields equal (arrays element-wise). */
export function blockEquals(a: Block, b: Block): boolean {
  if (a === b) return true;
  if (a.kind !== b.kind || a.t0 !== b.t0 || a.t1 !== b.t1) return false;
  switch (a.kind) {
    case 'block':
      return true;
    case 'scan': {
      const o = b as ScanBlock;
      return a.name === o.name && a.az === o.az && a.alt === o.alt && a.throw === o.throw;
    }
    case 'source': {
      const o = b as SourceBlock;
      return a.name === o.name && a.mode === o.mode;
    }
    case 'window': {
      const o = b as ObservingWindow;
      return (
        a.name === o.name &&
        a.mode === o.mode &&
        arraysEqual(a.tStart, o.tStart) &&
        arraysEqual(a.obsLength, o.obsLength) &&
        arraysEqual(a.azBore, o.azBore) &&
        arraysEqual(a.altBore, o.altBore) &&
        arraysEqual(a.azThrow, o.azThrow)
      );
    }
  }
}

/**
 * A string equal for equal blocks and different otherwise (the original hashed its dataclasses);
 * used to de-duplicate by value. JSON writes −0 as 0, matching Python's `-0.0 == 0.0`.
 */
export function blockKey(b: Block): string {
  switch (b.kind) {
    case 'block':
      return JSON.stringify([b.kind, b.t0, b.t1]);
    case 'scan':
      return JSON.stringify([b.kind, b.t0, b.t1, b.name, b.az, b.alt, b.throw]);
    case 'source':
      return JSON.stringify([b.kind, b.t0, b.t1, b.name, b.mode]);
    case 'window':
      // Columns as plain arrays, whichever array type holds them: equal windows give equal keys.
      return JSON.stringify([
        b.kind, b.t0, b.t1, b.name, b.mode,
        Array.from(b.tStart), Array.from(b.obsLength), Array.from(b.azBore), Array.from(b.altBore), Array.from(b.azThrow),
      ]);
  }
}
