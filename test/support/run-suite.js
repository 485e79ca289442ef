const { spawnSync } = require('node:child_process');
const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

/**
 * `npm test`, `npm run test:unit`, `npm run test:e2e`: runs the chosen test files, then the suite-wide log check
 * (test/logging/suite-logs.test.ts) over everything they logged. The check is a second jest run so that it starts
 * only after every other file has finished, whichever worker ran it. Extra arguments go to the first jest run.
 */
const SUITE_LOGS = 'test/logging/suite-logs.test.ts';
const SCOPES = {
  all: [],
  unit: ['--testPathIgnorePatterns', '/test/e2e/'],
  e2e: ['/test/e2e/'],
};

const [scopeFlag, ...extra] = process.argv.slice(2);
const scope = SCOPES[(scopeFlag ?? '').replace(/^--/, '')];
if (!scope) {
  process.stderr.write(`usage: node test/support/run-suite.js --all|--unit|--e2e [jest options]\n`);
  process.exit(2);
}

const jest = require.resolve('jest/bin/jest');
const env = {
  ...process.env,
  SG_TEST_CAPTURE_DIR: process.env.SG_TEST_CAPTURE_DIR ?? mkdtempSync(path.join(tmpdir(), 'strategy-guide-test-logs-')),
};
function runJest(args) {
  return spawnSync(process.execPath, [jest, ...args], { stdio: 'inherit', env }).status ?? 1;
}

const first = runJest([...scope, '--testPathIgnorePatterns', 'suite-logs', ...extra]);
const logs = runJest([SUITE_LOGS]);
process.exit(first || logs);
