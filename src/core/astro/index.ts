/**
 * The ephemeris layer: the site and its bodies, exact positions, PyEphem-style rise/transit/set
 * and source blocks, and fast sampled tracks for the rules.
 */
export { BODY_NAMES, isBodyName, SITE, type BodyName } from './site';
export { horizontal, type AzAlt } from './ephemeris';
export {
  nextRising,
  nextSetting,
  nextTransit,
  previousRising,
  previousSetting,
  sourceGetBlocks,
} from './events';
export { azAlt, azAltAt, sampleAzAlt, type AzAltArrays, type SampledAzAlt } from './track';
export { refractDeg, unrefractDeg } from './refraction';
