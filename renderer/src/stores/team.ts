/**
 * The team hub as Settings → Team and the sidebar see it: where this database stands
 * (team:status), what the background sync is doing (team:activity), the catalog conflicts to
 * resolve (team:conflicts, where the main process has it), and the actions: connect (a password
 * typed once goes to the main process's credential store), test, sync now, the interval.
 *
 * A sync that pulled something reloads the catalog, so pages and price histories show it. A
 * failed call is a quiet line (`error`), never a dialog.
 */
import { create } from 'zustand';
import type { TeamStatusOut, TeamSyncOut } from '../../../shared/contract/team';
import type { TeamActivityOut, TeamTestOut } from '../../../shared/contract/team-link';
import type { CatalogConflictView } from '../../../shared/contract/team-merge';
import { pendingTotal } from '../../../shared/domain/team-status';
import type { Channel } from '../../../shared/contract/api';
import { call } from '../api/client';
import { useCatalog } from './catalog';

/** A line to show: a UI string with its values, or a message the main process wrote (already translated). */
export type TeamNote = { key: string; vars?: Record<string, string | number> } | { text: string };

interface TeamState {
  status: TeamStatusOut | null;
  activity: TeamActivityOut | null;
  /** null: this build's main process has no conflicts channel yet. */
  conflicts: CatalogConflictView[] | null;
  busy: 'connect' | 'test' | 'sync' | 'schedule' | null;
  note: TeamNote | null;
  error: string | null;
  load(): Promise<void>;
  connect(input: { hub: string; user: string; password?: string }): Promise<boolean>;
  test(input?: { hub?: string; user?: string; password?: string }): Promise<TeamTestOut | null>;
  syncNow(): Promise<TeamSyncOut | null>;
  setMinutes(minutes: number): Promise<void>;
  resolve(id: string, decision: 'confirm' | 'reverse'): Promise<void>;
}

const pulledAnything = (r: TeamSyncOut) => pendingTotal(r.pulled) > 0;

/**
 * The catalog-merge channels (team:conflicts, team:resolve) by name: a main process without them
 * answers "unknown API call", and the page says conflicts come with catalog merges.
 */
const callMerge = (channel: string, input?: unknown): Promise<unknown> => call(channel as Channel, input as never);

export const useTeam = create<TeamState>((set, get) => {
  const guard = async <T>(busy: TeamState['busy'], f: () => Promise<T>): Promise<T | null> => {
    set({ busy, error: null, note: null });
    try {
      return await f();
    } catch (e) {
      set({ error: (e as Error).message });
      return null;
    } finally {
      set({ busy: null });
      await get().load();
    }
  };
  let lastSeenSync: string | null | undefined;
  return {
    status: null,
    activity: null,
    conflicts: null,
    busy: null,
    note: null,
    error: null,
    async load() {
      try {
        const [status, activity] = await Promise.all([call('team:status'), call('team:activity')]);
        // a background sync that finished since the last look: the catalog may have new quotes
        if (lastSeenSync !== undefined && status.lastSyncAt !== lastSeenSync) void useCatalog.getState().load();
        lastSeenSync = status.lastSyncAt ?? null;
        set({ status, activity });
        if (status.connected) {
          const conflicts = (await callMerge('team:conflicts').catch(() => null)) as CatalogConflictView[] | null;
          set({ conflicts });
        }
      } catch {
        // the status is a nicety: a failed look leaves the last one shown
      }
    },
    async connect(input) {
      const r = await guard('connect', () => call('team:connect', input));
      if (!r) return false;
      set({ note: { key: r.reset ? 'team.reset' : 'team.connected', vars: { hub: r.hub, user: r.user, role: r.role, tls: r.tls ? 'tls' : 'noTls' } } });
      return true;
    },
    async test(input) {
      const r = await guard('test', () => call('team:test', input));
      if (r) set({ note: { key: 'team.tested', vars: { hub: r.hub, user: r.user, role: r.role, tls: r.tls ? 'tls' : 'noTls', ms: r.ms } } });
      return r;
    },
    async syncNow() {
      const r = await guard('sync', () => call('team:sync'));
      if (r && pulledAnything(r)) await useCatalog.getState().load();
      if (r?.refusedI18n) set({ note: { key: r.refusedI18n.key, vars: r.refusedI18n.vars as Record<string, string | number> } });
      return r;
    },
    async setMinutes(minutes) {
      const r = await guard('schedule', () => call('team:schedule', { minutes }));
      if (r) set({ note: r.minutes === 0 ? { key: 'team.intervalOff' } : { key: 'team.intervalSaved', vars: { minutes: r.minutes } } });
    },
    async resolve(id, decision) {
      await guard(null, () => callMerge('team:resolve', { id, decision }));
    },
  };
});

/** Looks at the status every `ms` (the sidebar's clock for "synced N min ago" and background syncs). */
export function pollTeam(ms = 20_000): () => void {
  void useTeam.getState().load();
  const timer = setInterval(() => void useTeam.getState().load(), ms);
  return () => clearInterval(timer);
}
