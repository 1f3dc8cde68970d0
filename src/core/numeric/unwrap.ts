/** Phase unwrapping of angles in degrees (numpy `unwrap(period=360)`). */
import { HEAP, type Float64Allocator } from './arena';

/**
 * Returns a copy of `deg` where each step larger than 180° in magnitude is corrected by a
 * multiple of 360°, so the sequence is continuous; the first value is kept as is. The copy comes
 * from `alloc`.
 */
export function unwrapDegrees(deg: ArrayLike<number>, alloc: Float64Allocator = HEAP): Float64Array {
  const n = deg.length;
  const out = alloc.take(n);
  if (n === 0) return out;
  out[0] = deg[0];
  let offset = 0;
  for (let i = 1; i < n; i++) {
    const d = deg[i] - deg[i - 1];
    // Only a step of 180° or more is corrected (the two float modulos cost more than the rest).
    if (Math.abs(d) >= 180) {
      // Same rule as numpy: map the step into [-180, 180), keeping +180 for a positive step.
      let dm = (((d + 180) % 360) + 360) % 360 - 180;
      if (dm === -180 && d > 0) dm = 180;
      offset += dm - d;
    }
    out[i] = deg[i] + offset;
  }
  return out;
}

/** Wraps degrees into [0, 360). */
export function wrap360(deg: number): number {
  const r = ((deg % 360) + 360) % 360;
  // `-1e-14 % 360 + 360` rounds to exactly 360; keep the result inside the half-open range.
  return r >= 360 ? 0 : r;
}

/** Wraps degrees into [-180, 180) with floor-mod semantics (basic-policy §5.1 `wrap180`). */
export function wrap180(deg: number): number {
  return wrap360(deg + 180) - 180;
}
