/**
 * The admin's side of a team hub: `init` creates the database if it is missing and applies the
 * hub migrations (roles, tables, GRANTs, row-level security, audit); `addUser` creates a login
 * role in one of the application roles with a one-time password; `connect` checks a user's
 * login and records the hub (never the password) in the local database.
 */
import crypto from 'node:crypto';
import { HUB_LATEST, migrateHub, type HubRole } from '../db/hub/migrations';
import { createHubDatabase, HubRepo } from '../db/hub/repo';
import type { TeamRepo } from '../db/repos/team';
import { connectHub, HubConnectError, hubError, parseHubUrl, storableUrl } from './connection';

export interface InitResult {
  hub: string;
  database: string;
  created: boolean;
  applied: number[];
  version: number;
}

export async function initHub(url: string): Promise<InitResult> {
  const t = parseHubUrl(url);
  let created = false;
  let conn;
  try {
    conn = await connectHub(url);
  } catch (e) {
    if (!(e instanceof HubConnectError) || !/does not exist/.test(e.message)) throw e;
    // the database is not there yet: create it from the maintenance database
    const admin = new URL(url);
    admin.pathname = '/postgres';
    const c = await connectHub(admin.toString());
    try {
      await createHubDatabase(c.client, t.database);
      created = true;
    } finally {
      await c.client.end();
    }
    conn = await connectHub(url);
  }
  try {
    const applied = await migrateHub(conn.client);
    return { hub: storableUrl(url), database: t.database, created, applied, version: HUB_LATEST };
  } finally {
    await conn.client.end();
  }
}

/** A one-time password: 144 random bits, URL-safe (nothing a shell or a .pgpass line must escape). */
export const oneTimePassword = () => crypto.randomBytes(18).toString('base64url');

export async function addHubUser(url: string, name: string, role: HubRole): Promise<{ user: string; role: HubRole; password: string }> {
  const { client } = await connectHub(url);
  try {
    const password = oneTimePassword();
    await new HubRepo(client).addUser(name, role, password);
    return { user: name, role, password };
  } finally {
    await client.end();
  }
}

export interface ConnectResult {
  hub: string;
  user: string;
  role: string;
  tls: boolean;
  /** Another hub or user than before: this laptop's rows will be shared there from scratch. */
  reset: boolean;
}

/** `password`: one typed in Settings → Team (kept by the caller once this login worked); else PGPASSWORD or ~/.pgpass. */
export async function connectTeam(team: TeamRepo, url: string, user: string, now: Date, password?: string): Promise<ConnectResult> {
  const { client, tls } = await connectHub(url, { user, password });
  try {
    const me = await new HubRepo(client).whoAmI();
    if (me.role === 'none' && !me.superuser) throw hubError('noRole', { user });
    const hub = storableUrl(url);
    const { reset } = team.connect(hub, user, me.role, now.toISOString());
    return { hub, user, role: me.role, tls, reset };
  } finally {
    await client.end();
  }
}
