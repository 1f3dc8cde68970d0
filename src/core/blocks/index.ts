/** Blocks, trees of blocks and the sequence algebra of the original (basic-policy §2). */
export * from './types';
export * from './block';
export * from './tree';
export * from './ops';
export * from './overlap-index';
