import {
  addLocalDays,
  addLocalMonths,
  formatInZone,
  knownTimeZone,
  parseWallTime,
  timeZoneOrUtc,
  wallTimeAt,
  wallTimeToInstant,
  zoneLabel,
  type WallTime,
} from '../../src/domain/time-zones';

const wall = (date: string, time: string): WallTime => {
  const parsed = parseWallTime(date, time);
  if (!parsed) throw new Error(`bad wall time ${date} ${time}`);
  return parsed;
};
const instant = (date: string, time: string, zone: string) => wallTimeToInstant(wall(date, time), zone).toISOString();

describe('time zones (Intl, no date library)', () => {
  it('takes real IANA names (fixing their case) and turns missing, forged or unknown ones into UTC', () => {
    expect(knownTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
    expect(knownTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(knownTimeZone('America/New_York')).toBe('America/New_York');
    // Kept as sent even where the ICU in use calls it by an older alias (Asia/Calcutta).
    expect(knownTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    for (const forged of [
      'Mars/Olympus_Mons',
      'Europe/Berlin<script>',
      '../../etc/passwd',
      '',
      'x'.repeat(5000),
      '+01:00',
      42,
      { toString: () => 'Europe/Berlin' },
      undefined,
      null,
    ]) {
      expect([forged, knownTimeZone(forged)]).toEqual([forged, undefined]);
      expect(timeZoneOrUtc(forged)).toBe('UTC');
    }
  });

  it('reads a Berlin wall time before and after the autumn change at the right UTC instant', () => {
    // Clocks go back from 03:00 CEST to 02:00 CET on Sunday 25 October 2026.
    expect(instant('2026-10-23', '17:00', 'Europe/Berlin')).toBe('2026-10-23T15:00:00.000Z');
    expect(instant('2026-10-28', '17:00', 'Europe/Berlin')).toBe('2026-10-28T16:00:00.000Z');
  });

  it('reads a New York wall time before and after the November change at the right UTC instant', () => {
    // Clocks go back from 02:00 EDT to 01:00 EST on Sunday 1 November 2026.
    expect(instant('2026-10-30', '17:00', 'America/New_York')).toBe('2026-10-30T21:00:00.000Z');
    expect(instant('2026-11-03', '17:00', 'America/New_York')).toBe('2026-11-03T22:00:00.000Z');
  });

  it('takes the first of a time that happens twice and moves a time that never happens past the gap', () => {
    // 02:30 on 25 Oct 2026 in Berlin happens at 00:30Z (summer time) and again at 01:30Z.
    expect(instant('2026-10-25', '02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
    // 02:30 on 29 Mar 2026 in Berlin never happens (02:00 CET → 03:00 CEST): it becomes 03:30 CEST.
    expect(instant('2026-03-29', '02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
    expect(formatInZone(new Date('2026-03-29T01:30:00Z'), 'Europe/Berlin')).toBe('Sun 29 Mar, 03:30 Berlin time');
    // Half-hour zones and the southern hemisphere (Sydney goes to summer time on 4 Oct 2026).
    expect(instant('2026-12-09', '17:00', 'Asia/Kolkata')).toBe('2026-12-09T11:30:00.000Z');
    expect(instant('2026-10-03', '09:00', 'Australia/Sydney')).toBe('2026-10-02T23:00:00.000Z');
    expect(instant('2026-10-05', '09:00', 'Australia/Sydney')).toBe('2026-10-04T22:00:00.000Z');
  });

  it('adds calendar days and months at the same wall-clock time across a change, clamping to the month’s end', () => {
    const friday = new Date('2026-10-23T10:00:00Z'); // 12:00 in Berlin, summer time
    expect(addLocalDays(friday, 7, 'Europe/Berlin').toISOString()).toBe('2026-10-30T11:00:00.000Z');
    expect(addLocalDays(friday, 7, 'UTC').toISOString()).toBe('2026-10-30T10:00:00.000Z');
    expect(addLocalDays(new Date('2026-11-02T16:00:00Z'), -3, 'America/New_York').toISOString()).toBe(
      '2026-10-30T15:00:00.000Z',
    );
    const endOfJanuary = wallTimeToInstant(wall('2026-01-31', '09:00'), 'Europe/Berlin');
    expect(wallTimeAt(addLocalMonths(endOfJanuary, 1, 'Europe/Berlin'), 'Europe/Berlin')).toEqual(
      wall('2026-02-28', '09:00'),
    );
    const march = wallTimeToInstant(wall('2026-03-15', '09:00'), 'Europe/Berlin');
    expect(addLocalMonths(march, 1, 'Europe/Berlin').toISOString()).toBe('2026-04-15T07:00:00.000Z');
  });

  it('writes an instant as "Wed 9 Dec, 17:00 Berlin time", naming the city of the zone or UTC', () => {
    const at = new Date('2026-12-09T16:00:00Z');
    expect(formatInZone(at, 'Europe/Berlin')).toBe('Wed 9 Dec, 17:00 Berlin time');
    expect(formatInZone(at, 'America/New_York')).toBe('Wed 9 Dec, 11:00 New York time');
    expect(formatInZone(at, 'America/Argentina/Buenos_Aires')).toBe('Wed 9 Dec, 13:00 Buenos Aires time');
    expect(formatInZone(at, 'Asia/Kolkata')).toBe('Wed 9 Dec, 21:30 Kolkata time');
    expect(formatInZone(at, 'UTC')).toBe('Wed 9 Dec, 16:00 UTC');
    expect(formatInZone(new Date('2026-09-01T00:05:00Z'), 'Etc/UTC')).toBe('Tue 1 Sep, 00:05 UTC');
    // Names without a city say their offset (Etc/GMT+5 is five hours behind UTC).
    expect(zoneLabel('Etc/GMT+5', at)).toBe('GMT-5');
    expect(formatInZone(at, 'Etc/GMT+5')).toBe('Wed 9 Dec, 11:00 GMT-5');
  });

  it('checks a card’s day and time, refusing days a month does not have and times a day does not have', () => {
    expect(parseWallTime('2026-12-09', '17:00:00')).toEqual({ year: 2026, month: 12, day: 9, hour: 17, minute: 0 });
    expect(parseWallTime('2028-02-29', '09:00')).toBeDefined();
    for (const [date, time] of [
      ['2026-02-29', '09:00'],
      ['2026-04-31', '09:00'],
      ['2026-13-01', '09:00'],
      ['2026-12-09', '24:00'],
      ['2026-12-09', '17:60'],
      ['tomorrow', '17:00'],
      ['2026-12-09', '5pm'],
    ])
      expect([date, time, parseWallTime(date, time)]).toEqual([date, time, undefined]);
  });
});
