/**
 * Jest config for mutation testing (`npm run mutation`): the `unit` project of jest.config.js limited
 * to the core's specs, as one flat config (Stryker's jest runner does not pick a project by name).
 */
const { projects } = require('./jest.config.js');

const unit = projects.find((p) => p.displayName === 'unit');
module.exports = { ...unit, testMatch: ['<rootDir>/src/core/**/*.spec.ts'] };
