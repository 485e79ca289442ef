import { loadConfig } from '../../src/config';

describe('summary thresholds in the settings', () => {
  it('defaults to 5 people and 10 for free text', () => {
    expect(loadConfig({}, 'local').summaryThresholds).toEqual({ group: 5, comments: 10 });
  });

  it('accepts 3 and above, and keeps the comment threshold at least the group threshold', () => {
    expect(loadConfig({ SUMMARY_THRESHOLD: '3' }, 'local').summaryThresholds).toEqual({ group: 3, comments: 10 });
    expect(loadConfig({ SUMMARY_THRESHOLD: '12' }, 'local').summaryThresholds).toEqual({ group: 12, comments: 12 });
  });

  it('refuses a threshold below 3, a comment threshold below the group one, and words', () => {
    expect(() => loadConfig({ SUMMARY_THRESHOLD: '2' }, 'local')).toThrow(
      /SUMMARY_THRESHOLD must be a whole number from 3/,
    );
    expect(() => loadConfig({ SUMMARY_THRESHOLD: '6', SUMMARY_COMMENT_THRESHOLD: '5' }, 'local')).toThrow(
      /SUMMARY_COMMENT_THRESHOLD must be a whole number from 6/,
    );
    expect(() => loadConfig({ SUMMARY_THRESHOLD: 'five' }, 'local')).toThrow(/SUMMARY_THRESHOLD/);
  });
});
