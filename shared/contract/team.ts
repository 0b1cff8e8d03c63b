/**
 * API channels of the team hub (a PostgreSQL database the laptops sync with): create or upgrade
 * the hub, add a user, connect this database, sync now, and where this database stands.
 * Passwords never travel here except the one-time password `team:add-user` answers with.
 */
import { z } from 'zod';

const hubUrl = z
  .string()
  .trim()
  .max(2000)
  .regex(/^postgres(ql)?:\/\//i, { error: 'the hub is a postgresql:// URL, e.g. postgresql://hub.example.com/procure?sslmode=verify-full' });
/** A PostgreSQL role name as the hub accepts it (the hub checks again). */
const userName = z
  .string()
  .trim()
  .regex(/^[a-z_][a-z0-9_.-]{0,62}$/, { error: 'a user name is 1 to 63 lower-case letters, digits, "_", "." or "-", starting with a letter or "_"' });
export const hubRoles = ['viewer', 'buyer', 'catalog_keeper', 'evaluator', 'admin'] as const;

export interface TeamCounts {
  suppliers: number;
  quotes: number;
  retirements: number;
}

export interface TeamSyncOut {
  hub: string;
  user: string;
  role: string;
  tls: boolean;
  pushed: TeamCounts;
  pulled: TeamCounts & { unplaced: number };
  cursor: number;
  pending: TeamCounts;
  refused?: string;
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
}

export const teamChannels = {
  'team:init': { input: z.object({ hub: hubUrl }).strict(), output: {} as { hub: string; database: string; created: boolean; applied: number[]; version: number } },
  'team:add-user': {
    input: z.object({ hub: hubUrl, user: userName, role: z.enum(hubRoles) }).strict(),
    output: {} as { user: string; role: (typeof hubRoles)[number]; password: string },
  },
  'team:connect': {
    input: z.object({ hub: hubUrl, user: userName }).strict(),
    output: {} as { hub: string; user: string; role: string; tls: boolean; reset: boolean },
  },
  'team:sync': { input: z.object({}).strict().optional(), output: {} as TeamSyncOut },
  'team:status': { input: z.object({}).strict().optional(), output: {} as TeamStatusOut },
} as const;
