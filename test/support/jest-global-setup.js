const { mkdtempSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');

/** A fresh folder per run for the log capture (see log-capture.ts). */
module.exports = async () => {
  process.env.SG_TEST_CAPTURE_DIR = mkdtempSync(path.join(tmpdir(), 'strategy-guide-test-logs-'));
};
