/** App-level handlers: version and database facts, settings. */
import { staleQuoteDaysSchema } from '../../shared/domain/price-policy';
import { cnyUnitSchema } from '../../shared/format';
import type { AppContext } from '../context';
import type { ParsedInput } from '../../shared/contract/api';
import type { AppInfo } from '../../shared/contract/views';
import { APP_VERSION } from '../version';
import { timeZoneSchema } from '../../shared/calendar';
import { setTimeZone } from './settings';

export function appInfo(ctx: AppContext): AppInfo {
  const { accelerators, vendors, estimates } = ctx.accelerators.counts();
  return {
    version: APP_VERSION,
    dbPath: ctx.dbPath,
    schemaVersion: ctx.meta.schemaVersion(),
    seedVersion: Number(ctx.meta.get('seed_version') ?? '0'),
    counts: { accelerators, vendors, quotes: ctx.quotes.count(), estimates },
  };
}

export function getSettingValue(ctx: AppContext, input: ParsedInput<'settings:get'>): unknown {
  return ctx.settings.get(input.key) ?? null;
}

export function setSettingValue(ctx: AppContext, input: ParsedInput<'settings:set'>): unknown {
  // the time zone has its own channel, which validates it (timezone:set); this door must not skip that
  if (input.key === 'timeZone') return setTimeZone(ctx, { timeZone: timeZoneSchema.nullable().parse(input.value ?? null) }).timeZone;
  if (input.key === 'staleQuoteDays') {
    const days = staleQuoteDaysSchema.parse(input.value);
    ctx.settings.set(input.key, days);
    return days;
  }
  if (input.key === 'cnyUnit') {
    const unit = cnyUnitSchema.parse(input.value);
    ctx.settings.set(input.key, unit);
    return unit;
  }
  ctx.settings.set(input.key, input.value ?? null);
  return input.value ?? null;
}
