/**
 * "Today" is a calendar date in the user's time zone: shared/calendar computes it from an
 * instant and a zone, the context reads the clock and the `timeZone` setting, handlers take it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { calendarDate, isTimeZone } from '../../shared/calendar';
import { openApp } from '../../electron/bootstrap';
import { systemTimeZone } from '../../electron/context';
import { dispatch } from '../../electron/handlers';
import type { EvaluationResult } from '../../shared/scenario/evaluate';
import type { TimeZoneSetting } from '../../shared/contract/settings';
import { tmpDbPath } from '../helpers/tmp';

const LATE_UTC = new Date('2026-12-01T23:30:00Z'); // 07:30 on 2 December in Beijing

async function ok<T>(ctx: Parameters<typeof dispatch>[0], channel: string, arg?: unknown): Promise<T> {
  const r = await dispatch(ctx, channel, arg);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.value as T;
}

describe('calendarDate', () => {
  it('is the date on the wall clock of the zone, not in UTC', () => {
    expect(calendarDate(LATE_UTC, 'Asia/Shanghai')).toBe('2026-12-02');
    expect(calendarDate(LATE_UTC, 'UTC')).toBe('2026-12-01');
    // 07:30 UTC on 2 December is still 1 December in California (UTC−8)
    expect(calendarDate(new Date('2026-12-02T07:30:00Z'), 'America/Los_Angeles')).toBe('2026-12-01');
    expect(calendarDate(new Date('2026-12-31T16:00:00Z'), 'Asia/Shanghai')).toBe('2027-01-01');
  });

  it('knows an IANA zone from a made-up one', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    for (const bad of ['', 'Mars/Olympus_Mons', 'Asia/Shanghai; DROP TABLE', 'x'.repeat(100)]) expect(isTimeZone(bad)).toBe(false);
  });
});

describe('the timeZone setting', () => {
  it('defaults to the system zone, takes a valid zone, refuses others, and null goes back', async () => {
    const ctx = openApp(tmpDbPath(), { clock: () => LATE_UTC });
    const first = await ok<TimeZoneSetting>(ctx, 'timezone:get');
    expect(first).toEqual({ timeZone: systemTimeZone(), system: systemTimeZone(), saved: false, today: calendarDate(LATE_UTC, systemTimeZone()) });

    expect(await ok<TimeZoneSetting>(ctx, 'timezone:set', { timeZone: 'Asia/Shanghai' })).toMatchObject({ timeZone: 'Asia/Shanghai', saved: true, today: '2026-12-02' });
    expect(ctx.today()).toBe('2026-12-02');
    for (const bad of ['Mars/Olympus_Mons', '', 42, 'Asia/Shanghai\u0000']) {
      expect(await dispatch(ctx, 'timezone:set', { timeZone: bad })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    }
    // nor through the generic settings door
    expect(await dispatch(ctx, 'settings:set', { key: 'timeZone', value: 'Mars/Olympus_Mons' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(ctx.timeZone()).toBe('Asia/Shanghai');
    expect(await ok<TimeZoneSetting>(ctx, 'timezone:set', { timeZone: 'UTC' })).toMatchObject({ today: '2026-12-01' });
    expect(await ok<TimeZoneSetting>(ctx, 'timezone:set', { timeZone: null })).toMatchObject({ timeZone: systemTimeZone(), saved: false });
  });

  it('sets the date a handler measures quote age from', async () => {
    const ctx = openApp(tmpDbPath(), { clock: () => LATE_UTC });
    // the cheapest H20 quote by far, so the build takes it; dated 30 November
    ctx.quotes.add(
      {
        item: 'nvidia-h20', kind: 'purchase', supplier: 'Zone test', price: 1_000, currency: 'CNY', vatIncluded: false, vatRate: 0.13,
        source: { title: 'zone test sheet', url: '', asOf: '2026-11-30', estimate: false, note: '' },
      },
      { origin: 'user' },
    );
    const scenario = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, '../../examples/deepseek-v3-h20.procure.json'), 'utf8')) as Record<string, unknown>;
    const evaluate = async () => {
      const r = await ok<EvaluationResult>(ctx, 'scenario:evaluate', { scenario });
      return { asOf: r.assumptions.asOf, source: r.builds[0]!.lines[0]!.cardPriceSource };
    };

    await ok(ctx, 'timezone:set', { timeZone: 'UTC' });
    expect(await evaluate()).toEqual({ asOf: '2026-12-01', source: 'quote: Zone test, 2026-11-30 (1 days old)' });
    await ok(ctx, 'timezone:set', { timeZone: 'Asia/Shanghai' });
    expect(await evaluate()).toEqual({ asOf: '2026-12-02', source: 'quote: Zone test, 2026-11-30 (2 days old)' });
  });
});
