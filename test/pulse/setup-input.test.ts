import { ContentIndex } from '../../src/content/content-index';
import { loadContentPack } from '../../src/content/load-content-pack';
import { checkSetup, utcOffsetOf } from '../../src/pulse/setup-input';

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
const check = (overrides: Record<string, unknown>, offset = 0, minimum = 3, fallback = 5) =>
  checkSetup({ ...base, ...overrides }, index, now, offset, { minimum, fallback });

describe('pulse setup input', () => {
  it('takes a template with its questions, the deadline in the sender’s time zone and a reminder a day before', () => {
    const result = check({}, 60);
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
    expect(check({ threshold: '1' }, 0, 1).ok).toBe(true);
    // An empty threshold is the tenant's default (PULSE_DEFAULT_THRESHOLD), never below its minimum.
    expect(check({ threshold: '' }, 0, 3, 7)).toMatchObject({ ok: true, setup: { threshold: 7 } });
    expect(check({ threshold: '' }, 0, 8, 5)).toMatchObject({ ok: true, setup: { threshold: 8 } });
    expect(check({ reminder: 'toString' })).toMatchObject({ ok: false });
    expect(check({ reminder: 'sometimes' })).toMatchObject({ ok: false, error: expect.stringMatching(/remind/) });
  });

  it('drops a reminder that would fall before now instead of sending it at once', () => {
    const result = check({ deadlineDate: '2026-11-28', deadlineTime: '20:00', reminder: '24' });
    expect(result.ok && result.setup.reminderAt).toBeUndefined();
  });

  it('reads the UTC offset of a Teams local timestamp', () => {
    expect(utcOffsetOf('2026-11-28T15:00:00.000+05:30')).toBe(330);
    expect(utcOffsetOf('2026-11-28T15:00:00.000-08:00')).toBe(-480);
    expect(utcOffsetOf(undefined)).toBe(0);
  });
});
