/**
 * Mutation testing of the safety-critical core (`npm run mutation`, not part of `npm test`):
 * script rendering, the Sun and mount rules, the independent check, config merging and the
 * patch-name check. See docs/mutation-testing.md.
 */
const { resolve } = require('node:path');

// The specs read the reference data at ../shared/reference from the repo root; Stryker runs them
// in a sandbox below .stryker-tmp, so point them at the real folder (the runners inherit the env).
process.env.SCHEDULER_REFERENCE_DIR ??= resolve(__dirname, '..', 'shared', 'reference');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
module.exports = {
  packageManager: 'npm',
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.mutation.config.js', enableFindRelatedTests: true },
  coverageAnalysis: 'perTest',
  // The machine is shared; two runners keep a run near 20 minutes without starving the rest.
  concurrency: 2,
  // A mutant that loops forever is a timeout (killed) after 1.5 × its tests' time plus this.
  timeoutMS: 5000,
  mutate: [
    'src/core/script/python-literal.ts',
    'src/core/script/render.ts',
    'src/core/rules/swept-arc.ts',
    'src/core/rules/sun-guard.ts',
    'src/core/rules/mount.ts',
    'src/core/rules/calibration-crossing.ts',
    'src/core/rules/sun-avoidance.ts',
    'src/core/safety/*.ts',
    '!src/core/safety/*.spec.ts',
    'src/core/policies/basic/scan-checks.ts',
    'src/core/policies/basic/floors.ts',
    'src/core/config/merge.ts',
    // Config resolution: what the merge's outcome is kept and found by (a wrong key would accept a config).
    'src/core/config/resolve.ts',
    // Only the patch-name check of the TOAST parser, `NOT_PRINTABLE` to the end of `patchNameProblem`
    // (a line range: keep it in step with the file; Stryker intersects two ranges of one file).
    'src/core/toast/parse.ts:26-54',
  ],
  ignorePatterns: ['dist', 'coverage', 'reports', 'bench/results'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
};
