import type { Person } from '../domain/person';
import type { AccessResolver } from '../leadership/access';
import type { NudgeSettingsStore } from '../storage/ports';
import { normalizeTyped } from '../strategy/commands';

const TYPED = /^reminder days (\d{1,3}) (\d{1,3})$/;
const MAX_DAYS = 60;

export interface ReminderDaysDeps {
  settings: NudgeSettingsStore;
  accessOf: AccessResolver;
  clock: () => Date;
}

/** Whether typed text is the reminder-days command (`reminder days 3 10`), right or wrong in its numbers. */
export function isReminderDays(text: string | undefined): boolean {
  return /^reminder days\b/.test(normalizeTyped(text ?? ''));
}

/** A leader's or admin's `reminder days <first> <second>` for the whole tenant: the reply. */
export async function setReminderDays(deps: ReminderDaysDeps, person: Person, text: string): Promise<string> {
  const { leader, admin } = await deps.accessOf(person);
  if (!leader && !admin) return 'Only leaders and admins can change when reminders go out.';
  const match = TYPED.exec(normalizeTyped(text));
  const first = Number(match?.[1]);
  const second = Number(match?.[2]);
  if (!match || !(first >= 1 && first < second && second <= MAX_DAYS))
    return `Type **reminder days** and two whole numbers of days, the first smaller, at most ${MAX_DAYS} — e.g. **reminder days 3 10**. Nothing was changed.`;
  await deps.settings.write({
    id: 'nudge-settings',
    type: 'nudge-settings',
    tenantId: person.tenantId,
    days: [first, second],
    updatedBy: person.userId,
    updatedAt: deps.clock().toISOString(),
  });
  return `Done: people who started but haven't finished get a reminder ${first} and ${second} days after they last made progress (weekdays, 09:00–17:00 their time, at most two).`;
}
