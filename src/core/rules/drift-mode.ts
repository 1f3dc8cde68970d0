/** drift-mode (spec §5.4): keeps source blocks of one mode. */
import { filterTree } from '../blocks/tree';
import { EnumField } from '../config/decorators';
import { isSourceLike, type Rule } from './rule';

/** Modes a source block can have. */
export const DRIFT_MODES = ['rising', 'setting', 'both'] as const;

/** Params of `drift-mode`. */
export class DriftModeParams {
  @EnumField(DRIFT_MODES, { description: 'Mode of the source blocks kept (`both` keeps only blocks whose mode is literally both).' })
  readonly mode!: (typeof DRIFT_MODES)[number];
}

/**
 * Keeps a source block iff its mode equals `mode` (so `both` keeps only blocks whose mode is
 * literally `both`, as the original); other block types pass through.
 */
export function driftMode(p: DriftModeParams): Rule {
  return (tree) => filterTree(tree, (b) => !isSourceLike(b) || b.mode === p.mode);
}
