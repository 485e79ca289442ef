const Sequencer = require('@jest/test-sequencer').default;

/** Jest's own order, except that the suite-wide log check runs last, after every other file has logged. */
const LAST = 'suite-logs.test.ts';

class SuiteLogsLast extends Sequencer {
  sort(tests) {
    const sorted = super.sort(tests);
    return [
      ...sorted.filter((test) => !test.path.endsWith(LAST)),
      ...sorted.filter((test) => test.path.endsWith(LAST)),
    ];
  }
}

module.exports = SuiteLogsLast;
