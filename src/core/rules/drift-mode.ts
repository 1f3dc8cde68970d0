/** drift-mode (basic-policy §5.4): keeps source blocks of one mode. */
import { filterTree } from '../blocks/tree';
import { s, type Infer } from '../config';
import { isSourceLike, type Rule } from './rule';

/** Params of `drift-mode`. */
export const driftModeParams = s.object({ mode: s.enumOf(['rising', 'setting', 'both'] as const) });

/** Validated params of `drift-mode`. */
export type DriftModeParams = Infer<typeof driftModeParams>;

/**
 * Keeps a source block iff its mode equals `mode` (so `both` keeps only blocks whose mode is
 * literally `both`, as the original); other block types pass through.
 */
export function driftMode(p: DriftModeParams): Rule {
  return (tree) => filterTree(tree, (b) => !isSourceLike(b) || b.mode === p.mode);
}
