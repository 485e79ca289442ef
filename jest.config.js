/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/jest-global-setup.js',
  setupFiles: ['<rootDir>/test/support/jest-capture-console.ts'],
  testSequencer: '<rootDir>/test/support/jest-sequencer.js',
};
