/**
 * The local side of shared builds and bid sets (tables team_share and team_shared_version): a
 * build or bid set its author shares gets a doc id once, and each share of a changed one a new
 * version that waits here for the next sync (the hub numbers it); versions pulled from the hub,
 * everyone's, are kept with their history. Shared versions are read-only here too: a colleague
 * edits a duplicate, a local build or bid set of their own.
 */
import type Database from 'better-sqlite3';
import { translatedError } from '../../../shared/contract/result';
import type { SharedDocView, SharedKind, SharedVersionView, TeamShareOut } from '../../../shared/contract/team-merge';
import { uuid7Sql } from '../migrations/0003-team-sync';
import type { HubSharedDoc, HubSharedVersion, HubSharedVersionIn } from '../hub/records';

interface VersionRow {
  gid: string;
  doc_gid: string;
  kind: SharedKind;
  version: number | null;
  name: string;
  body: string;
  shared_at: string;
  author: string | null;
  pushed_at: string | null;
  hub_change: number | null;
}

export interface SharedVersionRecord {
  versionId: string;
  docId: string;
  kind: SharedKind;
  version: number | null;
  name: string;
  body: unknown;
  author: string | null;
}

export class TeamSharedRepo {
  private readonly s;

  constructor(private readonly db: Database.Database) {
    this.s = {
      share: db.prepare('SELECT doc_gid FROM team_share WHERE kind = ? AND local_id = ?').pluck(),
      addShare: db.prepare(`INSERT INTO team_share (kind, local_id, doc_gid, created_at) VALUES (?, ?, ${uuid7Sql("'now'")}, ?) RETURNING doc_gid`).pluck(),
      latest: db.prepare('SELECT * FROM team_shared_version WHERE doc_gid = ? ORDER BY hub_change IS NULL DESC, version DESC LIMIT 1'),
      dropPending: db.prepare('DELETE FROM team_shared_version WHERE doc_gid = ? AND hub_change IS NULL'),
      addVersion: db.prepare(
        `INSERT INTO team_shared_version (gid, doc_gid, kind, name, body, shared_at) VALUES (${uuid7Sql("'now'")}, ?, ?, ?, ?, ?)`,
      ),
      pendingDocs: db.prepare(
        `SELECT doc_gid AS gid, kind, created_at FROM team_share s WHERE doc_shared = 0
            AND EXISTS (SELECT 1 FROM team_shared_version v WHERE v.doc_gid = s.doc_gid AND v.hub_change IS NULL) ORDER BY rowid`,
      ),
      pendingVersions: db.prepare('SELECT gid, doc_gid, name, body, shared_at FROM team_shared_version WHERE hub_change IS NULL ORDER BY rowid'),
      pendingCounts: db.prepare(
        `SELECT coalesce(sum(kind = 'build'), 0) AS builds, coalesce(sum(kind = 'bidset'), 0) AS bidSets FROM team_shared_version WHERE hub_change IS NULL`,
      ),
      markVersion: db.prepare('UPDATE team_shared_version SET hub_change = ?, version = ? WHERE gid = ?'),
      markDoc: db.prepare('UPDATE team_share SET doc_shared = 1 WHERE doc_gid = (SELECT doc_gid FROM team_shared_version WHERE gid = ?)'),
      byGid: db.prepare('SELECT * FROM team_shared_version WHERE gid = ?'),
      upsertPulled: db.prepare(
        `INSERT INTO team_shared_version (gid, doc_gid, kind, version, name, body, shared_at, author, pushed_at, hub_change)
         VALUES (@gid, @doc_gid, @kind, @version, @name, @body, @shared_at, @author, @pushed_at, @hub_change)
         ON CONFLICT (gid) DO UPDATE SET version = excluded.version, author = excluded.author, pushed_at = excluded.pushed_at, hub_change = excluded.hub_change`,
      ),
      markDocShared: db.prepare('UPDATE team_share SET doc_shared = 1 WHERE doc_gid = ?'),
      all: db.prepare(
        `SELECT v.*, s.local_id FROM team_shared_version v LEFT JOIN team_share s ON s.doc_gid = v.doc_gid
          WHERE (? IS NULL OR v.kind = ?) ORDER BY v.doc_gid, v.hub_change IS NULL DESC, v.version DESC`,
      ),
      pushed: db.prepare('SELECT gid, doc_gid, kind, version, name, body, author FROM team_shared_version WHERE hub_change IS NOT NULL ORDER BY gid'),
      quoteGid: db.prepare('SELECT gid FROM quote WHERE id = ?').pluck(),
      quoteId: db.prepare('SELECT id FROM quote WHERE gid = ?').pluck(),
    };
  }

