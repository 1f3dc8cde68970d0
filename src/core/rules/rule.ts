/**
 * What a rule is: a pure function from a block tree to a new block tree (basic-policy §5). Each rule file
 * exports its params schema and a factory `params → Rule`.
 */
import type { Block, BlockTree, ObservingWindow, SourceBlock } from '../blocks/types';

/** A tree transformation; never mutates its input. */
export type Rule = (tree: BlockTree) => BlockTree;

/** True for SourceBlocks and ObservingWindows (an ObservingWindow is a kind of SourceBlock). */
export function isSourceLike(b: Block): b is SourceBlock | ObservingWindow {
  return b.kind === 'source' || b.kind === 'window';
}

/** Interval of the sample grids the rules use for sources (basic-policy §4: 30 s). */
export const SOURCE_STEP_S = 30;

/** The §4 sample grid (defined beside `sampleAzAlt`, which samples on it). */
export { sampleGrid } from '../astro/track';
