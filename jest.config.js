/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  // SWC only strips types; `npm run typecheck` (tsc) checks them once for the whole project.
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/jest-global-setup.js',
  setupFiles: ['<rootDir>/test/support/jest-capture-console.ts'],
};
