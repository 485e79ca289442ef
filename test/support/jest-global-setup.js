const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

/** A folder for the run's log capture (see log-capture.ts), unless run-suite.js already made one for two runs. */
module.exports = async () => {
  process.env.SG_TEST_CAPTURE_DIR ??= mkdtempSync(path.join(tmpdir(), 'strategy-guide-test-logs-'));
};
