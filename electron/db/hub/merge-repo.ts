/**
 * The hub's side of catalog merges and shared builds and bid sets: pushes of figure edits,
 * conflict resolutions, shared docs and their versions, each batch one statement (a JSON
 * parameter expanded by json_populate_recordset) in one transaction, a gid the hub has kept as
 * it is (a rerun after a failed sync). Conflicts, the current field values and version numbers
 * are the hub's triggers' work (migration 2); GRANTs and row-level security decide who may.
 */
import type { ClientBase } from 'pg';
import type { HubCatalogEdit, HubCatalogField, HubConflict, HubResolution, HubSharedDoc, HubSharedVersion, HubSharedVersionIn } from './records';
import { HubRepo, type Stamped } from './repo';

export class HubMergeRepo {
  private readonly hub: HubRepo;

  constructor(private readonly c: ClientBase) {
    this.hub = new HubRepo(c);
  }

  private async insert(table: string, fields: readonly string[], rows: object[]): Promise<void> {
    const cols = fields.join(', ');
    await this.c.query(
      `INSERT INTO procure.${table} (${cols}) SELECT ${cols} FROM json_populate_recordset(NULL::procure.${table}, $1::json) ON CONFLICT (gid) DO NOTHING`,
      [JSON.stringify(rows)],
    );
  }

  private async stamped<T extends object = object>(table: string, gids: string[], extra = ''): Promise<(Stamped & T)[]> {
    return (await this.c.query<Stamped & T>(`SELECT gid::text AS gid, change_no::float8 AS change_no${extra} FROM procure.${table} WHERE gid = ANY($1::uuid[])`, [gids])).rows;
  }

  /** Figure edits in; the hub merges each into its field (and records a conflict where one is). */
  async pushCatalogEdits(rows: HubCatalogEdit[]): Promise<Stamped[]> {
    if (rows.length === 0) return [];
    return this.hub.inTransaction(async () => {
      await this.insert('catalog_edit', ['gid', 'part', 'field', 'value', 'source', 'base_change', 'edited_at'], rows);
      return this.stamped('catalog_edit', rows.map((r) => r.gid));
    });
  }

  /** Resolutions in; `applied` false where another keeper's resolution of the conflict came first. */
  async pushResolutions(rows: HubResolution[]): Promise<(Stamped & { applied: boolean })[]> {
    if (rows.length === 0) return [];
    return this.hub.inTransaction(async () => {
      await this.insert('catalog_resolution', ['gid', 'conflict_gid', 'decision', 'resolved_at'], rows);
      return this.stamped<{ applied: boolean }>('catalog_resolution', rows.map((r) => r.gid), ', applied');
    });
  }

  /** Every row of a table as a pull sees it (to_jsonb: the same text for times as the pull), for the equality check. */
  private async all<T>(sql: string): Promise<T[]> {
    return (await this.c.query<{ row: T }>(sql)).rows.map((r) => r.row);
  }

  allCatalogFields = () => this.all<HubCatalogField>('SELECT to_jsonb(f) AS row FROM procure.catalog_field f');
  allConflicts = () => this.all<HubConflict>('SELECT to_jsonb(k) AS row FROM procure.catalog_conflict k');
  allSharedVersions = () =>
    this.all<HubSharedVersionIn>(`SELECT to_jsonb(v) || jsonb_build_object('kind', d.kind) AS row FROM procure.shared_version v JOIN procure.shared_doc d ON d.gid = v.doc_gid`);

  /** Shared docs, then their new versions, in one transaction; the hub numbers the versions. */
  async pushShared(docs: HubSharedDoc[], versions: HubSharedVersion[]): Promise<(Stamped & { version: number })[]> {
    if (docs.length === 0 && versions.length === 0) return [];
    return this.hub.inTransaction(async () => {
      if (docs.length > 0) await this.insert('shared_doc', ['gid', 'kind', 'created_at'], docs);
      if (versions.length === 0) return [];
      await this.insert('shared_version', ['gid', 'doc_gid', 'name', 'body', 'shared_at'], versions);
      return this.stamped<{ version: number }>('shared_version', versions.map((v) => v.gid), ', version');
    });
  }
}
