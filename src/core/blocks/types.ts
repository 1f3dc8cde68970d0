/**
 * Block types of the scheduling core (basic-policy §2). Blocks are immutable plain objects with a `kind`
 * discriminator; "equality" means same kind and all fields equal (see `blockEquals`).
 */
import type { Micros } from '../time/micros';

/** How a source crosses the sky during a block. */
export type SourceMode = 'rising' | 'setting' | 'both';

/** A bare time interval `[t0, t1]`. */
export interface PlainBlock {
  readonly kind: 'block';
  readonly t0: Micros;
  readonly t1: Micros;
}

/** A constant-elevation scan: starts at `az` and sweeps `throw` degrees in positive azimuth. */
export interface ScanBlock {
  readonly kind: 'scan';
  readonly name: string;
  readonly t0: Micros;
  readonly t1: Micros;
  /** Degrees, [0, 360). */
  readonly az: number;
  /** Degrees. */
  readonly alt: number;
  /** Degrees (scan width). */
  readonly throw: number;
}

/** A rising or setting passage of a named source. */
export interface SourceBlock {
  readonly kind: 'source';
  readonly name: string;
  readonly t0: Micros;
  readonly t1: Micros;
  readonly mode: SourceMode;
}

/**
 * One per-start-time column of an ObservingWindow: read by index only. make-source-plan's are
 * `Float64Array` copies, outside the JS heap; a window built by `observingWindow` holds frozen arrays.
 */
export type WindowColumn = ArrayLike<number>;

/** A SourceBlock planned by make-source-plan, with per-start-time arrays (basic-policy §5.2). */
export interface ObservingWindow {
  readonly kind: 'window';
  readonly name: string;
  readonly t0: Micros;
  readonly t1: Micros;
  readonly mode: SourceMode;
  /** Integer epoch seconds. */
  readonly tStart: WindowColumn;
  /** Seconds. */
  readonly obsLength: WindowColumn;
  /** Degrees; azimuth of the crossing, continuous (may leave [0, 360) between samples). */
  readonly azBore: WindowColumn;
  readonly altBore: WindowColumn;
  readonly azThrow: WindowColumn;
}

/** Any block. */
export type Block = PlainBlock | ScanBlock | SourceBlock | ObservingWindow;

/** A tree of blocks: nested arrays and string-keyed records; `null` is an empty subtree. */
export type BlockTree<B extends Block = Block> =
  | B
  | null
  | readonly BlockTree<B>[]
  | { readonly [key: string]: BlockTree<B> };
