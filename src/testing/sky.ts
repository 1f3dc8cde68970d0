/**
 * The tests' own great-circle distance between two horizontal directions, by Vincenty's form: a
 * formula none of the code uses (the rules use the haversine form, the checker and the move check
 * unit vectors), accurate over the whole sphere. The cosine rule loses about 1e-6 degree near 0 and
 * 180, the haversine form about 1e-7 near 180 (there `1 - h` is below a double's step): a random
 * seed of the move check's rectangle property once met a Sun at the zenith against a rectangle just
 * above the nadir, where haversine said 180 and the code rightly said 179.999999876.
 */

// Math functions as module constants: under Jest's vm context each global lookup is slow.
const { atan2, cos, sin, sqrt } = Math;
const DEG = Math.PI / 180;

/** Distance from `(az1, alt1)` to `(az2, alt2)` on the sky, degrees. */
export function skyDistanceDeg(az1: number, alt1: number, az2: number, alt2: number): number {
  const p1 = alt1 * DEG;
  const p2 = alt2 * DEG;
  const dl = (az2 - az1) * DEG;
  const s1 = sin(p1);
  const c1 = cos(p1);
  const s2 = sin(p2);
  const c2 = cos(p2);
  const cl = cos(dl);
  const a = c2 * sin(dl);
  const b = c1 * s2 - s1 * c2 * cl;
  return atan2(sqrt(a * a + b * b), s1 * s2 + c1 * c2 * cl) / DEG;
}
