/**
 * API channels of the team hub (a PostgreSQL database the laptops sync with): create or upgrade
 * the hub, add a user, connect this database, sync now, and where this database stands.
 * Passwords travel here only as the one-time password `team:add-user` answers with and the
 * password typed once into Settings → Team (`team:connect`), which is kept by the credential store.
 */
import { z } from 'zod';
import type { MessageRef } from './result';

export const hubUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^postgres(ql)?:\/\//i, { error: 'the hub is a postgresql:// URL, e.g. postgresql://hub.example.com/procure?sslmode=verify-full' });
/** A PostgreSQL role name as the hub accepts it (the hub checks again). */
export const userName = z
  .string()
  .trim()
  .regex(/^[a-z_][a-z0-9_.-]{0,62}$/, { error: 'a user name is 1 to 63 lower-case letters, digits, "_", "." or "-", starting with a letter or "_"' });
/**
 * A password typed once in Settings → Team: it travels to the main process, which hands it to the
 * credential store (the system keychain in the desktop app, ~/.pgpass elsewhere) after the hub
 * accepted it, and never writes it to the app's settings.
 */
export const hubPassword = z.string().min(1).max(1000);
export const hubRoles = ['viewer', 'buyer', 'catalog_keeper', 'evaluator', 'admin'] as const;

export interface TeamCounts {
  suppliers: number;
  quotes: number;
  retirements: number;
  /** Catalog figure edits (one per part and field) and conflict resolutions. */
  catalogEdits: number;
  resolutions: number;
  /** Versions of shared builds and bid sets. */
  builds: number;
  bidSets: number;
}

export interface TeamSyncOut {
  hub: string;
  user: string;
  role: string;
  tls: boolean;
  pushed: TeamCounts;
  /** `conflicts`: catalog conflicts pulled (new or resolved). */
  pulled: TeamCounts & { unplaced: number; conflicts: number };
  cursor: number;
  pending: TeamCounts;
  /** Catalog conflicts open on this laptop after the sync. */
  openConflicts: number;
  /** Committee evaluations pushed (openings, submissions, their scores) and pulled (present when any). */
  evaluations?: { pushed: { evaluations: number; submissions: number; scores: number }; pulled: { evaluations: number; submissions: number; scores: number } };
  refused?: string;
  /** The refusal as a UI string (team.refused.<kind>), for the UI's language. */
  refusedI18n?: MessageRef;
  at: string;
}

export interface TeamStatusOut {
  connected: boolean;
  hub?: string;
  user?: string;
  role?: string | null;
  cursor?: number;
  lastSyncAt?: string | null;
  lastResult?: unknown;
  pending: TeamCounts;
  unplaced: number;
  openConflicts: number;
}

export const teamChannels = {
  'team:init': { input: z.object({ hub: hubUrl }).strict(), output: {} as { hub: string; database: string; created: boolean; applied: number[]; version: number } },
  'team:add-user': {
    input: z.object({ hub: hubUrl, user: userName, role: z.enum(hubRoles) }).strict(),
    output: {} as { user: string; role: (typeof hubRoles)[number]; password: string },
  },
  'team:connect': {
    input: z.object({ hub: hubUrl, user: userName, password: hubPassword.optional() }).strict(),
    output: {} as { hub: string; user: string; role: string; tls: boolean; reset: boolean },
  },
  'team:sync': { input: z.object({}).strict().optional(), output: {} as TeamSyncOut },
  'team:status': { input: z.object({}).strict().optional(), output: {} as TeamStatusOut },
} as const;
