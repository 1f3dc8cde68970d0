/**
 * Jest config for mutation testing (`npm run mutation`): the `unit` project of jest.config.js limited
 * to the specs beside the mutated files. Each mutant must be killed by its own file's unit specs; the
 * end-to-end policy specs would also kill many, but loading them for each of ~1300 mutants would
 * take hours on two cores.
 */
const { projects } = require('./jest.config.js');

const unit = projects.find((p) => p.displayName === 'unit');
const SPECS = [
  'script/python-literal',
  'script/render',
  'rules/swept-arc',
  'rules/sun-guard',
  'rules/mount',
  'rules/calibration-crossing',
  'rules/sun-avoidance',
  'safety/*',
  'policies/basic/scan-checks',
  'policies/basic/floors',
  'config/merge',
  'config/resolve',
  'toast/toast',
];
module.exports = {
  ...unit,
  testMatch: SPECS.map((s) => `<rootDir>/src/core/${s}.spec.ts`),
  setupFiles: ['<rootDir>/test/mutation-setup.js'],
};