  /**
   * Share a local build or bid set as it is now: a new version when its name or body differ from
   * the last one shared (an unshared one waiting here is replaced), else nothing.
   */
  share(kind: SharedKind, localId: number, name: string, body: unknown, at: string): TeamShareOut {
    return this.db.transaction((): TeamShareOut => {
      const docId = (this.s.share.get(kind, localId) as string | undefined) ?? (this.s.addShare.get(kind, localId, at) as string);
      const last = this.s.latest.get(docId) as VersionRow | undefined;
      const text = JSON.stringify(body);
      if (last && last.name === name && last.body === text) return { kind, localId, name, docId, status: 'unchanged' };
      this.s.dropPending.run(docId);
      this.s.addVersion.run(docId, kind, name, text, at);
      return { kind, localId, name, docId, status: 'queued' };
    })();
  }

  pendingDocs(): HubSharedDoc[] {
    return this.s.pendingDocs.all() as HubSharedDoc[];
  }

  pendingVersions(): HubSharedVersion[] {
    return (this.s.pendingVersions.all() as (Omit<HubSharedVersion, 'body'> & { body: string })[]).map((v) => ({ ...v, body: JSON.parse(v.body) as unknown }));
  }

  pendingCounts(): { builds: number; bidSets: number } {
    return this.s.pendingCounts.get() as { builds: number; bidSets: number };
  }

  markVersions(stamped: { gid: string; change_no: number; version: number }[]): void {
    this.db.transaction(() => {
      for (const x of stamped) {
        this.s.markVersion.run(x.change_no, x.version, x.gid);
        this.s.markDoc.run(x.gid);
      }
    })();
  }

  /** A version from the hub (someone's, or one's own coming back with its number). */
  applyVersion(row: HubSharedVersionIn, change: number): SharedKind {
    this.s.upsertPulled.run({ ...row, body: JSON.stringify(row.body), hub_change: change });
    this.s.markDocShared.run(row.doc_gid);
    return row.kind;
  }

  /** Shared docs held here, the latest version of each first (own pending shares included). */
  list(kind: SharedKind | undefined, history: boolean, me: string | undefined): SharedDocView[] {
    const rows = this.s.all.all(kind ?? null, kind ?? null) as (VersionRow & { local_id: number | null })[];
    const docs = new Map<string, SharedDocView>();
    for (const r of rows) {
      const v: SharedVersionView = { versionId: r.gid, version: r.version ?? 0, name: r.name, sharedAt: r.shared_at };
      let d = docs.get(r.doc_gid);
      if (!d) {
        const author = r.author ?? me ?? '';
        d = { docId: r.doc_gid, kind: r.kind, author, latest: v, mine: r.local_id !== null || (me !== undefined && author === me), localId: r.local_id, pending: r.hub_change === null };
        if (history) d.versions = [];
        docs.set(r.doc_gid, d);
      }
      d.versions?.push(v);
    }
    return [...docs.values()];
  }

  /** One version by its id, or the latest of a doc. */
  version(ref: { versionId?: string; docId?: string }): SharedVersionRecord {
    const r = (ref.versionId ? this.s.byGid.get(ref.versionId) : this.s.latest.get(ref.docId)) as VersionRow | undefined;
    if (!r) throw translatedError('not-found', ref.versionId ? 'errors.teamRecords.noSharedVersion' : 'errors.teamRecords.noSharedDoc', { id: ref.versionId ?? ref.docId ?? '' });
    return { versionId: r.gid, docId: r.doc_gid, kind: r.kind, version: r.version, name: r.name, body: JSON.parse(r.body) as unknown, author: r.author };
  }

  /** A build line's pinned quote travels by its global id (each laptop has its own integer ids). */
  quoteGid(id: number): string | undefined {
    return this.s.quoteGid.get(id) as string | undefined;
  }

  quoteId(gid: string): number | undefined {
    return this.s.quoteId.get(gid) as number | undefined;
  }

  /** The versions the hub holds, as this laptop has them (the equality check of a sync). */
  pushedVersions(): { gid: string; doc_gid: string; kind: string; version: number; name: string; body: unknown; author: string }[] {
    return (this.s.pushed.all() as (VersionRow & { version: number; author: string })[]).map((r) => ({
      gid: r.gid,
      doc_gid: r.doc_gid,
      kind: r.kind,
      version: r.version,
      name: r.name,
      body: JSON.parse(r.body) as unknown,
      author: r.author,
    }));
  }
}
