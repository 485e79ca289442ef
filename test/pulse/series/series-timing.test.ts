import { ContentIndex } from '../../../src/content/content-index';
import { loadContentPack } from '../../../src/content/load-content-pack';
import { againPulseId, runDueAt, runPulseId } from '../../../src/domain/pulse-series';
import { checkSetup } from '../../../src/pulse/setup-input';
import { AUDIENCE_CHANGE, seriesTrend, type RunResults } from '../../../src/pulse/series/trend';
import type { QuestionResult } from '../../../src/domain/pulse-docs';

const index = new ContentIndex(loadContentPack());

describe('series timing: the same wall-clock time in the sender’s zone', () => {
  it('weekly and fortnightly runs keep 10:00 Berlin time across the autumn change', () => {
    const series = { anchorAt: '2026-10-22T08:00:00.000Z', repeat: 'weekly' as const, timeZone: 'Europe/Berlin' };
    expect(runDueAt(series, 1).toISOString()).toBe('2026-10-29T09:00:00.000Z');
    expect(runDueAt({ ...series, repeat: 'fortnightly' }, 1).toISOString()).toBe('2026-11-05T09:00:00.000Z');
  });

  it('monthly runs on the 31st fall on the month’s last day; quarterly runs cross the spring change in New York', () => {
    const monthly = { anchorAt: '2027-01-31T15:00:00.000Z', repeat: 'monthly' as const, timeZone: 'UTC' };
    expect(runDueAt(monthly, 1).toISOString()).toBe('2027-02-28T15:00:00.000Z');
    expect(runDueAt(monthly, 2).toISOString()).toBe('2027-03-31T15:00:00.000Z');
    // 09:00 New York in January (UTC-5) stays 09:00 in April (UTC-4).
    const quarterly = {
      anchorAt: '2027-01-15T14:00:00.000Z',
      repeat: 'quarterly' as const,
      timeZone: 'America/New_York',
    };
    expect(runDueAt(quarterly, 1).toISOString()).toBe('2027-04-15T13:00:00.000Z');
  });

  it('derives run ids from the series and the period, the same on every instance', () => {
    expect(runPulseId('t', 'a'.repeat(32), 3)).toBe(runPulseId('t', 'a'.repeat(32), 3));
    expect(runPulseId('t', 'a'.repeat(32), 3)).not.toBe(runPulseId('t', 'a'.repeat(32), 4));
    expect(againPulseId('t', 'a'.repeat(32))).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('Repeat on the setup card', () => {
  const base = {
    templateId: 'ai-readiness',
    questionIds: '',
    deadlineDate: '2026-12-01',
    deadlineTime: '17:00',
    threshold: '5',
    reminder: '24',
  };
  const now = new Date('2026-11-28T12:00:00Z');
  const check = (overrides: Record<string, unknown>) => checkSetup({ ...base, ...overrides }, index, now, 'UTC');

  it('takes each choice, and an older card without the field as never', () => {
    for (const repeat of ['never', 'weekly', 'fortnightly', 'monthly', 'quarterly'])
      expect(check({ repeat })).toMatchObject({ ok: true, setup: { repeat } });
    expect(check({})).toMatchObject({ ok: true, setup: { repeat: 'never' } });
  });

  it('refuses a forged value kindly, and a deadline at or after the next run', () => {
    for (const repeat of ['hourly', 'toString', '', 7, ['weekly']])
      expect(check({ repeat })).toMatchObject({ ok: false, error: 'Choose how often the pulse repeats.' });
    expect(check({ repeat: 'weekly', deadlineDate: '2026-12-05', deadlineTime: '12:00' })).toMatchObject({
      ok: false,
      error: expect.stringContaining('must close before its next run goes out (Sat 5 Dec, 12:00 UTC)'),
    });
  });
});

describe('trend between runs', () => {
  const question = (mean: number | null): QuestionResult => ({
    questionId: 'q1',
    text: 'How ready?',
    kind: 'rating',
    answered: 5,
    dontKnow: 0,
    bars: [],
    mean,
    favourable: null,
  });
  const run = (day: string, reached: number, mean: number | null, shown = true): RunResults => ({
    createdAt: `2026-12-${day}T10:00:00.000Z`,
    results: {
      title: 't',
      responses: 5,
      reached,
      responseRate: 0.5,
      threshold: 5,
      commentThreshold: 10,
      questions: shown ? [question(mean)] : null,
      comments: null,
    },
  });

  it('compares only when both runs met their threshold', () => {
    expect(seriesTrend(run('08', 10, 3.9), [run('01', 10, 3.5)], 'UTC').changes).toEqual([0.4]);
    expect(seriesTrend(run('08', 10, 3.9), [run('01', 10, null, false)], 'UTC').changes).toBeNull();
    expect(seriesTrend(run('08', 10, null, false), [run('01', 10, 3.5)], 'UTC').changes).toBeNull();
  });

  it(`cautions when the people reached differ by more than ${AUDIENCE_CHANGE * 100}% of the larger run`, () => {
    expect(seriesTrend(run('08', 10, 4), [run('01', 8, 4)], 'UTC').caution).toBeNull();
    expect(seriesTrend(run('08', 10, 4), [run('01', 7, 4)], 'UTC').caution).toContain('reached 10 people');
  });

  it('charts the runs above threshold only, oldest first, at most six', () => {
    const earlier = ['07', '06', '05', '04', '03', '02', '01'].map((day, i) => run(day, 10, 1 + (i % 4), day !== '05'));
    const { lines } = seriesTrend(run('08', 10, 5), earlier, 'UTC');
    expect(lines[0].points.map((point) => point.x)).toEqual(['3 Dec', '4 Dec', '6 Dec', '7 Dec', '8 Dec']);
  });

  it('labels two runs on the same day (a Run again) with their times, so the chart tells them apart', () => {
    const morning = run('07', 10, 3);
    const afternoon = { ...run('07', 10, 4), createdAt: '2026-12-07T15:30:00.000Z' };
    const { lines } = seriesTrend(run('08', 10, 5), [afternoon, morning], 'Europe/Berlin');
    expect(lines[0].points.map((point) => point.x)).toEqual(['7 Dec 11:00', '7 Dec 16:30', '8 Dec']);
  });
});
