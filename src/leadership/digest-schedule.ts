export type DigestFrequency = 'weekly' | 'monthly';

/** When the next digest is due after `from`: seven days later, or the same day next month (clamped to its end). */
export function nextDigestAt(from: Date, frequency: DigestFrequency): Date {
  if (frequency === 'weekly') return new Date(from.getTime() + 7 * 24 * 60 * 60 * 1000);
  const next = new Date(from.getTime());
  const day = next.getUTCDate();
  next.setUTCDate(1);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const lastDay = new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 0)).getUTCDate();
  next.setUTCDate(Math.min(day, lastDay));
  return next;
}
