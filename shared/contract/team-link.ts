/**
 * API channels of this laptop's link to its team hub, for Settings → Team and the sidebar: test a
 * connection without syncing, the background sync's interval, and what the background sync is
 * doing (running, the last failure as a quiet status, where the password is kept).
 */
import { z } from 'zod';
import type { MessageRef } from './result';
import { hubPassword, hubUrl, userName } from './team';

/** Minutes between background syncs; 0 turns it off. */
export const syncMinutesSchema = z.number().int().min(0).max(1440);
export const SYNC_MINUTES_DEFAULT = 15;

export interface TeamTestOut {
  hub: string;
  user: string;
  role: string;
  tls: boolean;
  /** The round trip: connect, log in, ask who this is. */
  ms: number;
}

export interface TeamActivityOut {
  /** A sync (background or "sync now") is running. */
  syncing: boolean;
  intervalMinutes: number;
  /** The last sync that failed, until one succeeds: shown as a quiet status, never a dialog. */
  lastError: { message: string; i18n?: MessageRef; at: string } | null;
  /** Where a password typed in Settings → Team is kept. */
  credentialStore: 'safeStorage' | 'pgpass';
  /** A password for the connected hub and user is kept there (or PGPASSWORD is set). */
  passwordKept: boolean;
}

export const teamLinkChannels = {
  /** Connect and log in (with `password`, or the one kept for the connected hub), without syncing or storing anything. */
  'team:test': {
    input: z.object({ hub: hubUrl.optional(), user: userName.optional(), password: hubPassword.optional() }).strict().optional(),
    output: {} as TeamTestOut,
  },
  'team:schedule': { input: z.object({ minutes: syncMinutesSchema }).strict(), output: {} as { minutes: number } },
  'team:activity': { input: z.object({}).strict().optional(), output: {} as TeamActivityOut },
} as const;
