import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { checkSetup, defaultSetupValues } from '../../src/pulse/setup-input';

const index = new ContentIndex(loadContentPack());
const now = new Date('2026-11-28T12:00:00Z');
const base = {
  templateId: 'ai-readiness',
  questionIds: '',
  deadlineDate: '2026-12-01',
  deadlineTime: '17:00',
  threshold: '5',
  reminder: '24',
};
const check = (overrides: Record<string, unknown>, timeZone = 'UTC', minimum = 3, fallback = 5) =>
  checkSetup({ ...base, ...overrides }, index, now, timeZone, { minimum, fallback });

describe('pulse setup input', () => {
  it('takes a template with its questions, the deadline in the sender’s time zone and a reminder a day before', () => {
    const result = check({}, 'Europe/Berlin');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.setup.questions.map((question) => question.id)).toEqual(
      index.pulseTemplate('ai-readiness')?.questions,
    );
    expect(result.setup.deadline.toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(result.setup.reminderAt?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(result.setup.threshold).toBe(5);
  });

  it('takes 3 to 8 hand-picked rating or single-choice questions and refuses other counts and kinds', () => {
    const picked = check({ templateId: 'custom', questionIds: 'dr-skills,dr-data,bi-change-channels' });
    expect(picked.ok && picked.setup.questions.map((question) => question.kind)).toEqual([
      'rating',
      'rating',
      'single',
    ]);
    expect(check({ templateId: 'custom', questionIds: 'dr-skills,dr-data' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/from 3 to 8/),
    });
    const textQuestion = index.allQuestions().find(({ question }) => question.kind === 'text')?.question.id;
    expect(check({ templateId: 'custom', questionIds: `dr-skills,dr-data,${textQuestion}` })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/cannot be used in a pulse/),
    });
    expect(check({ templateId: 'no-such-template' })).toMatchObject({ ok: false });
  });

  it('refuses a deadline in the past, too soon or too far, a threshold below the minimum, and an unknown reminder', () => {
    expect(check({ deadlineDate: '2026-11-27' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/10 minutes/),
    });
    expect(check({ deadlineDate: '2027-06-01' })).toMatchObject({ ok: false, error: expect.stringMatching(/90 days/) });
    expect(check({ deadlineDate: 'tomorrow' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Pick a deadline/),
    });
    expect(check({ threshold: '2' })).toMatchObject({ ok: false, error: expect.stringMatching(/below 3/) });
    expect(check({ threshold: '1' }, 'UTC', 1).ok).toBe(true);
    // An empty threshold is the tenant's default (PULSE_DEFAULT_THRESHOLD), never below its minimum.
    expect(check({ threshold: '' }, 'UTC', 3, 7)).toMatchObject({ ok: true, setup: { threshold: 7 } });
    expect(check({ threshold: '' }, 'UTC', 8, 5)).toMatchObject({ ok: true, setup: { threshold: 8 } });
    expect(check({ reminder: 'toString' })).toMatchObject({ ok: false });
    expect(check({ reminder: 'sometimes' })).toMatchObject({ ok: false, error: expect.stringMatching(/remind/) });
  });

  it('drops a reminder that would fall before now instead of sending it at once', () => {
    const result = check({ deadlineDate: '2026-11-28', deadlineTime: '20:00', reminder: '24' });
    expect(result.ok && result.setup.reminderAt).toBeUndefined();
  });

  it('reads the deadline as Berlin wall time after the autumn change, and a reminder a day before at the same time', () => {
    // Sent on Friday 23 Oct 2026 (summer time); clocks go back on Sunday 25 Oct.
    const friday = new Date('2026-10-23T10:00:00Z');
    const closes = (date: string, reminder = '24') =>
      checkSetup({ ...base, deadlineDate: date, deadlineTime: '17:00', reminder }, index, friday, 'Europe/Berlin');
    const wednesday = closes('2026-10-28');
    expect(wednesday.ok && wednesday.setup.deadline.toISOString()).toBe('2026-10-28T16:00:00.000Z');
    expect(wednesday.ok && wednesday.setup.reminderAt?.toISOString()).toBe('2026-10-27T16:00:00.000Z');
    // Closing on the Sunday of the change: "a day before" is 17:00 on Saturday, summer time (25 hours earlier).
    const sunday = closes('2026-10-25');
    expect(sunday.ok && sunday.setup.deadline.toISOString()).toBe('2026-10-25T16:00:00.000Z');
    expect(sunday.ok && sunday.setup.reminderAt?.toISOString()).toBe('2026-10-24T15:00:00.000Z');
    // "An hour before" stays an hour.
    const hour = closes('2026-10-25', '1');
    expect(hour.ok && hour.setup.reminderAt?.toISOString()).toBe('2026-10-25T15:00:00.000Z');
  });

  it('reads the deadline as New York wall time after the November change', () => {
    const thursday = new Date('2026-10-29T14:00:00Z');
    const result = checkSetup(
      { ...base, deadlineDate: '2026-11-03', deadlineTime: '17:00' },
      index,
      thursday,
      'America/New_York',
    );
    expect(result.ok && result.setup.deadline.toISOString()).toBe('2026-11-03T22:00:00.000Z');
  });

  it('proposes a deadline three days out on the sender’s calendar, not UTC’s', () => {
    // 23:30 UTC on Friday is already Saturday in Berlin.
    const lateFriday = new Date('2026-10-23T23:30:00Z');
    expect(defaultSetupValues(index, lateFriday, 'Europe/Berlin').deadlineDate).toBe('2026-10-27');
    expect(defaultSetupValues(index, lateFriday, 'UTC').deadlineDate).toBe('2026-10-26');
    expect(defaultSetupValues(index, lateFriday, 'America/Los_Angeles').deadlineDate).toBe('2026-10-26');
  });

  it('refuses a day the month does not have instead of rolling it over', () => {
    expect(check({ deadlineDate: '2026-11-31' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/Pick a deadline/),
    });
  });
});
