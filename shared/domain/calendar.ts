/**
 * Calendar dates in the user's time zone. Quote dates, report dates and "today" for a quote's
 * age are calendar dates: a buyer in Beijing at 07:30 on 2 December is on 2 December, though
 * it is still 1 December in UTC. Instants (created_at, imported_at) stay ISO UTC timestamps.
 * Pure: the caller passes the instant and the zone (the main process reads the clock once,
 * in electron/clock.ts).
 */
import { z } from 'zod';

/** Whether `zone` is an IANA time-zone name this runtime knows (e.g. "Asia/Shanghai", "UTC"). */
export function isTimeZone(zone: string): boolean {
  if (zone.length === 0 || zone.length > 64) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isTimeZone, { error: 'expected an IANA time zone such as Asia/Shanghai or UTC' });

const formats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) at instant `now` in `timeZone`. */
export function calendarDate(now: Date, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formats.set(timeZone, f);
  }
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(now)) parts[p.type] = p.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}
