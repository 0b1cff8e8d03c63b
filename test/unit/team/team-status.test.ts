/** The sidebar's team line (shared/domain/team-status), hand-computed cases. */
import { describe, expect, it } from 'vitest';
import { agoRef, pendingTotal, teamStatusLine } from '../../../shared/domain/team-status';

const now = new Date('2026-12-02T12:00:00.000Z');
const none = { suppliers: 0, quotes: 0, retirements: 0 };

describe('team status line', () => {
  it('ages a sync: just now under a minute (and for a clock behind), minutes, hours from 60 min, days from 24 h', () => {
    expect(agoRef('2026-12-02T11:59:30.000Z', now)).toEqual({ key: 'team.ago.now' });
    expect(agoRef('2026-12-02T12:00:05.000Z', now)).toEqual({ key: 'team.ago.now' });
    expect(agoRef('2026-12-02T11:55:00.000Z', now)).toEqual({ key: 'team.ago.minutes', vars: { count: 5 } });
    expect(agoRef('2026-12-02T11:00:00.001Z', now)).toEqual({ key: 'team.ago.minutes', vars: { count: 59 } });
    expect(agoRef('2026-12-02T11:00:00.000Z', now)).toEqual({ key: 'team.ago.hours', vars: { count: 1 } });
    expect(agoRef('2026-12-01T12:00:00.001Z', now)).toEqual({ key: 'team.ago.hours', vars: { count: 23 } });
    expect(agoRef('2026-11-29T11:00:00.000Z', now)).toEqual({ key: 'team.ago.days', vars: { count: 3 } });
    expect(agoRef('not a date', now)).toEqual({ key: 'team.ago.now' });
  });

  it('counts every kind waiting, whatever the hub shares', () => {
    expect(pendingTotal({ suppliers: 1, quotes: 2, retirements: 0, catalogEdits: 3, builds: 1 })).toBe(7);
    expect(pendingTotal({ quotes: Number.NaN, suppliers: 2 })).toBe(2);
  });

  it('says offline, syncing, never, synced and what waits, in that order of precedence', () => {
    expect(teamStatusLine({ connected: false, pending: { ...none, quotes: 3 } }, null, now)).toEqual({
      main: { key: 'team.status.notConnected' },
      share: { key: 'team.status.toShare', vars: { count: 3 } },
      tone: 'quiet',
    });
    const synced = { connected: true, lastSyncAt: '2026-12-02T11:55:00.000Z', pending: none };
    expect(teamStatusLine(synced, { syncing: false, lastError: null }, now)).toEqual({ main: { key: 'team.status.synced' }, ago: { key: 'team.ago.minutes', vars: { count: 5 } }, tone: 'ok' });
    expect(teamStatusLine(synced, { syncing: true, lastError: { message: 'x' } }, now).main.key).toBe('team.status.syncing');
    expect(teamStatusLine(synced, { syncing: false, lastError: { message: 'cannot reach the hub' } }, now)).toMatchObject({ main: { key: 'team.status.offline' }, tone: 'warn' });
    expect(teamStatusLine({ connected: true, lastSyncAt: null, pending: { ...none, suppliers: 1, quotes: 1 } }, null, now)).toEqual({
      main: { key: 'team.status.never' },
      share: { key: 'team.status.toShare', vars: { count: 2 } },
      tone: 'quiet',
    });
  });
});
