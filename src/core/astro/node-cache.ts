/**
 * Interpolated geocentric apparent positions. `geocentricApparent` is evaluated on a fixed grid of
 * absolute instants (multiples of `NODE_STEP_S` since the Unix epoch) and interpolated with a
 * four-point (cubic) Lagrange formula. The interpolated quantity is the geocentric vector in the
 * ERA frame, which moves slowly and smoothly (no azimuth wrap, no zenith singularity): the Earth's
 * spin, parallax, horizon and refraction are applied exactly afterwards, per instant.
 *
 * Nodes are cached per body in chunks with a bounded LRU. A node's value depends only on the body
 * and its absolute instant, so the cache can never change a result, only its cost.
 */
import { geocentricApparent } from './geocentric';
import { LruCache } from '../cache/lru-cache';
import { BODY_NAMES, type BodyName } from './site';

// Math functions as module constants: under Jest's vm context each global lookup (`Math.x`)
// costs more than the maths itself, which made the hot loops ~20x slower in tests.
const { floor } = Math;

/**
 * Spacing of the interpolation nodes per body, seconds. Three hours keeps the interpolated
 * geocentric direction within 1e-4″ for every planet and the Sun; the Moon, which moves 13° a day,
 * gets one hour (7.7e-5″ instead of 0.006″), which also keeps its azimuth within 1e-3° on
 * near-zenith transits. Measured in `track.spec.ts`.
 */
export const NODE_STEP_S: Readonly<Record<BodyName, number>> = Object.freeze({
  sun: 3 * 3600,
  moon: 3600,
  mercury: 3 * 3600,
  venus: 3 * 3600,
  mars: 3 * 3600,
  jupiter: 3 * 3600,
  saturn: 3 * 3600,
  uranus: 3 * 3600,
  neptune: 3 * 3600,
});
/** Intervals per cached chunk (each chunk also holds one node before and two after). */
export const CHUNK_NODES = 16;
/** Most chunks kept (all bodies together): about a year of every body, 456 bytes each. */
export const MAX_CHUNKS = 4096;

// Keyed by `index * BODY_NAMES.length + body number`: a number, not a string, so a lookup builds
// nothing (string keys made the lookup a tenth of a 30-day schedule's time).
const chunks = new LruCache<number, Float64Array>(MAX_CHUNKS);
const BODY_NUMBER: Readonly<Record<BodyName, number>> = Object.freeze(
  Object.fromEntries(BODY_NAMES.map((b, i) => [b, i])) as Record<BodyName, number>,
);
// The chunk each body used last: consecutive instants almost always fall in the same chunk, and
// then not even the map is touched. It is also held in `chunks` (or was evicted from it, which only
// costs memory until the body moves on), so it is the same values a lookup would give.
const lastIndex = new Float64Array(BODY_NAMES.length).fill(Number.NaN);
const lastChunk: Float64Array[] = BODY_NAMES.map(() => new Float64Array(0));

function buildChunk(body: BodyName, index: number): Float64Array {
  const out = new Float64Array(3 * (CHUNK_NODES + 3));
  const first = index * CHUNK_NODES - 1;
  const step = NODE_STEP_S[body];
  for (let j = 0; j < CHUNK_NODES + 3; j++) {
    const v = geocentricApparent(body, (first + j) * step);
    out[3 * j] = v.x;
    out[3 * j + 1] = v.y;
    out[3 * j + 2] = v.z;
  }
  return out;
}

/**
 * Node values of chunk `index` for `body`: 3 × (CHUNK_NODES + 3) numbers, node `j` being the
 * instant `(index * CHUNK_NODES - 1 + j) * NODE_STEP_S[body]`.
 */
export function nodeChunk(body: BodyName, index: number): Float64Array {
  const b = BODY_NUMBER[body];
  if (lastIndex[b] === index) return lastChunk[b];
  const key = index * BODY_NAMES.length + b;
  let chunk = chunks.get(key);
  if (chunk === undefined) {
    chunk = buildChunk(body, index);
    chunks.set(key, chunk);
  }
  lastIndex[b] = index;
  lastChunk[b] = chunk;
  return chunk;
}

/** Number of chunks currently cached (for tests and diagnostics). */
export function cachedChunkCount(): number {
  return chunks.size;
}

/** Empties the cache (for tests: results must not depend on what was cached before). */
export function clearNodeCache(): void {
  chunks.clear();
  lastIndex.fill(Number.NaN);
  for (let i = 0; i < lastChunk.length; i++) lastChunk[i] = new Float64Array(0);
}

/** Index of the chunk of `step`-spaced nodes that holds the interval containing `ctime`. */
export function chunkIndexOf(ctime: number, step: number): number {
  return floor(ctime / (step * CHUNK_NODES));
}

/**
 * Interpolates the node values of `chunk` (chunk number `index`, nodes `step` seconds apart) at
 * `ctime`, which must lie in that chunk's span, writing x, y, z into `out[0..2]`.
 */
export function interpolateInChunk(
  chunk: Float64Array,
  index: number,
  step: number,
  ctime: number,
  out: Float64Array,
): void {
  const u = ctime / step - index * CHUNK_NODES;
  let k = floor(u);
  // Guard the far edge against rounding: the last interval of the chunk still has its nodes.
  if (k > CHUNK_NODES - 1) k = CHUNK_NODES - 1;
  if (k < 0) k = 0;
  const f = u - k;
  const fm1 = f - 1;
  const fm2 = f - 2;
  const fp1 = f + 1;
  // Lagrange weights for nodes at -1, 0, 1, 2 (relative to k).
  const wa = (-f * fm1 * fm2) / 6;
  const wb = (fp1 * fm1 * fm2) / 2;
  const wc = (-fp1 * f * fm2) / 2;
  const wd = (fp1 * f * fm1) / 6;
  const i = 3 * k; // node k-1 sits at slot k (slot 0 is node index*N - 1)
  out[0] = wa * chunk[i] + wb * chunk[i + 3] + wc * chunk[i + 6] + wd * chunk[i + 9];
  out[1] = wa * chunk[i + 1] + wb * chunk[i + 4] + wc * chunk[i + 7] + wd * chunk[i + 10];
  out[2] = wa * chunk[i + 2] + wb * chunk[i + 5] + wc * chunk[i + 8] + wd * chunk[i + 11];
}

/** Interpolated geocentric apparent ERA-frame vector (AU) of `body` at `ctime` seconds. */
export function geocentricInterpolated(body: BodyName, ctime: number, out: Float64Array): void {
  const step = NODE_STEP_S[body];
  const index = chunkIndexOf(ctime, step);
  interpolateInChunk(nodeChunk(body, index), index, step, ctime, out);
}
