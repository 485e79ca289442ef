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
    // jose (the dashboard's token checks) ships ES modules only; Node loads them at run time, Jest needs CommonJS.
    '/node_modules/jose/.+\\.js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  testTimeout: 30000,
  globalSetup: '<rootDir>/test/support/jest-global-setup.js',
  setupFiles: ['<rootDir>/test/support/jest-capture-console.ts'],
};
