/**
 * Setup of the mutation runs (jest.mutation.config.js): a property that fails under a mutant stops at
 * its first counterexample instead of shrinking it, which otherwise takes longer than the timeout.
 */
require('fast-check').configureGlobal({ endOnFailure: true });
