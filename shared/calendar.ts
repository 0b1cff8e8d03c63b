/**
 * Calendar dates in the user's time zone. Quote dates, report dates and "today" for a quote's
 * age are calendar dates: a buyer in Beijing at 07:30 on 2 December is on 2 December, though
 * it is still 1 December in UTC. Instants (created_at, imported_at) stay ISO UTC timestamps.
 * Pure: the caller passes the instant and the zone (the main process reads the clock and the
 * zone setting in electron/context.ts). Day arithmetic on YYYY-MM-DD is in UTC, so no zone
 * shifts the day.
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

const DAY_MS = 86_400_000;

/** `isoDay` (YYYY-MM-DD) plus a whole number of days (rounded), as YYYY-MM-DD. */
export function addDays(isoDay: string, days: number): string {
  const t = Date.parse(`${isoDay}T00:00:00Z`) + Math.round(days) * DAY_MS;
  return new Date(t).toISOString().slice(0, 10);
}

/** Whole days from one date (YYYY-MM-DD, or an ISO instant's date) to another; 0 if either is not a date. */
export function daysBetween(fromIso: string, toIso: string): number {
  const a = Date.parse(`${fromIso.slice(0, 10)}T00:00:00Z`);
  const b = Date.parse(`${toIso.slice(0, 10)}T00:00:00Z`);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return 0;
  return Math.round((b - a) / DAY_MS);
}
